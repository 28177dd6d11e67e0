/**
 * Picks the course's UI strings for a page's language. Pages choose from
 * `Astro.currentLocale` at build time; the lab page's scripts from the
 * page's `lang`, which Starlight sets from the same locale.
 */
import { pageLocale, type Locale } from '../../course/locale.ts';

export { joinCjk, pageLocale } from '../../course/locale.ts';
export { fill } from './words.ts';
import { en, type UiStrings } from './en.ts';
import { zhCn } from './zh-cn.ts';

export type { UiStrings };

const CATALOGUES: Record<Locale, UiStrings> = { en, 'zh-cn': zhCn };

/** The UI strings for a locale or language tag. */
export function uiStrings(locale: string | undefined): UiStrings {
  return CATALOGUES[pageLocale(locale)];
}

type Segment = { text: string } | { slot: string };

/** A catalogue string cut at its placeholders, for templates that render a placeholder as markup (a link, a `<code>`). */
export function segments(template: string): Segment[] {
  return template.split(/(\{\w+\})/).flatMap((part): Segment[] => {
    if (part === '') return [];
    const slot = /^\{(\w+)\}$/.exec(part)?.[1];
    return slot ? [{ slot }] : [{ text: part }];
  });
}

/**
 * The language of a page's content, for components inside it (figures, lab panels): the page's locale, except on
 * Starlight's fallback pages, which show the English page under /zh-cn/ until it is translated.
 */
export function contentLocale(astro: { currentLocale?: string | undefined; locals: object }): Locale {
  const route = (astro.locals as { starlightRoute?: { isFallback?: boolean } }).starlightRoute;
  return route?.isFallback ? 'en' : pageLocale(astro.currentLocale);
}
