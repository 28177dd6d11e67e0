/**
 * `npm start` ends with where to go next: the course's URL, its first
 * chapter, and the command that starts the first lab in the terminal.
 */
import type { AstroIntegration } from 'astro';
import { loadLabs } from '../../course/labs.ts';
import { coursePaths } from '../../course/paths.ts';
import { pagesIn } from '../sidebar.ts';

/** The lines printed once the dev server listens at `url`. */
export function nextStepLines(url: string, contentDir: string): string[] {
  const firstChapter = pagesIn(contentDir, 'chapters')[0];
  const firstLab = loadLabs(coursePaths()).sort((a, b) => a.chapter - b.chapter)[0];
  return [
    `The course is at ${url}`,
    ...(firstChapter ? [`Next: read the first chapter, ${url}${firstChapter.slug}/ (its lab runs in the browser),`] : []),
    ...(firstLab ? [`      or do its lab in the terminal: npx journey start ${firstLab.id}   (npx journey doctor checks this machine)`] : []),
  ];
}

/** Prints the next step once `astro dev` is ready. */
export function nextStep(contentDir: string): AstroIntegration {
  return {
    name: 'packet-journey:next-step',
    hooks: {
      'astro:server:start': ({ address, logger }) => {
        // After Astro's own "ready" banner, which it prints once this hook has returned.
        setTimeout(() => nextStepLines(`http://localhost:${address.port}/`, contentDir).forEach((line) => logger.info(line)), 0);
      },
    },
  };
}
