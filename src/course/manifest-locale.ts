/**
 * A lab manifest in one language: the translated title, summary and hints
 * where the manifest has them (a `zh-cn` object beside the English), the
 * English where it does not. Ids, points and files never change.
 */
import type { Locale } from './locale.ts';

interface Words {
  title: string;
  summary: string;
}

interface TranslatableStage extends Words {
  id: string;
  hints: string[];
  'zh-cn'?: Words & { hints: string[] };
}

interface TranslatableManifest extends Words {
  'zh-cn'?: Words;
  stages: TranslatableStage[];
}

/** The manifest with its words in `locale`, falling back to English field by field. */
export function localizeManifest<M extends TranslatableManifest>(manifest: M, locale: Locale): M {
  if (locale === 'en') return manifest;
  const own = manifest[locale];
  return {
    ...manifest,
    title: own?.title ?? manifest.title,
    summary: own?.summary ?? manifest.summary,
    stages: manifest.stages.map((stage) => {
      const words = stage[locale];
      return words ? { ...stage, title: words.title, summary: words.summary, hints: words.hints } : stage;
    }),
  };
}

/** The stages a manifest has not translated into `locale` (by id), so a check can name them. */
export function untranslatedStages(manifest: TranslatableManifest, locale: Exclude<Locale, 'en'>): string[] {
  return [...(manifest[locale] ? [] : ['(lab title and summary)']), ...manifest.stages.filter((s) => !s[locale]).map((s) => s.id)];
}
