/**
 * The "Run the journey" panel's work, loaded on the first click: read the
 * learner's saved files for each lab (the lab pages' IndexedDB), decide whose
 * each piece is (grading a lab's pure stages in the grading worker, once per
 * content), run the trip in the trip worker, and show it with the chapter's
 * own figures, the pcap and the key log.
 */
import type { LabBundle } from '../../../course/lab-bundle.ts';
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

async function fetchBundle(base: string, lab: PieceId): Promise<LabBundle> {
  const response = await fetch(`${base}labs/${lab}/bundle.json`);
  if (!response.ok) throw new Error(`the ${lab} lab's files could not be loaded (${response.status})`);
  return (await response.json()) as LabBundle;
}

/** The pure stages these files fail in the grading worker. */
async function failedStages(bundle: LabBundle, files: Record<string, string>): Promise<string[]> {
  const result = await grader.grade({ lab: bundle.id, target: 'workspace', manifest: bundle.manifest, learnerFiles: files, givenFiles: bundle.given, testFiles: bundle.tests });
  return result.stages.filter((s) => s.runsIn === 'pure' && s.status !== 'passed').map((s) => s.id);
}

/** Decides one piece; a lab whose files cannot be fetched or graded runs the reference, and says why. */
async function decide(base: string, lab: PieceId, forced: boolean, say: (text: string) => void): Promise<{ choice: PieceChoice; files?: LearnerPieceFiles }> {
  try {
    return await decideFromFiles(base, lab, forced, say);
  } catch (error) {
    return { choice: choosePiece(lab, { started: true, forced, problem: (error as Error).message }) };
  }
}

/** Decides one piece, grading the learner's lab if nothing graded these exact files before; the files too when the piece is theirs. */
async function decideFromFiles(base: string, lab: PieceId, forced: boolean, say: (text: string) => void): Promise<{ choice: PieceChoice; files?: LearnerPieceFiles }> {
  const saved = await loadFiles(lab);
  if (!saved) return { choice: choosePiece(lab, { started: false, forced }) };
  const bundle = await fetchBundle(base, lab);
  const files = learnerFiles(bundle.manifest.files, saved, bundle.starter);
  const started = startedFrom(bundle.starter, files);
  let verdict: Verdict | undefined;
  if (started && !forced) {
    const key = await verdictKey(lab, files, bundle.tests);
    verdict = readSetting<Verdict | undefined>(verdictSetting(lab), undefined);
    if (verdict?.key !== key) {
      say(`Grading your ${lab} lab…`);
      verdict = { key, failed: await failedStages(bundle, files) };
      writeSetting(verdictSetting(lab), verdict);
    }
  }
  const choice = choosePiece(lab, { started, forced, verdict });
  if (choice.source === 'reference') return { choice };
  return { choice, files: { id: lab, files: runFiles({ learnerFiles: bundle.manifest.files, learner: files, given: bundle.given, tests: {} }) } };
}

function showChoice(panel: HTMLElement, choice: PieceChoice): void {
  const row = panel.querySelector<HTMLElement>(`[data-piece="${choice.id}"]`)!;
  row.dataset['source'] = choice.source;
  row.querySelector('.rj-label')!.textContent = choice.label;
  row.querySelector('.rj-reason')!.textContent = choice.reason;
}

function showStack(panel: HTMLElement, yours: number): void {
  panel.querySelector<HTMLMeterElement>('.rj-meter meter')!.value = yours;
  panel.querySelector('.rj-meter-text')!.textContent = `Your stack: ${yours} of ${PIECE_IDS.length} pieces`;
}

function download(name: string, data: BlobPart, type: string): string {
  const url = URL.createObjectURL(new Blob([data], { type }));
  downloads.push(url);
  return `<a class="rj-download" href="${url}" download="${name}">${name}</a>`;
}

/** The run's own figures: the phase bars, the table of every step, and the capture with its key log. */
function showTrip(result: HTMLElement, trip: Trip): void {
  const bars = phaseBars(trip);
  const order = trip.outcome.order;
  result.innerHTML =
    `<p class="rj-outcome">The order came back: <code>HTTP ${order.status}</code> after ${trip.durationMs} ms of simulated time, with ${trip.events.length} steps.</p>` +
    `<figure class="pl"><div class="fig-scroll fig-focus" tabindex="0" role="region" aria-label="Phase latencies of your run (scrolls sideways on a narrow screen)">${phaseBarsSvg(bars, 'rj-pl')}</div>` +
    `<figcaption class="fig-caption">Simulated time per phase of your run, ${totalMs(bars)} ms in all, seed ${trip.seed}.</figcaption></figure>` +
    timelineTableHtml(trip.events) +
    `<p class="rj-downloads">Download the capture, ${download('trip.pcap', trip.pcap as Uint8Array<ArrayBuffer>, 'application/vnd.tcpdump.pcap')}, and its TLS key log, ${download('keylog.txt', trip.keylog, 'text/plain')}; Wireshark or tshark decrypt it:</p>` +
    `<pre class="rj-tshark"><code>tshark -r trip.pcap -o tls.keylog_file:keylog.txt -Y http</code></pre>`;
  wireLayerFilter(result.querySelector<HTMLElement>('.tt')!);
}

/** The run's verdict, as `journey trip --grade` gives it; a pass is kept in this browser and shown. */
function showVerdict(panel: HTMLElement, choices: readonly PieceChoice[], run: TripRunResult, settings: { seed: number; faults: string[] }): void {
  const verdict = runVerdict(choices, run);
  const shown = panel.querySelector<HTMLElement>('[data-part="verdict"]')!;
  shown.hidden = !verdict;
  if (!verdict) return;
  shown.innerHTML = verdictHtml(verdict);
  if (!verdict.passed) return;
  const passed = panel.querySelector<HTMLElement>('[data-part="passed"]')!;
  passed.textContent = passText(recordJourneyPass({ at: new Date().toISOString(), ...settings }));
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
  try {
    const base = panel.dataset['base']!;
    const forced = new Set([...panel.querySelectorAll<HTMLInputElement>('[data-force]:checked')].map((input) => input.dataset['force']));
    const yours: LearnerPieceFiles[] = [];
    const choices: PieceChoice[] = [];
    for (const lab of PIECE_IDS) {
      say(`Choosing the pieces: ${lab}…`);
      const { choice, files } = await decide(base, lab, forced.has(lab), say);
      showChoice(panel, choice);
      choices.push(choice);
      if (files) yours.push(files);
    }
    showStack(panel, yours.length);
    const faults = [...panel.querySelectorAll<HTMLInputElement>('[data-fault]:checked')].map((input) => input.value);
    const seedInput = panel.querySelector<HTMLInputElement>('[data-part="seed"]')!;
    const seed = seedInput.validity.valid && seedInput.value !== '' ? Number(seedInput.value) : Number(seedInput.defaultValue);
    const started = performance.now();
    const run = await trips.run({ seed, faults, yours }, { onProgress: (text) => say(text) });
    showVerdict(panel, choices, run, { seed, faults });
    if (run.kind === 'failed') {
      for (const lab of run.blamed) panel.querySelector(`[data-piece="${lab}"]`)?.setAttribute('data-blamed', '');
      say(run.message, true);
      return;
    }
    showTrip(result, run.trip);
    result.hidden = false;
    say(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s: the trip below is your run.`);
  } catch (error) {
    say(`The journey could not run: ${(error as Error).message}`, true);
  }
}
