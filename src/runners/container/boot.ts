/**
 * Boots a WebContainer on demand, once per tab, with named steps and a time
 * limit: boot has no timeout of its own and hangs when an extension or a CSP
 * blocks StackBlitz's iframe.
 */
import type { WebContainer } from '@webcontainer/api';
import type { ContainerDriver } from './container-runner.ts';

export const BOOT_TIMEOUT_MS = 45_000;

export type BootStep = 'loading the WebContainer library' | 'booting Node (first time: about 10 s)' | 'ready';

let booted: Promise<ContainerDriver> | undefined;

/** A ContainerDriver over a booted WebContainer. */
function driverFor(container: WebContainer): ContainerDriver {
  return {
    async mount(files) {
      await container.mount(Object.fromEntries(Object.entries(files).map(([name, contents]) => [name, { file: { contents } }])));
    },
    async spawn(command, args) {
      const process = await container.spawn(command, args, { terminal: { cols: 100, rows: 30 } });
      return { output: process.output, exit: process.exit, kill: () => process.kill() };
    },
  };
}

/** The tab's WebContainer, booting it the first time; a failed boot may be retried. `timedOut` says, in the page's language, that it took too long. */
export function bootContainer(onStep: (step: BootStep) => void, timeoutMs: number, timedOut: (seconds: number) => string): Promise<ContainerDriver> {
  booted ??= (async () => {
    onStep('loading the WebContainer library');
    const { WebContainer } = await import('@webcontainer/api');
    onStep('booting Node (first time: about 10 s)');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(timedOut(timeoutMs / 1000))),
        timeoutMs,
      );
    });
    try {
      const container = await Promise.race([WebContainer.boot({ coep: 'require-corp', workdirName: 'journey' }), timeout]);
      onStep('ready');
      return driverFor(container);
    } finally {
      clearTimeout(timer);
    }
  })().catch((error: unknown) => {
    booted = undefined;
    throw error;
  });
  return booted;
}
