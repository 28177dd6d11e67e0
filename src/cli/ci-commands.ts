/**
 * `journey ci init` writes the workflow a student's fork grades itself with;
 * `journey ci summary` is the workflow's last step: it grades each lab once,
 * keeps the JSON results for the artifact and prints the job summary.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { labIds, loadLabs, type Lab } from '../course/labs.ts';
import type { CoursePaths } from '../course/paths.ts';
import { gradeLab } from '../runners/node/grade.ts';
import { summaryMarkdown, type LabOutcome } from '../ci/summary.ts';
import { RESULTS_DIR, WORKFLOW_PATH, workflowYaml } from '../ci/workflow.ts';
import type { Io } from './commands.ts';
import { shown } from './workspace.ts';
import { UsageError } from './usage.ts';

export interface CiFlags {
  labs?: string;
  out?: string;
  force?: boolean;
  'out-dir'?: string;
}

/** The labs `--labs a,b` names, in the course's (chapter) order; every lab when the flag is absent. */
function chosenLabs(paths: CoursePaths, flag: string | undefined): Lab[] {
  const ids = labIds(paths);
  const labs = loadLabs(paths);
  if (flag === undefined) return labs;
  const asked = flag.split(',').map((s) => s.trim()).filter(Boolean);
  if (!asked.length) throw new UsageError(`--labs names no lab. Labs: ${ids.join(', ')}.`);
  const unknown = asked.filter((id) => !ids.includes(id));
  if (unknown.length) throw new UsageError(`--labs: unknown lab${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}. Labs: ${ids.join(', ')}.`);
  return labs.filter((lab) => asked.includes(lab.id));
}

function resolveFrom(paths: CoursePaths, file: string): string {
  return isAbsolute(file) ? file : join(paths.root, file);
}

/** `journey ci init`: writes the workflow; an existing, different file is kept unless --force. */
export function ciInit(paths: CoursePaths, io: Io, flags: CiFlags): number {
  const labs = chosenLabs(paths, flags.labs);
  const file = resolveFrom(paths, flags.out ?? WORKFLOW_PATH);
  const text = workflowYaml(labs);
  if (existsSync(file) && !flags.force) {
    if (readFileSync(file, 'utf8') === text) {
      io.out(`${shown(paths, file)} is already up to date.`);
      return 0;
    }
    io.err(`${shown(paths, file)} exists and differs from what this course would write; it is left as it is. Run again with --force to replace it.`);
    return 1;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  const stages = labs.reduce((n, lab) => n + lab.manifest.stages.length, 0);
  io.out(`Wrote ${shown(paths, file)}: ${stages} graded steps for ${labs.map((l) => l.id).join(', ')}.`);
  io.out('Commit it; every push then shows "Points X/Y" on its run, a scoreboard in the job summary, and the results as an artifact.');
  return 0;
}

/** `journey ci summary`: grades each chosen lab's workspace, writes `<out-dir>/<lab>.json`, prints the Markdown summary. */
export async function ciSummary(paths: CoursePaths, io: Io, flags: CiFlags): Promise<number> {
  const labs = chosenLabs(paths, flags.labs);
  const dir = resolveFrom(paths, flags['out-dir'] ?? RESULTS_DIR);
  mkdirSync(dir, { recursive: true });
  const outcomes: LabOutcome[] = [];
  for (const lab of labs) {
    if (!existsSync(join(paths.workspace, lab.id))) {
      outcomes.push({ lab: lab.id, title: lab.manifest.title, notStarted: true });
      continue;
    }
    const result = await gradeLab({ paths, lab, target: 'workspace' });
    writeFileSync(join(dir, `${lab.id}.json`), JSON.stringify(result, null, 2) + '\n');
    outcomes.push({ lab: lab.id, title: lab.manifest.title, result });
  }
  io.out(summaryMarkdown(outcomes));
  // The graded steps decide the run's outcome; the summary only reports.
  return 0;
}
