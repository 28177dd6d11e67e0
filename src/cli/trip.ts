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
import { JOURNEY_WORDS } from '../journey/journey-words.ts';
import { padDisplay } from '../course/display-width.ts';
import type { Io } from './commands.ts';
import { TRIP_WORDS, type TripWords } from './trip-words.ts';
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

function listFlag<T extends string>(text: string | undefined, known: readonly T[], flag: string, w: TripWords): T[] {
  if (text === undefined) return [];
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = items.filter((item) => !known.includes(item as T));
  if (unknown.length) throw new UsageError(w.unknownItems(flag, unknown.map((u) => `"${u}"`).join(', '), known.join(', ')));
  return items as T[];
}

/** Runs the trip; 0 when the order came back (with --grade: and every piece was the learner's), 1 otherwise. */
export async function trip(paths: CoursePaths, io: Io, flags: TripFlags): Promise<number> {
  const w = TRIP_WORDS[io.locale ?? 'en'];
  const words = JOURNEY_WORDS[io.locale ?? 'en'];
  const seed = flags.seed === undefined ? undefined : Number(flags.seed);
  if (seed !== undefined && (!/^\d+$/.test(flags.seed!) || !Number.isSafeInteger(seed))) throw new UsageError(w.seedFlag(flags.seed!));
  const forced = listFlag<PieceId>(flags.yours, PIECE_IDS, 'yours', w);
  const faults = listFlag<Fault>(flags.fault, FAULT_IDS, 'fault', w);
  const layers = flags.layer === undefined ? undefined : new Set(listFlag<Layer>(flags.layer, LAYERS, 'layer', w));
  if (flags.reference && forced.length) throw new UsageError(w.referenceAndYours);
  if (flags.grade && (flags.reference || forced.length)) throw new UsageError(w.gradeAlone);

  registerJourneyHooks(paths);
  const { choosePieces } = await import('../journey/workspace-pieces.ts');
  const { JOURNEY_SEED, runTrip } = await import('../journey/trip.ts');
  const { TripError, tripError } = await import('../journey/trip-failure.ts');
  const { phaseBars, stackText, timelineText } = await import('../journey/render-text.ts');
  const { journeyVerdict } = await import('../journey/journey-grade.ts');

  const { pieces, choices } = await choosePieces({
    paths,
    forced: flags.grade ? PIECE_IDS : forced,
    referenceOnly: flags.reference === true,
    words,
    grade: (lab, stages) => {
      io.out(w.grading(lab.id, stages.join(', ')));
      return gradeLab({ paths, lab, target: 'workspace', stages });
    },
  });
  io.out(w.pieces);
  for (const [line, choice] of stackText(pieces, words).map((line, i) => [line, choices[i]] as const)) io.out(choice && !flags.grade ? `${padDisplay(line, 32)} ${choice.reason}` : line);

  for (const fault of faults) io.out(w.fault(fault, faultLesson(fault, words)));
  let end: TripEnd;
  try {
    const result = await runTrip({ pieces, seed: seed ?? JOURNEY_SEED, faults });
    end = { order: result.outcome.order };
    // The grade shows the verdict, not the timeline (`journey trip` without --grade prints it).
    if (!flags.grade) {
      io.out('');
      io.out(w.timeline(result.seed));
      for (const line of timelineText(result.events, layers)) io.out(line);
    }
    io.out('');
    io.out(w.phases);
    for (const line of phaseBars(result.phases, undefined, words)) io.out(`  ${line}`);
    io.out(w.order(result.outcome.order.status, result.outcome.order.body));
    const out = flags.out ?? join(paths.workspace, '.journey', 'trip');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'trip.pcap'), result.pcap);
    writeFileSync(join(out, 'keylog.txt'), result.keylog);
    const shown = relative(process.cwd(), out) || '.';
    io.out(w.capture(join(shown, 'trip.pcap'), join(shown, 'keylog.txt')));
    io.out(`  tshark -r ${join(shown, 'trip.pcap')} -o tls.keylog_file:${join(shown, 'keylog.txt')} -Y http`);
  } catch (error) {
    if (!(error instanceof TripError)) throw error;
    // The trip explains itself in English; told again in the learner's language, with the same step and pieces.
    io.err(tripError(error.cause, error.phase, error.time, pieces, words).message);
    end = { failure: error };
  }
  if (!flags.grade) return 'order' in end ? 0 : 1;
  const verdict = journeyVerdict(pieces, end, words);
  io.out('');
  io.out(pc.bold(words.verdictHeading));
  for (const row of verdict.rows) io.out(`  ${row.ok ? pc.green('✓') : pc.red('✗')} ${padDisplay(row.text, 30)} ${pc.dim(row.note)}`);
  io.out('');
  io.out(`  ${pc.bold(words.journey)} ${(verdict.passed ? pc.green : pc.yellow)(verdict.summary)}`);
  return verdict.passed ? 0 : 1;
}
