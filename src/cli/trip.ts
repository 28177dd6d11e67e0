/**
 * `journey trip`: chapter 11's whole journey in the simulator, with the
 * learner's pieces where their labs pass. Prints whose each piece is, the
 * timeline and the phase latencies, and writes the capture with its TLS key
 * log. The journey's modules load after the resolve hook is registered:
 * they import lab code through `@impl/…`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CoursePaths } from '../course/paths.ts';
import { gradeLab } from '../runners/node/grade.ts';
import { registerJourneyHooks } from '../journey/node-hooks.ts';
import { PIECE_IDS, type PieceId } from '../journey/pieces.ts';
import { FAULT_IDS, faultLesson, type Fault } from '../journey/faults.ts';
import { LAYERS, type Layer } from '../journey/timeline.ts';
import pc from 'picocolors';
import type { TripEnd } from '../journey/journey-grade.ts';
import type { Io } from './commands.ts';
import { UsageError } from './usage.ts';

/** The command's flags. */
export interface TripFlags {
  seed?: string;
  yours?: string;
  reference?: boolean;
  out?: string;
  layer?: string;
  fault?: string;
  grade?: boolean;
}

function listFlag<T extends string>(text: string | undefined, known: readonly T[], flag: string): T[] {
  if (text === undefined) return [];
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = items.filter((item) => !known.includes(item as T));
  if (unknown.length) throw new UsageError(`--${flag}: unknown ${unknown.map((u) => `"${u}"`).join(', ')}. Known: ${known.join(', ')}.`);
  return items as T[];
}

/** Runs the trip; 0 when the order came back (with --grade: and every piece was the learner's), 1 otherwise. */
export async function trip(paths: CoursePaths, io: Io, flags: TripFlags): Promise<number> {
  const seed = flags.seed === undefined ? undefined : Number(flags.seed);
  if (seed !== undefined && (!/^\d+$/.test(flags.seed!) || !Number.isSafeInteger(seed))) throw new UsageError(`--seed must be a whole number ≥ 0, got "${flags.seed}".`);
  const forced = listFlag<PieceId>(flags.yours, PIECE_IDS, 'yours');
  const faults = listFlag<Fault>(flags.fault, FAULT_IDS, 'fault');
  const layers = flags.layer === undefined ? undefined : new Set(listFlag<Layer>(flags.layer, LAYERS, 'layer'));
  if (flags.reference && forced.length) throw new UsageError('--reference and --yours contradict each other: choose one.');
  if (flags.grade && (flags.reference || forced.length)) throw new UsageError('--grade takes every piece from your workspace: leave out --reference and --yours.');

  registerJourneyHooks(paths);
  const { choosePieces } = await import('../journey/workspace-pieces.ts');
  const { JOURNEY_SEED, runTrip } = await import('../journey/trip.ts');
  const { TripError } = await import('../journey/trip-failure.ts');
  const { phaseBars, stackText, timelineText } = await import('../journey/render-text.ts');
  const { journeyVerdict } = await import('../journey/journey-grade.ts');

  const { pieces, choices } = await choosePieces({
    paths,
    forced: flags.grade ? PIECE_IDS : forced,
    referenceOnly: flags.reference === true,
    grade: (lab, stages) => {
      io.out(`Grading your ${lab.id} (${stages.join(', ')})…`);
      return gradeLab({ paths, lab, target: 'workspace', stages });
    },
  });
  io.out('Pieces:');
  for (const [line, choice] of stackText(pieces).map((line, i) => [line, choices[i]] as const)) io.out(choice && !flags.grade ? `${line.padEnd(32)} ${choice.reason}` : line);

  for (const fault of faults) io.out(`Fault ${fault}: ${faultLesson(fault)}.`);
  let end: TripEnd;
  try {
    const result = await runTrip({ pieces, seed: seed ?? JOURNEY_SEED, faults });
    end = { order: result.outcome.order };
    // The grade shows the verdict, not the timeline (`journey trip` without --grade prints it).
    if (!flags.grade) {
      io.out('');
      io.out(`Timeline (seed ${result.seed}):`);
      for (const line of timelineText(result.events, layers)) io.out(line);
    }
    io.out('');
    io.out('Phases:');
    for (const line of phaseBars(result.phases)) io.out(`  ${line}`);
    io.out(`Order: ${result.outcome.order.status} ${result.outcome.order.body}`);
    const out = flags.out ?? join(paths.workspace, '.journey', 'trip');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'trip.pcap'), result.pcap);
    writeFileSync(join(out, 'keylog.txt'), result.keylog);
    const shown = relative(process.cwd(), out) || '.';
    io.out(`Capture: ${join(shown, 'trip.pcap')} (TLS keys: ${join(shown, 'keylog.txt')})`);
    io.out(`  tshark -r ${join(shown, 'trip.pcap')} -o tls.keylog_file:${join(shown, 'keylog.txt')} -Y http`);
  } catch (error) {
    if (!(error instanceof TripError)) throw error;
    io.err(error.message);
    end = { failure: error };
  }
  if (!flags.grade) return 'order' in end ? 0 : 1;
  const verdict = journeyVerdict(pieces, end);
  io.out('');
  io.out(pc.bold('The whole journey, every piece yours'));
  for (const row of verdict.rows) io.out(`  ${row.ok ? pc.green('✓') : pc.red('✗')} ${row.text.padEnd(30)} ${pc.dim(row.note)}`);
  io.out('');
  io.out(`  ${pc.bold('Journey')} ${(verdict.passed ? pc.green : pc.yellow)(verdict.summary)}`);
  return verdict.passed ? 0 : 1;
}
