/**
 * The lab page's full-Node runner, loaded on the learner's click (whether the
 * browser can use it is full-node-support.ts): boots the WebContainer on that
 * click (never on page load), shows the grader's output in a terminal
 * (xterm.js, loaded only then), and hands back
 * the result. Every failure comes back as a message; the worker runner and the
 * learner's files are untouched by it. A boot whose runtime cannot even be
 * reached fails at once instead of waiting out the boot limit.
 */
import type { LabBundle } from '../course/lab-bundle.ts';
import { BOOT_TIMEOUT_MS, bootContainer, type BootStep } from '../runners/container/boot.ts';
import { gradeInContainer } from '../runners/container/container-runner.ts';
import type { GradeResult } from '../runners/result.ts';

let terminal: Promise<{ write(text: string): void; clear(): void }> | undefined;

/** The terminal panel, created on first use. */
function openTerminal(host: HTMLElement): Promise<{ write(text: string): void; clear(): void }> {
  terminal ??= (async () => {
    const [{ Terminal }, { FitAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit')]);
    await import('@xterm/xterm/css/xterm.css');
    host.hidden = false;
    const term = new Terminal({ convertEol: true, fontSize: 12, rows: 14, disableStdin: true, screenReaderMode: true });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host);
    fit.fit();
    addEventListener('resize', () => fit.fit());
    return { write: (text: string) => term.write(text), clear: () => term.clear() };
  })();
  return terminal;
}

/** Where WebContainer.boot() loads its runtime from (its own default unless a page overrides it). */
function runtimeOrigin(): string {
  return (globalThis as { WEBCONTAINER_API_IFRAME_URL?: string }).WEBCONTAINER_API_IFRAME_URL ?? 'https://stackblitz.com';
}

/**
 * Rejects as soon as a request to the runtime's host fails (offline, blocked by
 * an extension, a filter or a CSP): the boot itself would only hang. The boot's
 * frame must be embeddable in this cross-origin-isolated page, so its host
 * answers such a no-cors request whenever the boot could succeed.
 */
async function runtimeUnreachable(): Promise<never> {
  try {
    await fetch(`${runtimeOrigin()}/headless`, { mode: 'no-cors', cache: 'no-store', credentials: 'omit' });
  } catch {
    throw new Error(
      `Node could not start: the request to StackBlitz (${new URL(runtimeOrigin()).host}, which serves the WebContainer runtime) failed. ` +
        'You may be offline, or an ad or script blocker, a strict privacy setting or a network filter may be blocking it.',
    );
  }
  return new Promise<never>(() => {});
}

let graderSource: Promise<string> | undefined;

/** Grades the learner's files in full Node; throws with a message meant for the learner. */
export async function gradeInFullNode(options: {
  bundle: LabBundle;
  files: Record<string, string>;
  graderUrl: string;
  terminalHost: HTMLElement;
  onStep: (step: BootStep | 'mounting the lab' | 'grading') => void;
}): Promise<GradeResult> {
  graderSource ??= fetch(options.graderUrl).then((r) => {
    if (!r.ok) throw new Error(`could not load the grader (${r.status})`);
    return r.text();
  });
  // A maintainer (or a test) can shorten the boot limit: localStorage['packet-journey:boot-timeout-ms'].
  const bootLimit = Number(localStorage.getItem('packet-journey:boot-timeout-ms')) || BOOT_TIMEOUT_MS;
  // One after another, so a failed step is the last thing the learner sees.
  const source = await graderSource;
  const driver = await Promise.race([bootContainer(options.onStep, bootLimit), runtimeUnreachable()]);
  const term = await openTerminal(options.terminalHost);
  options.onStep('grading');
  term.write(`\r\n$ node grader.mjs run.json   # ${options.bundle.id}: every stage but 'host'\r\n`);
  return gradeInContainer(driver, {
    lab: options.bundle.id,
    target: 'workspace',
    manifest: options.bundle.manifest,
    learnerFiles: options.files,
    givenFiles: options.bundle.given,
    testFiles: options.bundle.tests,
    graderSource: source,
    // Served beside the grader (deploy.ts), fetched only for a lab whose files import their package.
    packageFile: async (name) => {
      const response = await fetch(new URL(name, new URL(options.graderUrl, location.href)));
      if (!response.ok) throw new Error(`could not load ${name}, which this lab's database needs (${response.status})`);
      return new Uint8Array(await response.arrayBuffer());
    },
    ...(options.bundle.scoring ? { scoring: options.bundle.scoring } : {}),
    onOutput: (text) => term.write(text),
  });
}
