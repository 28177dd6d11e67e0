/**
 * The GitHub Actions workflow a student's fork grades itself with, on every
 * push: one step per stage with GitHub Classroom's reusable command grader
 * (the stage's points as its `max-score`), the Classroom reporter that adds
 * them up ("Points X/Y" on the run), then a scoreboard in the job summary and
 * every lab's JSON result kept as an artifact for the teacher to collect.
 */
import { stringify } from 'yaml';
import type { Lab } from '../course/labs.ts';
import type { Stage } from '../course/manifest.ts';
import { TOOLS, type ToolId } from '../tooling/host-tools.ts';

/** Where `journey ci init` writes the workflow, from the course's root. */
export const WORKFLOW_PATH = '.github/workflows/grade.yml';
/** Where the scoreboard step writes each lab's JSON result (uploaded as the artifact). */
export const RESULTS_DIR = 'journey-results';
/** The artifact's name, which `journey class collect`-style tools look for. */
export const ARTIFACT_NAME = 'journey-results';

/** GitHub Classroom's reusable graders (github.com/classroom-resources), pinned to their major version. */
export const COMMAND_GRADER = 'classroom-resources/autograding-command-grader@v1';
export const REPORTER = 'classroom-resources/autograding-grading-reporter@v1';

/**
 * Minutes one stage's step may take: Node's start, the grading child and the
 * stage's tests (seconds), with room for a slow shared runner. The grader's
 * own limits still stop a hanging test long before.
 */
const STEP_TIMEOUT_MINUTES = 5;

/** Debian/Ubuntu package per host tool a stage may need; the runner image has Chrome already. */
const APT_PACKAGE: Partial<Record<ToolId, string>> = { tshark: 'tshark', postgresql: 'postgresql' };

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

/** The apt packages the chosen labs' stages need, in a stable order. */
function aptPackages(labs: readonly Lab[]): string[] {
  const tools = new Set(labs.flatMap((lab) => lab.manifest.stages.flatMap((s) => s.needs ?? [])));
  return [...tools].sort().flatMap((tool) => APT_PACKAGE[tool] ?? []);
}

/** The workflow as a plain object (what `workflowYaml` prints). */
export function workflow(labs: readonly Lab[]) {
  const graders = labs.flatMap((lab) => lab.manifest.stages.map((stage) => graderStep(lab, stage)));
  const packages = aptPackages(labs);
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
                  name: `Install ${packages.map((p) => TOOLS[p as ToolId]?.name ?? p).join(' and ')}`,
                  run: `sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(' ')}`,
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

/** The workflow file's text, with a header saying where it came from. */
export function workflowYaml(labs: readonly Lab[]): string {
  const header = [
    '# Grades this fork on every push: one step per stage, its points as max-score.',
    '# Written by `npx journey ci init`; run it again after the course changes.',
    '# The tests run from this repository, so a student can read them: hidden tests',
    '# stay with the teacher (`journey class grade --hidden`).',
  ];
  return `${header.join('\n')}\n${stringify(workflow(labs), { lineWidth: 0, nullStr: '' })}`;
}
