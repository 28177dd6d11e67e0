/**
 * What a page's scripts need of the catalogue without loading it: a few of
 * its words, carried in a `data-words` attribute, and `fill`. Scripts on
 * every chapter page (the step-through, the hex view, the sidebar's progress)
 * need two or three words each; reading them from their element keeps both
 * languages' catalogues (ui.ts) out of their bundles. Each component names
 * its words once, in a list both sides use.
 */
import type { UiStrings } from './en.ts';

/** The attribute's value: these words of the page's catalogue, as JSON. */
export function wordsAttribute<K extends keyof UiStrings>(t: UiStrings, keys: readonly K[]): string {
  return JSON.stringify(Object.fromEntries(keys.map((key) => [key, t[key]])));
}

/** The words an element carries (see wordsAttribute). */
export function wordsOf<K extends keyof UiStrings>(element: HTMLElement, _keys: readonly K[]): Pick<UiStrings, K> {
  return JSON.parse(element.dataset['words'] ?? '{}') as Pick<UiStrings, K>;
}

/** A catalogue string with its `{name}` placeholders filled; a placeholder without a value is a bug, so it throws. */
export function fill(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`UI string "${template}" needs a value for {${name}}`);
    return String(values[name]);
  });
}
