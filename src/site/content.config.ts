// Chapters live in the top-level content/ folder and lab manifests in labs/;
// both are validated here at build time, manifests with the grader's own schema.
// The chapters and labs this instance leaves out (course.json's `chapters`)
// are not loaded, so none of their pages, figures or bundles is built.
import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import { i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { manifestSchema } from '../course/manifest.ts';
import { coursePaths } from '../course/paths.ts';
import { leftOut } from '../course/offering.ts';
import { LOCALES, localePrefix } from '../course/locale.ts';

const left = leftOut(coursePaths());

export const collections = {
  // Starlight's own UI strings, where the course adds to them: its Chinese leaves Pagefind's search results in English
  // (src/site/content/i18n/zh-CN.json). English uses Starlight's as they are.
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
  docs: defineCollection({
    // A left-out chapter's translations (content/zh-cn/chapters/<id>.mdx) are left out with it.
    loader: glob({
      base: './content',
      pattern: ['**/*.{md,mdx}', ...LOCALES.flatMap((locale) => left.chapters.map((id) => `!${localePrefix(locale)}chapters/${id}.{md,mdx}`))],
    }),
    schema: docsSchema(),
  }),
  labs: defineCollection({
    // coursePaths() honours JOURNEY_LABS, as the grader does.
    loader: glob({ base: coursePaths().labs, pattern: ['*/lab.json', ...left.labs.map((id) => `!${id}/lab.json`)], generateId: ({ entry }) => entry.split('/')[0]! }),
    // The grader's schema, plus a check it cannot make: the chapter page exists.
    schema: manifestSchema.extend({ chapterPage: reference('docs') }),
  }),
};
