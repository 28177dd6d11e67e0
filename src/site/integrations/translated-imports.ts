/**
 * A translated page keeps its English page's imports word for word (the
 * translators' rule), but it sits one folder deeper (content/zh-cn/…), so a
 * relative import such as `../src/site/home/ChapterCards.astro` would miss.
 * This Vite plugin resolves a translated page's relative imports from where
 * its English page lives instead.
 */
import type { Plugin } from 'vite';
import { TRANSLATED_LOCALES, type TranslatedLocale } from '../../course/locale.ts';

/** The language of a translated page under `contentDir` (content/<locale>/…), or undefined for an English page or any other file. */
export function translatedLocaleOf(file: string, contentDir: string): TranslatedLocale | undefined {
  const content = contentDir.replace(/\/$/, '') + '/';
  return TRANSLATED_LOCALES.find((l) => file.startsWith(`${content}${l}/`));
}

/** The English page's path for a translated page under `contentDir`, or undefined for any other file. */
export function englishCounterpart(file: string, contentDir: string): string | undefined {
  const locale = translatedLocaleOf(file, contentDir);
  const content = contentDir.replace(/\/$/, '') + '/';
  return locale && content + file.slice(content.length + locale.length + 1);
}

/** Resolves relative imports in content/<locale>/ pages as if from the English page. */
export function translatedImports(contentDir: string): Plugin {
  return {
    name: 'packet-journey:translated-imports',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !source.startsWith('.')) return null;
      const english = englishCounterpart(importer.replace(/\?.*$/, ''), contentDir);
      return english ? this.resolve(source, english, { ...options, skipSelf: true }) : null;
    },
  };
}
