/** For figures' tests: a step-through's translation lights the same parts and quotes the same code as the English. */
import { expect } from 'vitest';
import type { Step } from '../../src/site/components/step-through.ts';

/** What a step quotes that no translation may change: its `code` by default. */
const CODE = /`[^`]+`/g;

/** The translated steps light the English steps' parts, one for one, and quote what `quoted` matches in each step's text (and title, with `titles`). */
export function expectSameSteps(english: readonly Step[], translated: readonly Step[], options: { quoted?: RegExp; titles?: boolean } = {}): void {
  const quotes = (step: Step) => ((options.titles ? step.title + step.text : step.text).match(options.quoted ?? CODE) ?? []).sort();
  expect(translated.map((s) => s.active)).toEqual(english.map((s) => s.active));
  translated.forEach((step, i) => expect(quotes(step), `step ${i + 1}`).toEqual(quotes(english[i]!)));
}
