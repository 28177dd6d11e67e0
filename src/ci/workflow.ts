/**
 * The CI file a student's fork grades itself with. For GitHub Actions, on every
 * push: one step per stage with GitHub Classroom's reusable command grader
 * (the stage's points as its `max-score`), the Classroom reporter that adds
 * them up ("Points X/Y" on the run), then a scoreboard in the job summary and
 * every lab's JSON result kept as an artifact for the teacher to collect.
 */
import { stringify } from 'yaml';
import type { Lab } from '../course/labs.ts';
import type { Stage } from '../course/manifest.ts';
import type { ToolId } from '../tooling/host-tools.ts';

/** The CI services `journey ci init` writes for, and where each one's file goes, from the course's root. */
export const CI_FILES = { github: '.github/workflows/grade.yml', gitlab: '.gitlab-ci.yml' } as const;
export type CiPlatform = keyof typeof CI_FILES;
/** Where the scoreboard step writes the JUnit report GitLab shows per test. */
export const JUNIT_FILE = 'journey-results/junit.xml';
/** Where the scoreboard step writes each lab's JSON result (uploaded as the artifact). */
export const RESULTS_DIR = 'journey-results';
/** The artifact's name, which `journey class collect` looks for. */
export const ARTIFACT_NAME = 'journey-results';
/** The file in RESULTS_DIR saying which commit was graded, its date and when (`journey class collect` reads it). */
export const RUN_FILE = 'run.json';

/** GitHub Classroom's reusable graders (github.com/classroom-resources), pinned to their major version. */
export const COMMAND_GRADER = 'classroom-resources/autograding-command-grader@v1';
export const REPORTER = 'classroom-resources/autograding-grading-reporter@v1';

/**
 * Minutes one stage's step may take: Node's start, the grading child and the
 * stage's tests (seconds), with room for a slow shared runner. The grader's
 * own limits still stop a hanging test long before.
 */
const STEP_TIMEOUT_MINUTES = 5;

/** Debian/Ubuntu package per host tool a stage may need. */
const APT_PACKAGE: Record<ToolId, string | undefined> = { tshark: 'tshark', postgresql: 'postgresql', chromium: 'chromium', sandbox: undefined };

/** A step id the reporter can read back: Classroom looks for `<ID>_RESULTS`, so letters, digits and `_` only. */
export function stepId(lab: string, stage: string): string {
  return `${lab}_${stage}`.replace(/[^A-Za-z0-9_]/g, '_');
}

/** The command a stage's step runs: exit 0 only when every test of the stage passes. */
export function stageCommand(lab: string, stage: string): string {
  return `npx journey grade ${lab} --stage ${stage}`;
}

function graderStep(lab: Lab, stage: Stage) {
  return {
    name: `${lab.id} › ${stage.id}: ${stage.title}`,
    id: stepId(lab.id, stage.id),
    uses: COMMAND_GRADER,
    with: {
      'test-name': `${lab.id} › ${stage.id}`,
      command: stageCommand(lab.id, stage.id),
      timeout: STEP_TIMEOUT_MINUTES,
      'max-score': stage.points,
    },
  };
}

/** The apt packages the chosen labs' stages need, in a stable order, less those the image has already. */
function aptPackages(labs: readonly Lab[], preinstalled: readonly ToolId[]): string[] {
  const tools = new Set(labs.flatMap((lab) => lab.manifest.stages.flatMap((s) => s.needs ?? [])));
  return [...tools].filter((tool) => !preinstalled.includes(tool)).sort().flatMap((tool) => APT_PACKAGE[tool] ?? []);
}

const aptInstall = (packages: readonly string[], sudo: string) => `${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(' ')}`;

/** The workflow as a plain object (what `workflowYaml` prints). */
export function workflow(labs: readonly Lab[]) {
  const graders = labs.flatMap((lab) => lab.manifest.stages.map((stage) => graderStep(lab, stage)));
  // GitHub's Ubuntu image comes with Chrome.
  const packages = aptPackages(labs, ['chromium']);
  const labList = labs.map((l) => l.id).join(',');
  return {
    name: 'Grade',
    on: { push: null, workflow_dispatch: null },
    // The reporter writes a check run; nothing else is written.
    permissions: { checks: 'write', actions: 'read', contents: 'read' },
    jobs: {
      grade: {
        'runs-on': 'ubuntu-latest',
        // Classroom's bot commits the starter; grading that push would only say 0.
        if: "github.actor != 'github-classroom[bot]'",
        // Installing takes a few minutes; each stage's step, seconds.
        'timeout-minutes': 20 + graders.length,
        steps: [
          { name: 'Check out', uses: 'actions/checkout@v4' },
          // The course's Node 24 comes with its dependencies (the `node` package), whatever Node the runner has.
          { name: 'Install the course', run: 'npm ci' },
          ...(packages.length
            ? [
                {
                  name: `Install ${packages.join(' and ')}`,
                  run: aptInstall(packages, 'sudo '),
                },
              ]
            : []),
          ...graders,
          {
            name: 'Points',
            uses: REPORTER,
            env: Object.fromEntries(graders.map((g) => [`${g.id.toUpperCase()}_RESULTS`, `\${{ steps.${g.id}.outputs.result }}`])),
            with: { runners: graders.map((g) => g.id).join(',') },
          },
          {
            name: 'Scoreboard',
            // After a failed grader too; it fails itself below full marks, like the graders.
            if: 'always()',
            run: `npx journey ci summary --labs ${labList} --out-dir ${RESULTS_DIR} >> "$GITHUB_STEP_SUMMARY"`,
          },
          {
            name: 'Keep the results',
            if: 'always()',
            uses: 'actions/upload-artifact@v4',
            with: { name: ARTIFACT_NAME, path: `${RESULTS_DIR}/` },
          },
        ],
      },
    },
  };
}

/**
 * GitLab CI's equivalent: GitLab has no points per step, so one job grades
 * every lab, shows the scoreboard in its log and reports each test through
 * JUnit (the pipeline's Tests tab and merge requests list them by stage).
 */
export function gitlabCi(labs: readonly Lab[]) {
  const packages = aptPackages(labs, []);
  return {
    grade: {
      // Debian with Node; `npm ci` brings the course's own Node 24 either way.
      image: 'node:24-bookworm',
      timeout: '1h',
      before_script: [...(packages.length ? [aptInstall(packages, '')] : []), 'npm ci'],
      script: [`npx journey ci summary --labs ${labs.map((l) => l.id).join(',')} --out-dir ${RESULTS_DIR} --junit ${JUNIT_FILE}`],
      artifacts: { when: 'always', paths: [`${RESULTS_DIR}/`], reports: { junit: JUNIT_FILE } },
    },
  };
}

const HEADER: Record<CiPlatform, string[]> = {
  github: ['# Grades this fork on every push: one step per stage, its points as max-score.'],
  gitlab: ['# Grades this fork on every push: the scoreboard in the log, each test in the pipeline\'s Tests tab.'],
};

/** The CI file's text for a platform, with a header saying where it came from. */
export function ciFileText(platform: CiPlatform, labs: readonly Lab[]): string {
  const header = [
    ...HEADER[platform],
    '# Written by `npx journey ci init`; run it again after the course changes.',
    '# The tests run from this repository, so a student can read them: hidden tests',
    '# stay with the teacher (`journey class grade --hidden`).',
  ];
  const body = platform === 'github' ? workflow(labs) : gitlabCi(labs);
  return `${header.join('\n')}\n${stringify(body, { lineWidth: 0, nullStr: '' })}`;
}
