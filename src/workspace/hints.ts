/**
 * Hints one at a time: each stage shows none until asked, then one more per
 * click ("Another hint"), so a learner reads the nudge before the recipe. How
 * many were revealed is remembered in this browser.
 */
import { fill } from '../site/i18n/ui.ts';
import { readSetting, writeSetting } from './preferences.ts';
import { pageStrings } from './ui.ts';

/** Wires every `[data-hints]` block under `root` for lab `lab`. */
export function setUpHints(root: HTMLElement, lab: string): void {
  const t = pageStrings();
  for (const block of root.querySelectorAll<HTMLElement>('[data-hints]')) {
    const key = `hints:${lab}:${block.dataset['hints']}`;
    const hints = [...block.querySelectorAll<HTMLLIElement>('li')];
    const button = block.querySelector<HTMLButtonElement>('button')!;
    const reveal = (count: number) => {
      hints.forEach((hint, i) => (hint.hidden = i >= count));
      button.hidden = count >= hints.length;
      button.textContent = count === 0 ? t.showHint : fill(t.anotherHint, { n: count + 1, total: hints.length });
    };
    let shown = Math.min(readSetting(key, 0), hints.length);
    reveal(shown);
    button.addEventListener('click', () => {
      reveal(++shown);
      writeSetting(key, shown);
      hints[shown - 1]?.setAttribute('tabindex', '-1');
      hints[shown - 1]?.focus();
    });
  }
}
