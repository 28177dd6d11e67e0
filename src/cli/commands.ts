/** The `journey` commands. Each returns its exit code: 0 success, 1 not there yet, 2 usage error. */
import { existsSync, readFileSync, watch as watchFolder } from 'node:fs';
import { join } from 'node:path';
import pc from 'picocolors';
import { loadLab, loadLabs, labIds, TARGETS, type Lab, type Target } from '../course/labs.ts';
import { labPoints, RUNS_IN_LABEL } from '../course/manifest.ts';
import type { CoursePaths } from '../course/paths.ts';
import { gradeLab } from '../runners/node/grade.ts';
import { readProgress, recordProgress } from './progress.ts';
import { firstFailure, renderScoreboard } from './scoreboard.ts';
import { UsageError } from './usage.ts';
import { importLab, resetLab, shown, startLab } from './workspace.ts';
import { readWorkspaceZip, WorkspaceZipError } from '../course/workspace-zip.ts';
import { scaffoldLab, ScaffoldError } from '../course/scaffold.ts';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  isTTY: boolean;
}

/** The lab with this id, or a UsageError listing the labs there are. */
export function requireLab(paths: CoursePaths, id: string | undefined): Lab {
  const ids = labIds(paths);
  if (!id) throw new UsageError(`name a lab. Labs: ${ids.join(', ')}.`);
  if (!ids.includes(id)) throw new UsageError(`unknown lab "${id}". Labs: ${ids.join(', ')}.`);
  return loadLab(paths, id);
}

export function list(paths: CoursePaths, io: Io): number {
  const progress = readProgress(paths);
  for (const lab of loadLabs(paths)) {
    const mine = progress[lab.id];
    const max = labPoints(lab.manifest.stages);
    const started = existsSync(join(paths.workspace, lab.id));
    const status = mine ? `${mine.score}/${max}` : started ? 'started, not graded yet' : 'not started';
    io.out(`${pc.bold(`${lab.chapter}. ${lab.manifest.title}`)}  ${pc.dim(`(journey start ${lab.id})`)}  ${status}`);
    for (const stage of lab.manifest.stages) {
      const s = mine?.stages[stage.id];
      const mark = s?.passed ? pc.green('✓') : s && s.earned > 0 ? pc.yellow('◐') : pc.dim('·');
      const earned = s ? `${s.earned}/${stage.points}` : `${stage.points} pts`;
      io.out(`   ${mark} ${stage.id.padEnd(18)} ${stage.title.padEnd(34)} ${earned.padStart(7)}  ${pc.dim(stage.runsIn)}`);
    }
    io.out('');
  }
  for (const [kind, label] of Object.entries(RUNS_IN_LABEL)) io.out(pc.dim(`${kind}: ${label.long}`));
  return 0;
}

export function start(paths: CoursePaths, io: Io, id: string | undefined): number {
  const lab = requireLab(paths, id);
  const { dir, copied, kept, unused } = startLab(paths, lab);
  if (copied.length) io.out(`Copied ${copied.join(', ')} into ${shown(paths, dir)}/`);
  if (unused.length) io.out(`Your ${unused.join(', ')} ${unused.length === 1 ? 'is' : 'are'} now given: graders read ${shown(paths, join(lab.dir, 'given'))}/, so import ${unused.length === 1 ? 'it' : 'them'} as @impl/<file> (your copies are kept, unused).`);
  if (kept.length) io.out(`Kept your ${kept.join(', ')} as ${kept.length === 1 ? 'it is' : 'they are'} (start never overwrites; \`journey reset ${lab.id}\` starts over with a backup).`);
  io.out(`Next: edit the files, then \`npx journey grade ${lab.id}\` (or \`npx journey watch ${lab.id}\`).`);
  return 0;
}

function parseTarget(value: string | undefined): Target {
  if (value === undefined) return 'workspace';
  if ((TARGETS as readonly string[]).includes(value)) return value as Target;
  throw new UsageError(`--target must be one of ${TARGETS.join(', ')}; got "${value}".`);
}

function checkStages(lab: Lab, stages: readonly string[] | undefined): void {
  const ids = lab.manifest.stages.map((s) => s.id);
  for (const s of stages ?? []) {
    if (!ids.includes(s)) throw new UsageError(`lab "${lab.id}" has no stage "${s}". Stages: ${ids.join(', ')}.`);
  }
}

function notStarted(paths: CoursePaths, io: Io, lab: Lab): number {
  io.err(`You have not started the ${lab.id} lab: ${shown(paths, join(paths.workspace, lab.id))}/ does not exist.`);
  io.err(`Run \`npx journey start ${lab.id}\` to copy the starter files there, or grade the reference with --target solution.`);
  return 1;
}

export async function grade(
  paths: CoursePaths,
  io: Io,
  id: string | undefined,
  flags: { target?: string; stage?: string[]; json?: boolean },
): Promise<number> {
  const lab = requireLab(paths, id);
  const target = parseTarget(flags.target);
  checkStages(lab, flags.stage);
  if (target === 'workspace' && !existsSync(join(paths.workspace, lab.id))) {
    // Tools reading --json get a result they can parse, saying the same thing.
    if (flags.json) io.out(JSON.stringify(await gradeLab({ paths, lab, target }), null, 2));
    return notStarted(paths, io, lab);
  }
  if (!flags.json && io.isTTY) io.err(pc.dim(`Grading ${lab.id} (${target})…`));
  const result = await gradeLab({ paths, lab, target, ...(flags.stage ? { stages: flags.stage } : {}) });
  if (target === 'workspace') recordProgress(paths, lab, result);
  if (flags.json) io.out(JSON.stringify(result, null, 2));
  else {
    io.out(renderScoreboard(result, lab.manifest.title, target === 'workspace' ? shown(paths, join(paths.workspace, lab.id)) : `${target}`));
    const next = result.stages.find((s) => s.status === 'failed');
    if (next) io.out(`\n${pc.dim(`Stuck? \`npx journey hint ${lab.id} ${next.id}\`.`)}`);
  }
  return result.status === 'pass' ? 0 : 1;
}

export function hint(paths: CoursePaths, io: Io, id: string | undefined, stageId: string | undefined): number {
  const lab = requireLab(paths, id);
  if (stageId) checkStages(lab, [stageId]);
  const done = readProgress(paths)[lab.id]?.stages ?? {};
  const stage = stageId
    ? lab.manifest.stages.find((s) => s.id === stageId)!
    : (lab.manifest.stages.find((s) => !done[s.id]?.passed) ?? lab.manifest.stages.at(-1)!);
  io.out(`${pc.bold(`${lab.id} › ${stage.id}: ${stage.title}`)} ${pc.dim(`(${stage.points} points, runs in: ${stage.runsIn})`)}`);
  io.out(stage.summary, );
  io.out('');
  stage.hints.forEach((h, i) => io.out(`  ${pc.cyan(`Hint ${i + 1}.`)} ${h}`));
  return 0;
}

/** `journey import <zip>`: the browser's export, checked whole before anything is written. */
export function importZip(paths: CoursePaths, io: Io, zipPath: string | undefined): number {
  if (!zipPath) throw new UsageError('name the zip to import, e.g. `npx journey import ~/Downloads/dns.zip`.');
  if (!existsSync(zipPath)) throw new UsageError(`there is no file ${zipPath}.`);
  const labs = loadLabs(paths);
  let imported: ReturnType<typeof readWorkspaceZip>;
  try {
    imported = readWorkspaceZip(readFileSync(zipPath), labs.map((l) => ({ id: l.id, files: l.manifest.files, given: l.manifest.given })));
  } catch (error) {
    if (!(error instanceof WorkspaceZipError)) throw error;
    io.err(`${pc.red('journey:')} cannot import ${zipPath}: ${error.message}. Nothing was changed.`);
    return 1;
  }
  const lab = labs.find((l) => l.id === imported.lab)!;
  const { backup, dir } = importLab(paths, lab, imported.files);
  if (backup) io.out(`Moved your previous files to ${shown(paths, backup)}/.`);
  if (imported.skipped.length) io.out(`Left out ${imported.skipped.join(', ')}: given files, read from ${shown(paths, join(lab.dir, 'given'))}/.`);
  io.out(`Imported ${Object.keys(imported.files).length} files into ${shown(paths, dir)}/. Grade them: \`npx journey grade ${lab.id}\`.`);
  return 0;
}

export function reset(paths: CoursePaths, io: Io, id: string | undefined): number {
  const lab = requireLab(paths, id);
  const { backup, start: started } = resetLab(paths, lab);
  if (backup) io.out(`Moved your files to ${shown(paths, backup)}/ (nothing is deleted; copy back what you need).`);
  io.out(`Started ${lab.id} afresh: ${started.copied.join(', ')} copied from the starter into ${shown(paths, started.dir)}/.`);
  return 0;
}

/** Re-grades the workspace whenever a file in it changes, until interrupted. */
export async function watch(paths: CoursePaths, io: Io, id: string | undefined): Promise<number> {
  const lab = requireLab(paths, id);
  const dir = join(paths.workspace, lab.id);
  if (!existsSync(dir)) return notStarted(paths, io, lab);
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    do {
      again = false;
      const result = await gradeLab({ paths, lab, target: 'workspace' });
      recordProgress(paths, lab, result);
      if (io.isTTY) io.out('\x1bc');
      const passed = result.stages.filter((s) => s.status === 'passed').length;
      io.out(`${pc.bold(lab.manifest.title)}  ${result.score}/${result.max}  ${pc.dim(`${passed}/${result.stages.length} stages passed`)}`);
      const failure = firstFailure(result);
      io.out(failure ? `\n${failure}` : `\n${pc.green('Every stage passes. Well done.')}`);
      io.out(pc.dim(`\nWatching ${shown(paths, dir)}/ — save a file to re-grade, Ctrl+C to stop.`));
    } while (again);
    running = false;
  };
  let debounce: NodeJS.Timeout | undefined;
  const watcher = watchFolder(dir, { recursive: true }, (_event, file) => {
    if (file && !file.endsWith('.ts')) return;
    clearTimeout(debounce);
    debounce = setTimeout(() => void run(), 150);
  });
  await run();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  watcher.close();
  clearTimeout(debounce);
  return 0;
}

/** `journey new <id>`: a chapter page and a lab that pass every lab check, for an author to fill in. */
export function newLab(paths: CoursePaths, io: Io, id: string | undefined, flags: { title?: string }): number {
  if (!id) throw new UsageError('name the new lab, e.g. `npx journey new http-cache`.');
  let written: string[];
  try {
    written = scaffoldLab(paths, id, flags);
  } catch (error) {
    if (error instanceof ScaffoldError) throw new UsageError(error.message);
    throw error;
  }
  const lab = loadLab(paths, id);
  io.out(`Created chapter ${lab.chapter}, "${lab.manifest.title}":`);
  for (const file of written) io.out(`  ${shown(paths, file)}`);
  io.out(`Check it: \`npx journey grade ${id} --target solution\` (full marks) and \`--target starter\` (fails every stage); labs/README.md walks you through the rest.`);
  return 0;
}
