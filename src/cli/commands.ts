/** The `journey` commands. Each returns its exit code: 0 success, 1 not there yet, 2 usage error. */
import { existsSync, readFileSync, statSync, watch as watchFolder } from 'node:fs';
import { join, resolve } from 'node:path';
import pc from 'picocolors';
import { loadLab, labIds, targetDir, TARGETS, type Lab, type Target } from '../course/labs.ts';
import { courseLabs } from '../course/offering.ts';
import { courseSettings } from '../course/settings.ts';
import { dueLabel, isPastDue } from '../course/due.ts';
import { labPoints, RUNS_IN_LABEL, type Stage } from '../course/manifest.ts';
import type { CoursePaths } from '../course/paths.ts';
import { gradeLab, regradeLab, WarmGrader } from '../runners/node/grade.ts';
import type { GradeResult } from '../runners/result.ts';
import { formatResult, FORMATS, type Format } from '../runners/formats.ts';
import { gradeHidden, loadHidden, type HiddenTests } from '../class/hidden.ts';
import { hintsShown, readProgress, recordProgress, revealHint } from './progress.ts';
import { firstFailure, renderScoreboard } from './scoreboard.ts';
import { UsageError } from './usage.ts';
import { importLab, resetLab, shown, startLab } from './workspace.ts';
import { realProbe, renderChecks, runChecks } from './doctor.ts';
import { DOCTOR_WORDS } from './doctor-words.ts';
import { TEACHER_WORDS } from './teacher-words.ts';
import { findTool, PLATFORM_LABEL, TOOLS, type Platform, type ToolId } from '../tooling/host-tools.ts';
import { readWorkspaceZip, WorkspaceZipError } from '../course/workspace-zip.ts';
import { ZIP_WORDS } from '../course/workspace-zip-words.ts';
import { scaffoldLab, ScaffoldError } from '../course/scaffold.ts';
import type { Locale } from '../course/locale.ts';
import { localizeManifest } from '../course/manifest-locale.ts';
import { messages, padDisplay, type Messages } from './messages.ts';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  isTTY: boolean;
  /** The language to speak (cli/locale.ts); English when unset. */
  locale?: Locale;
}

/** The CLI's words in the learner's language, and with a lab, its manifest in that language too. */
function speak(io: Io, lab: Lab): { m: Messages; manifest: Lab['manifest'] };
function speak(io: Io): { m: Messages };
function speak(io: Io, lab?: Lab): { m: Messages; manifest?: Lab['manifest'] } {
  const locale = io.locale ?? 'en';
  return { m: messages(locale), ...(lab ? { manifest: localizeManifest(lab.manifest, locale) } : {}) };
}

/** The lab with this id, or a UsageError in the learner's language listing this course's labs (and saying so when the lab is on disk but left out). */
export function requireLab(paths: CoursePaths, id: string | undefined, io: Io): Lab {
  const { m } = speak(io);
  const labs = courseLabs(paths);
  const ids = labs.map((lab) => lab.id).join(', ');
  if (!id) throw new UsageError(m.nameALab(ids));
  const lab = labs.find((l) => l.id === id);
  if (lab) return lab;
  if (labIds(paths).includes(id)) throw new UsageError(m.labLeftOut(id, ids));
  throw new UsageError(m.unknownLab(id, ids));
}

/** How long `watch` lets a save settle (editors write a file in more than one step) before re-grading. */
const SAVE_SETTLE_MS = 50;

/** The programs this stage needs that this machine lacks. */
function missingTools(stage: Stage): string[] {
  return (stage.needs ?? []).filter((tool) => !findTool(tool)).map((tool) => TOOLS[tool].name);
}

/** `journey list`: this course's labs and stages with the learner's best and latest grade, due dates, and any tool a stage lacks. */
export function list(paths: CoursePaths, io: Io, now: Date = new Date()): number {
  const progress = readProgress(paths);
  const { due } = courseSettings(paths);
  for (const lab of courseLabs(paths)) {
    const { m, manifest } = speak(io, lab);
    const mine = progress[lab.id];
    const max = labPoints(lab.manifest.stages);
    const started = existsSync(join(paths.workspace, lab.id));
    const latestNote = mine && mine.latest.score !== mine.best.score ? pc.dim(m.latestRun(mine.latest.score, max)) : '';
    const status = mine ? `${m.best(mine.best.score, max)}${latestNote}` : started ? m.startedNotGraded : m.notStartedYet;
    const dueDate = due[lab.id];
    const dueNote = dueDate ? `  ${isPastDue(dueDate, now) ? pc.yellow(m.wasDue(dueLabel(dueDate))) : m.due(dueLabel(dueDate))}` : '';
    io.out(`${pc.bold(`${lab.chapter}. ${manifest.title}`)}  ${pc.dim(`(journey start ${lab.id})`)}  ${status}${dueNote}`);
    for (const stage of manifest.stages) {
      const s = mine?.latest.stages[stage.id];
      const mark = s?.passed ? pc.green('✓') : s && s.earned > 0 ? pc.yellow('◐') : pc.dim('·');
      const earned = s ? `${s.earned}/${stage.points}` : m.pts(stage.points);
      const absent = missingTools(stage);
      const needs = absent.length ? `  ${pc.yellow(m.needsTools(absent.join(', ')))}` : '';
      io.out(`   ${mark} ${stage.id.padEnd(18)} ${padDisplay(stage.title, 34)} ${earned.padStart(7)}  ${pc.dim(stage.runsIn)}${needs}`);
    }
    io.out('');
  }
  for (const [kind, label] of Object.entries(RUNS_IN_LABEL[io.locale ?? 'en'])) io.out(pc.dim(`${kind}: ${label.long}`));
  return 0;
}

export function start(paths: CoursePaths, io: Io, id: string | undefined): number {
  const lab = requireLab(paths, id, io);
  const { m } = speak(io);
  const { dir, copied, kept, unused } = startLab(paths, lab);
  if (copied.length) io.out(m.copied(copied.join(', '), shown(paths, dir)));
  if (unused.length) io.out(m.nowGiven(unused.join(', '), unused.length > 1, shown(paths, join(lab.dir, 'given'))));
  if (kept.length) io.out(m.kept(kept.join(', '), kept.length > 1, lab.id));
  io.out(m.startNext(lab.id));
  return 0;
}

function parseTarget(value: string | undefined): Target {
  if (value === undefined) return 'workspace';
  if ((TARGETS as readonly string[]).includes(value)) return value as Target;
  throw new UsageError(`--target must be one of ${TARGETS.join(', ')}; got "${value}".`);
}

function parseFormat(value: string | undefined): Format | undefined {
  if (value === undefined) return undefined;
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${value}".`);
}

function checkStages(lab: Lab, stages: readonly string[] | undefined, m: Messages): void {
  const ids = lab.manifest.stages.map((s) => s.id);
  for (const s of stages ?? []) {
    if (!ids.includes(s)) throw new UsageError(m.unknownStage(lab.id, s, ids.join(', ')));
  }
}

function notStarted(paths: CoursePaths, io: Io, lab: Lab): number {
  const { m } = speak(io);
  io.err(m.notStarted(lab.id, shown(paths, join(paths.workspace, lab.id))));
  io.err(m.notStartedNext(lab.id));
  return 1;
}

export async function grade(
  paths: CoursePaths,
  io: Io,
  id: string | undefined,
  flags: GradeFlags,
): Promise<number> {
  const lab = requireLab(paths, id, io);
  const target = parseTarget(flags.target);
  const format = parseFormat(flags.format);
  const { m, manifest } = speak(io, lab);
  checkStages(lab, flags.stage, m);
  const hidden = hiddenFor(lab, flags.hidden, format);
  if (target === 'workspace' && !existsSync(join(paths.workspace, lab.id))) {
    // Tools reading --json get a result they can parse, saying the same thing.
    if (flags.json) io.out(JSON.stringify(await gradeLab({ paths, lab, target }), null, 2));
    return notStarted(paths, io, lab);
  }
  if (!flags.json && io.isTTY) io.err(pc.dim(m.grading(lab.id, target)));
  const result = await gradeLab({ paths, lab, target, ...(flags.stage ? { stages: flags.stage } : {}) });
  if (target === 'workspace') recordProgress(paths, lab, result);
  const secret = hidden ? await gradeHidden(paths, lab, hidden, target, targetDir(paths, lab, target)) : [];
  if (format) io.out(JSON.stringify(formatResult(result, format, secret), null, 2));
  else if (flags.json) io.out(JSON.stringify(result, null, 2));
  else {
    const where = target === 'workspace' ? shown(paths, join(paths.workspace, lab.id)) : target;
    io.out(renderScoreboard(inLanguage(result, manifest), manifest.title, where, flags.all, m));
    io.out(nextSteps(lab, result, flags.all ?? false, m));
  }
  return result.status === 'pass' && secret.every((h) => h.passed) ? 0 : 1;
}

/** The flags of `journey grade`. */
export interface GradeFlags {
  target?: string;
  stage?: string[];
  json?: boolean;
  all?: boolean;
  format?: string;
  hidden?: string;
}

/** The lab's hidden tests in `--hidden DIR`: only for Gradescope's file, the one format that can keep them from the learner until the due date. */
function hiddenFor(lab: Lab, dir: string | undefined, format: Format | undefined): HiddenTests | undefined {
  if (dir === undefined) return undefined;
  if (format !== 'gradescope') throw new UsageError('--hidden goes with --format gradescope, whose results.json shows hidden tests only after the due date; grade a class with hidden tests with `journey class grade --hidden`.');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--hidden: there is no folder ${dir}.`);
  const hidden = loadHidden(resolve(dir), lab);
  if (!hidden) throw new UsageError(`--hidden: ${dir} has no hidden tests for ${lab.id} (expected ${join(dir, lab.id, 'hidden.json')}).`);
  return hidden;
}

/** What to do after a grade: the hint for the first unfinished stage, the other stages' failures, a missing tool. */
/** A result with its stages named in the manifest's language (the graders report the English titles). */
function inLanguage(result: GradeResult, manifest: Lab['manifest']): GradeResult {
  return { ...result, stages: result.stages.map((s) => ({ ...s, title: manifest.stages.find((t) => t.id === s.id)?.title ?? s.title })) };
}

function nextSteps(lab: Lab, result: GradeResult, all: boolean, m: Messages): string {
  const unfinished = result.stages.filter((s) => s.status === 'failed');
  const lines: string[] = [];
  const others = unfinished.length - 1;
  if (!all && others > 0) lines.push(m.otherFailures(others, lab.id));
  for (const stage of lab.manifest.stages.filter((s) => unfinished.some((u) => u.id === s.id))) {
    const absent = missingTools(stage);
    if (absent.length) lines.push(pc.yellow(m.stageNeeds(stage.id, absent.join(', '))));
  }
  if (unfinished[0]) lines.push(m.stuck(lab.id, unfinished[0].id));
  return lines.length ? `\n${lines.map((l) => pc.dim(l)).join('\n')}` : '';
}

/**
 * `journey hint <lab> [stage]`: reveals the stage's next hint, one per call
 * (the count is kept), or with `seen` shows again the ones already revealed.
 */
export function hint(paths: CoursePaths, io: Io, id: string | undefined, stageId: string | undefined, flags: { seen?: boolean } = {}): number {
  const lab = requireLab(paths, id, io);
  const { m, manifest } = speak(io, lab);
  if (stageId) checkStages(lab, [stageId], m);
  const done = readProgress(paths)[lab.id]?.latest.stages ?? {};
  const stage = stageId
    ? manifest.stages.find((s) => s.id === stageId)!
    : (manifest.stages.find((s) => !done[s.id]?.passed) ?? manifest.stages.at(-1)!);
  const total = stage.hints.length;
  const before = hintsShown(paths, lab.id, stage.id);
  const shown = flags.seen ? before : revealHint(paths, lab.id, stage.id, total);
  io.out(`${pc.bold(`${lab.id} › ${stage.id}: ${stage.title}`)} ${pc.dim(m.hintHeading(stage.points, stage.runsIn))}`);
  io.out(stage.summary);
  io.out('');
  // A new hint is shown alone; --seen, or asking once they are all out, shows every one revealed.
  const from = flags.seen || before === total ? 0 : shown - 1;
  stage.hints.slice(from, shown).forEach((h, i) => io.out(`  ${pc.cyan(m.hintN(from + i + 1, total))}${h}`));
  const again = `npx journey hint ${lab.id} ${stage.id}`;
  if (shown === 0) io.out(`  ${m.noHintsYet(again)}`);
  io.out('');
  if (shown < total) io.out(pc.dim(m.stillStuck(again, shown + 1, total, shown > 1 && !flags.seen)));
  else io.out(pc.dim(m.everyHint));
  return 0;
}

/** `journey import <zip>`: the browser's export, checked whole before anything is written. */
export function importZip(paths: CoursePaths, io: Io, zipPath: string | undefined): number {
  const { m } = speak(io);
  if (!zipPath) throw new UsageError(m.nameAZip);
  if (!existsSync(zipPath)) throw new UsageError(m.noSuchFile(zipPath));
  const labs = courseLabs(paths);
  let imported: ReturnType<typeof readWorkspaceZip>;
  try {
    imported = readWorkspaceZip(readFileSync(zipPath), labs.map((l) => ({ id: l.id, files: l.manifest.files, given: l.manifest.given })), ZIP_WORDS[io.locale ?? 'en']);
  } catch (error) {
    if (!(error instanceof WorkspaceZipError)) throw error;
    io.err(`${pc.red(m.error)} ${m.cannotImport(zipPath, error.message)}`);
    return 1;
  }
  const lab = labs.find((l) => l.id === imported.lab)!;
  const { backup, dir } = importLab(paths, lab, imported.files);
  if (backup) io.out(m.movedPrevious(shown(paths, backup)));
  if (imported.skipped.length) io.out(m.leftOutGiven(imported.skipped.join(', '), shown(paths, join(lab.dir, 'given'))));
  io.out(m.imported(Object.keys(imported.files).length, shown(paths, dir), lab.id));
  return 0;
}

export function reset(paths: CoursePaths, io: Io, id: string | undefined): number {
  const lab = requireLab(paths, id, io);
  const { m } = speak(io);
  const { backup, start: started } = resetLab(paths, lab);
  if (backup) io.out(m.movedFiles(shown(paths, backup)));
  io.out(m.startedAfresh(lab.id, started.copied.join(', '), shown(paths, started.dir)));
  return 0;
}

/**
 * Re-grades the workspace whenever a file in it changes, until interrupted:
 * on one warm grading child, running again only the stages the saved files touch.
 */
export async function watch(paths: CoursePaths, io: Io, id: string | undefined): Promise<number> {
  const lab = requireLab(paths, id, io);
  const dir = join(paths.workspace, lab.id);
  if (!existsSync(dir)) return notStarted(paths, io, lab);
  const { m, manifest } = speak(io, lab);
  const warm = new WarmGrader();
  const changed = new Set<string>();
  let last: GradeResult | undefined;
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
      const saved = [...changed];
      changed.clear();
      const result = await regradeLab({ paths, lab, target: 'workspace', warm }, last, saved);
      last = result;
      recordProgress(paths, lab, result);
      if (io.isTTY) io.out('\x1bc');
      const passed = result.stages.filter((s) => s.status === 'passed').length;
      io.out(`${pc.bold(manifest.title)}  ${result.score}/${result.max}  ${pc.dim(m.stagesPassed(passed, result.stages.length))}`);
      const failure = firstFailure(result, m);
      io.out(failure ? `\n${failure}` : `\n${pc.green(m.everyStagePasses)}`);
      io.out(pc.dim(`\n${m.watching(shown(paths, dir))}`));
    } while (again);
    running = false;
  };
  let debounce: NodeJS.Timeout | undefined;
  const watcher = watchFolder(dir, { recursive: true }, (_event, file) => {
    if (file && !file.endsWith('.ts')) return;
    if (file) changed.add(join(dir, file));
    clearTimeout(debounce);
    debounce = setTimeout(() => void run(), SAVE_SETTLE_MS);
  });
  await run();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  watcher.close();
  clearTimeout(debounce);
  warm.close();
  return 0;
}

/** "lab › stage" of every stage whose manifest says it needs this tool. */
function stagesNeeding(paths: CoursePaths, tool: ToolId): string[] {
  return courseLabs(paths).flatMap((lab) => lab.manifest.stages.filter((s) => s.needs?.some((needed) => needed === tool)).map((s) => `${lab.id} › ${s.id}`));
}

/** `journey doctor`: exit 0 when everything is there, 1 when something is missing. */
export async function doctor(paths: CoursePaths, io: Io, flags: { platform?: string }): Promise<number> {
  const platforms = Object.keys(PLATFORM_LABEL);
  if (flags.platform !== undefined && !platforms.includes(flags.platform)) {
    throw new UsageError(`--platform must be one of ${platforms.join(', ')}; got "${flags.platform}".`);
  }
  const probe = realProbe((tool) => stagesNeeding(paths, tool));
  if (flags.platform) probe.platform = flags.platform as Platform;
  const words = DOCTOR_WORDS[io.locale ?? 'en'];
  const checks = await runChecks(probe, words);
  io.out(renderChecks(checks, probe.platform, words));
  return checks.every((c) => c.ok) ? 0 : 1;
}

/** `journey new <id>`: a chapter page and a lab that pass every lab check, for an author to fill in. */
export function newLab(paths: CoursePaths, io: Io, id: string | undefined, flags: { title?: string }): number {
  const w = TEACHER_WORDS[io.locale ?? 'en'];
  if (!id) throw new UsageError(w.nameNewLab);
  let written: string[];
  try {
    written = scaffoldLab(paths, id, flags);
  } catch (error) {
    if (error instanceof ScaffoldError) throw new UsageError(error.message);
    throw error;
  }
  const lab = loadLab(paths, id);
  io.out(w.created(lab.chapter, lab.manifest.title));
  for (const file of written) io.out(`  ${shown(paths, file)}`);
  io.out(w.checkIt(id));
  return 0;
}
