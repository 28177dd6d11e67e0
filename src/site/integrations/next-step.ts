/**
 * `npm start` ends with where to go next: the course's URL, its first
 * chapter, and the command that starts the first lab in the terminal.
 */
import type { AstroIntegration } from 'astro';
import { courseLabs } from '../../course/offering.ts';
import { coursePaths } from '../../course/paths.ts';
import { coursePages } from '../sidebar.ts';

/** The lines printed once the dev server listens at `url` (the site's base included): this instance's first chapter and lab. */
export function nextStepLines(url: string): string[] {
  const firstChapter = coursePages(coursePaths())[0];
  const firstLab = courseLabs(coursePaths())[0];
  return [
    `The course is at ${url}`,
    ...(firstChapter ? [`Next: read the first chapter, ${url}${firstChapter.slug}/ (its lab runs in the browser),`] : []),
    ...(firstLab ? [`      or do its lab in the terminal: npx journey start ${firstLab.id}   (npx journey doctor checks this machine)`] : []),
  ];
}

/** Prints the next step once `astro dev` is ready. */
export function nextStep(): AstroIntegration {
  let base = '/';
  return {
    name: 'packet-journey:next-step',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:server:start': ({ address, logger }) => {
        // After Astro's own "ready" banner, which it prints once this hook has returned.
        setTimeout(() => nextStepLines(`http://localhost:${address.port}${base}`).forEach((line) => logger.info(line)), 0);
      },
    },
  };
}
