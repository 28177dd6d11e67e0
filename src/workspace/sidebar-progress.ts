/** Shows each lab's score from this browser next to its chapter in the sidebar. */
import { fill } from '../site/i18n/ui.ts';
import { readProgress } from './progress.ts';
import { pageStrings } from './ui.ts';

export function showSidebarProgress(): void {
  const data = document.getElementById('journey-lab-chapters')?.textContent;
  if (!data) return;
  const chapterOfLab = JSON.parse(data) as Record<string, string>;
  const progress = readProgress();
  for (const [lab, href] of Object.entries(chapterOfLab)) {
    const mine = progress[lab];
    if (!mine) continue;
    for (const link of document.querySelectorAll<HTMLAnchorElement>(`#starlight__sidebar a[href="${href}"]`)) {
      const badge = document.createElement('span');
      badge.className = 'journey-progress';
      badge.textContent = `${mine.score}/${mine.max}`;
      const values = { lab, score: mine.score, max: mine.max };
      badge.title = fill(pageStrings().sidebarProgressTitle, values);
      badge.setAttribute('aria-label', fill(pageStrings().sidebarProgressLabel, values));
      link.append(badge);
    }
  }
}
