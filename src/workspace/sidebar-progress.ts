/** Shows each lab's score from this browser next to its chapter in the sidebar. */
import { fill, wordsOf } from '../site/i18n/words.ts';
import { readProgress } from './progress.ts';

/** The words the badge needs: the sidebar carries them in its data (Sidebar.astro), so every page's script leaves the catalogue out. */
export const SIDEBAR_WORDS = ['sidebarProgressTitle', 'sidebarProgressLabel'] as const;

export function showSidebarProgress(): void {
  const element = document.getElementById('journey-lab-chapters');
  if (!element?.textContent) return;
  const chapterOfLab = JSON.parse(element.textContent) as Record<string, string>;
  const t = wordsOf(element, SIDEBAR_WORDS);
  const progress = readProgress();
  for (const [lab, href] of Object.entries(chapterOfLab)) {
    const mine = progress[lab];
    if (!mine) continue;
    for (const link of document.querySelectorAll<HTMLAnchorElement>(`#starlight__sidebar a[href="${href}"]`)) {
      const badge = document.createElement('span');
      badge.className = 'journey-progress';
      badge.textContent = `${mine.score}/${mine.max}`;
      const values = { lab, score: mine.score, max: mine.max };
      badge.title = fill(t.sidebarProgressTitle, values);
      badge.setAttribute('aria-label', fill(t.sidebarProgressLabel, values));
      link.append(badge);
    }
  }
}
