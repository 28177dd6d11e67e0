/** Shows each lab's score from this browser next to its chapter in the sidebar. */
import { readProgress } from './progress.ts';

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
      badge.title = `Lab ${lab}: ${mine.score} of ${mine.max} points in this browser`;
      badge.setAttribute('aria-label', `lab progress ${mine.score} of ${mine.max} points`);
      link.append(badge);
    }
  }
}
