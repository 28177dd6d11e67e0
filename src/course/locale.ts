/**
 * The course's languages: English at the site's root and in the CLI by
 * default, Simplified Chinese under /zh-cn/ and when asked for. One list, so
 * the site, the lab manifests and `journey` agree on what a language is.
 */

/** Every language the course speaks; the first is the default. */
export const LOCALES = ['en', 'zh-cn'] as const;

export type Locale = (typeof LOCALES)[number];

/** The languages a page or manifest can be translated into (every one but English). */
export const TRANSLATED_LOCALES = LOCALES.filter((l): l is Exclude<Locale, 'en'> => l !== 'en');

export type TranslatedLocale = (typeof TRANSLATED_LOCALES)[number];

/** A text in every language the course speaks (a figure's example labels, passed from a page that both languages share). */
export type Localized = Record<Locale, string>;

/** The HTML `lang` of each language. */
export const LANG_TAG: Record<Locale, string> = { en: 'en', 'zh-cn': 'zh-CN' };

/**
 * The course language for a language tag or locale name, whatever its case or
 * separator ("zh-CN", "zh_CN.UTF-8", "zh-cn", "zh"), or undefined when the
 * course does not speak it.
 */
export function localeOf(tag: string | undefined): Locale | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_.@]/)[0];
  if (primary === 'zh') return 'zh-cn';
  if (primary === 'en') return 'en';
  return undefined;
}

/** The path prefix of a language's pages under the site's base: '' for English, 'zh-cn/' for Chinese. */
export function localePrefix(locale: Locale): string {
  return locale === 'en' ? '' : `${locale}/`;
}

/** The language of a page from its locale (`Astro.currentLocale`, an HTML lang), English when unknown. */
export function pageLocale(locale: string | undefined): Locale {
  return localeOf(locale) ?? 'en';
}

/** Chinese text joined from pieces, with the half-width space the course puts between a Latin letter or digit and a Chinese character. */
export function joinCjk(...parts: string[]): string {
  return parts.reduce((text, part) => (/[A-Za-z0-9]$/.test(text) && /^[\u4e00-\u9fff]/.test(part)) || (/[\u4e00-\u9fff]$/.test(text) && /^[A-Za-z0-9]/.test(part)) ? `${text} ${part}` : text + part, '');
}
