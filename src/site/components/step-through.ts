/**
 * Logic for <StepThrough>, a diagram walked one step at a time: which step
 * comes next for a button or key, what the counter and the screen-reader
 * announcement say, and which diagram parts light up. The custom element in
 * StepThrough.astro only wires these to the DOM.
 */
import type { UiStrings } from '../i18n/en.ts';
import { fill } from '../i18n/words.ts';

/** One step of a step-through. */
export interface Step {
  /** Short heading, e.g. "The root refers it to `example.`"; `backticks` mark code. */
  title: string;
  /** One or two sentences; `backticks` mark code. */
  text: string;
  /** Ids of the diagram parts (their `data-part` values) to highlight in this step. */
  active: readonly string[];
}

/** What a button or key asks for. */
export type StepAction = 'next' | 'previous' | 'first' | 'last';

/** The step shown after `action` from step `index` (0-based) of `count`; stays within the first and last step. */
export function stepAfter(index: number, count: number, action: StepAction): number {
  const last = Math.max(0, count - 1);
  switch (action) {
    case 'next':
      return Math.min(index + 1, last);
    case 'previous':
      return Math.max(index - 1, 0);
    case 'first':
      return 0;
    case 'last':
      return last;
  }
}

/** The action for a key pressed while the step-through has focus, or null to leave the key alone (so the page still scrolls). */
export function actionForKey(key: string): StepAction | null {
  switch (key) {
    case 'ArrowRight':
      return 'next';
    case 'ArrowLeft':
      return 'previous';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    default:
      return null;
  }
}

/** The words the step-through's script needs (StepThrough.astro carries them in `data-words`). */
export const STEP_SCRIPT_WORDS = ['stepDiagram', 'stepOf', 'colon', 'fullStop'] as const;
export type StepScriptWords = Pick<UiStrings, (typeof STEP_SCRIPT_WORDS)[number]>;

/** The visible counter: "Step 3 of 8". */
export function counterText(index: number, count: number, t: Pick<UiStrings, 'stepOf'>): string {
  return fill(t.stepOf, { n: index + 1, total: count });
}

/** What a screen reader hears when the step changes: counter, title and text. */
export function announcement(index: number, count: number, step: Pick<Step, 'title' | 'text'>, t: Pick<UiStrings, 'stepOf' | 'colon' | 'fullStop'>): string {
  const plain = (value: string) => value.replaceAll('`', '');
  const title = plain(step.title).trim();
  // Titles such as "… to `example.`" already end in a full stop.
  return `${counterText(index, count, t)}${t.colon}${title}${/[.?!:。？！：]$/.test(title) ? '' : t.fullStop} ${plain(step.text)}`;
}

/** The `data-part` ids listed in a `data-active` attribute ("a b c"). */
export function parseParts(attribute: string | null | undefined): Set<string> {
  return new Set((attribute ?? '').split(/\s+/).filter(Boolean));
}

/** A piece of step text: plain, or code (written between backticks). */
export interface TextSegment {
  code: boolean;
  text: string;
}

/** Splits text at backticks into plain and code segments; an unpaired backtick is kept as text. */
export function splitInlineCode(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  const pattern = /`([^`]+)`/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) segments.push({ code: false, text: text.slice(last, match.index) });
    segments.push({ code: true, text: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ code: false, text: text.slice(last) });
  return segments;
}

/**
 * Checks steps before they are rendered: at least one step, every step with a
 * title, and (when the diagram's part ids are given) every active id naming a
 * real part. Throws an Error saying which step is wrong and what exists.
 */
export function checkSteps(steps: readonly Step[], parts?: Iterable<string>): void {
  if (steps.length === 0) throw new Error('StepThrough: `steps` is empty; expected at least one step');
  const known = parts ? new Set(parts) : undefined;
  steps.forEach((step, i) => {
    if (!step.title.trim()) throw new Error(`StepThrough: step ${i + 1} has no title`);
    if (!known) return;
    const unknown = step.active.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new Error(`StepThrough: step ${i + 1} ("${step.title}") highlights ${unknown.map((id) => `"${id}"`).join(', ')}, which the diagram does not have; it has ${[...known].map((id) => `"${id}"`).join(', ')}`);
    }
  });
}

/** A step-through's words in another language: each step's title and text, in step order. */
export type StepWords = readonly Pick<Step, 'title' | 'text'>[];

/**
 * The steps with their words in another language, parts unchanged; a
 * translation that does not match the steps one for one stops the build.
 */
export function translateSteps(steps: readonly Step[], words: StepWords | undefined, figure: string): Step[] {
  if (!words) return [...steps];
  if (words.length !== steps.length) throw new Error(`${figure}: ${words.length} translated steps for ${steps.length} steps; translate each step, in order`);
  return steps.map((step, i) => ({ ...step, title: words[i]!.title, text: words[i]!.text }));
}
