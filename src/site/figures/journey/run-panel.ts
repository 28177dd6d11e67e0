/**
 * The "Run the journey" panel's work, loaded on the first click: read the
 * learner's saved files for each lab (the lab pages' IndexedDB), decide whose
 * each piece is (grading a lab's pure stages in the grading worker, once per
 * content), run the trip in the trip worker, and show it with the chapter's
 * own figures, the pcap and the key log.
 */
import type { LabBundle } from '../../../course/lab-bundle.ts';
import type { Locale } from '../../../course/locale.ts';
import { JOURNEY_WORDS } from '../../../journey/journey-words.ts';
import { escapeHtml } from '../../components/escape-html.ts';
import { fill, pageLocale, uiStrings, type UiStrings } from '../../i18n/ui.ts';
import { PIECE_IDS, type PieceId } from '../../../journey/pieces.ts';
import type { Trip } from '../../../journey/trip.ts';
import { runFiles } from '../../../runners/embedded/run-files.ts';
import type { LearnerPieceFiles } from '../../../runners/embedded/trip-protocol.ts';
import { TripRunner, type TripRunResult } from '../../../runners/worker/trip-runner.ts';
import { WorkerRunner } from '../../../runners/worker/worker-runner.ts';
import { readSetting, writeSetting } from '../../../workspace/preferences.ts';
import { loadFiles } from '../../../workspace/storage.ts';
import { passText, recordJourneyPass } from './journey-pass.ts';
import { runVerdict, verdictHtml } from './journey-verdict-view.ts';
import { wireLayerFilter } from './layer-filter.ts';
import { choosePiece, learnerFiles, startedFrom, verdictKey, type PieceChoice, type Verdict } from './piece-choice.ts';
import { phaseBars, phaseBarsSvg, timelineTableHtml, totalMs } from './trip-figures.ts';

const grader = new WorkerRunner(() => new Worker(new URL('../../../runners/worker/worker.ts', import.meta.url), { type: 'module' }));
const trips = new TripRunner(() => new Worker(new URL('../../../runners/worker/trip-worker.ts', import.meta.url), { type: 'module' }));
/** Object URLs of the last run's downloads, freed when the next run replaces them. */
let downloads: string[] = [];

/** Where a lab's last verdict is kept (readSetting's prefix makes it packet-journey:journey-verdict:<lab>). */
const verdictSetting = (lab: PieceId) => `journey-verdict:${lab}`;

async function fetchBundle(base: string, lab: PieceId, t: UiStrings): Promise<LabBundle> {
  const response = await fetch(`${base}labs/${lab}/bundle.json`);
  if (!response.ok) throw new Error(fill(t.rjBundleFailed, { lab, status: response.status }));
  return (await response.json()) as LabBundle;
}

/** The pure stages these files fail in the grading worker. */
async function failedStages(bundle: LabBundle, files: Record<string, string>): Promise<string[]> {
  const result = await grader.grade({ lab: bundle.id, target: 'workspace', manifest: bundle.manifest, learnerFiles: files, givenFiles: bundle.given, testFiles: bundle.tests });
  return result.stages.filter((s) => s.runsIn === 'pure' && s.status !== 'passed').map((s) => s.id);
}

/** What a run needs to know of its panel: the site's base path, and the language to speak. */
interface PanelContext {
  base: string;
  locale: Locale;
  t: UiStrings;
  say: (text: string, failed?: boolean) => void;
}

/** Decides one piece; a lab whose files cannot be fetched or graded runs the reference, and says why. */
async function decide(context: PanelContext, lab: PieceId, forced: boolean): Promise<{ choice: PieceChoice; files?: LearnerPieceFiles }> {
  try {
    return await decideFromFiles(context, lab, forced);
  } catch (error) {
    return { choice: choosePiece(lab, { started: true, forced, problem: (error as Error).message }, context.locale) };
  }
}

/** Decides one piece, grading the learner's lab if nothing graded these exact files before; the files too when the piece is theirs. */
async function decideFromFiles(context: PanelContext, lab: PieceId, forced: boolean): Promise<{ choice: PieceChoice; files?: LearnerPieceFiles }> {
  const saved = await loadFiles(lab);
  if (!saved) return { choice: choosePiece(lab, { started: false, forced }, context.locale) };
  const bundle = await fetchBundle(context.base, lab, context.t);
  const files = learnerFiles(bundle.manifest.files, saved, bundle.starter);
  const started = startedFrom(bundle.starter, files);
  let verdict: Verdict | undefined;
  if (started && !forced) {
    const key = await verdictKey(lab, files, bundle.tests);
    verdict = readSetting<Verdict | undefined>(verdictSetting(lab), undefined);
    if (verdict?.key !== key) {
      context.say(fill(context.t.rjGradingLab, { lab }));
      verdict = { key, failed: await failedStages(bundle, files) };
      writeSetting(verdictSetting(lab), verdict);
    }
  }
  const choice = choosePiece(lab, { started, forced, verdict }, context.locale);
  if (choice.source === 'reference') return { choice };
  return { choice, files: { id: lab, files: runFiles({ learnerFiles: bundle.manifest.files, learner: files, given: bundle.given, tests: {} }) } };
}

function showChoice(panel: HTMLElement, choice: PieceChoice): void {
  const row = panel.querySelector<HTMLElement>(`[data-piece="${choice.id}"]`)!;
  row.dataset['source'] = choice.source;
  row.querySelector('.rj-label')!.textContent = choice.label;
  row.querySelector('.rj-reason')!.textContent = choice.reason;
}

function showStack(panel: HTMLElement, yours: number, t: UiStrings): void {
  panel.querySelector<HTMLMeterElement>('.rj-meter meter')!.value = yours;
  panel.querySelector('.rj-meter-text')!.textContent = fill(t.rjStack, { n: yours, total: PIECE_IDS.length });
}

function download(name: string, data: BlobPart, type: string): string {
  const url = URL.createObjectURL(new Blob([data], { type }));
  downloads.push(url);
  return `<a class="rj-download" href="${url}" download="${name}">${name}</a>`;
}

/** The run's own figures: the phase bars, the table of every step, and the capture with its key log. */
function showTrip(result: HTMLElement, trip: Trip, locale: Locale): void {
  const t = uiStrings(locale);
  const bars = phaseBars(trip, JOURNEY_WORDS[locale]);
  const order = trip.outcome.order;
  // The catalogue's text is the course's own; only the values are markup.
  result.innerHTML =
    `<p class="rj-outcome">${fill(t.rjOutcome, { status: `<code>HTTP ${order.status}</code>`, ms: trip.durationMs, steps: trip.events.length })}</p>` +
    `<figure class="pl"><div class="fig-scroll fig-focus" tabindex="0" role="region" aria-label="${escapeHtml(t.rjBarsRegion)}">${phaseBarsSvg(bars, 'rj-pl', t)}</div>` +
    `<figcaption class="fig-caption">${fill(t.rjBarsCaption, { ms: totalMs(bars), seed: trip.seed })}</figcaption></figure>` +
    timelineTableHtml(trip.events, t) +
    `<p class="rj-downloads">${fill(t.rjDownloads, { pcap: download('trip.pcap', trip.pcap as Uint8Array<ArrayBuffer>, 'application/vnd.tcpdump.pcap'), keylog: download('keylog.txt', trip.keylog, 'text/plain') })}</p>` +
    `<pre class="rj-tshark"><code>tshark -r trip.pcap -o tls.keylog_file:keylog.txt -Y http</code></pre>`;
  wireLayerFilter(result.querySelector<HTMLElement>('.tt')!);
}

/** The run's verdict, as `journey trip --grade` gives it; a pass is kept in this browser and shown. */
function showVerdict(panel: HTMLElement, context: PanelContext, choices: readonly PieceChoice[], run: TripRunResult, settings: { seed: number; faults: string[] }): void {
  const verdict = runVerdict(choices, run, context.locale);
  const shown = panel.querySelector<HTMLElement>('[data-part="verdict"]')!;
  shown.hidden = !verdict;
  if (!verdict) return;
  shown.innerHTML = verdictHtml(verdict, context.locale, context.base);
  if (!verdict.passed) return;
  const passed = panel.querySelector<HTMLElement>('[data-part="passed"]')!;
  passed.textContent = passText(recordJourneyPass({ at: new Date().toISOString(), ...settings }), context.t);
  passed.hidden = false;
}

/** Runs the journey from the panel's settings, showing each step of the work in its status line (the panel's button stays disabled meanwhile). */
export async function runJourney(panel: HTMLElement): Promise<void> {
  const status = panel.querySelector<HTMLElement>('[data-part="status"]')!;
  const result = panel.querySelector<HTMLElement>('[data-part="result"]')!;
  const say = (text: string, failed = false) => {
    status.textContent = text;
    status.classList.toggle('rj-failed', failed);
  };
  result.hidden = true;
  panel.querySelector<HTMLElement>('[data-part="verdict"]')!.hidden = true;
  for (const row of panel.querySelectorAll('[data-blamed]')) row.removeAttribute('data-blamed');
  for (const url of downloads) URL.revokeObjectURL(url);
  downloads = [];
  const locale = pageLocale(panel.dataset['locale']);
  const context: PanelContext = { base: panel.dataset['base']!, locale, t: uiStrings(locale), say };
  try {
    const forced = new Set([...panel.querySelectorAll<HTMLInputElement>('[data-force]:checked')].map((input) => input.dataset['force']));
    const yours: LearnerPieceFiles[] = [];
    const choices: PieceChoice[] = [];
    for (const lab of PIECE_IDS) {
      say(fill(context.t.rjChoosing, { lab }));
      const { choice, files } = await decide(context, lab, forced.has(lab));
      showChoice(panel, choice);
      choices.push(choice);
      if (files) yours.push(files);
    }
    showStack(panel, yours.length, context.t);
    const faults = [...panel.querySelectorAll<HTMLInputElement>('[data-fault]:checked')].map((input) => input.value);
    const seedInput = panel.querySelector<HTMLInputElement>('[data-part="seed"]')!;
    const seed = seedInput.validity.valid && seedInput.value !== '' ? Number(seedInput.value) : Number(seedInput.defaultValue);
    const started = performance.now();
    const run = await trips.run({ seed, faults, yours, locale }, { onProgress: (text) => say(text) });
    showVerdict(panel, context, choices, run, { seed, faults });
    if (run.kind === 'failed') {
      for (const lab of run.blamed) panel.querySelector(`[data-piece="${lab}"]`)?.setAttribute('data-blamed', '');
      say(run.message, true);
      return;
    }
    showTrip(result, run.trip, locale);
    result.hidden = false;
    say(fill(context.t.rjDone, { seconds: ((performance.now() - started) / 1000).toFixed(1) }));
  } catch (error) {
    say(JOURNEY_WORDS[locale].couldNotRun((error as Error).message), true);
  }
}
