// Chapters live in the top-level content/ folder and lab manifests in labs/;
// both are validated here at build time, with the same schema the grader uses.
import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { z } from 'astro/zod';
import { manifestSchema } from '../course/manifest.ts';

export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content', pattern: '**/*.{md,mdx}' }),
    schema: docsSchema({
      extend: z.object({
        /** The lab this chapter teaches (a folder under labs/); omit for pages without a lab. */
        lab: reference('labs').optional(),
      }),
    }),
  }),
  labs: defineCollection({
    loader: glob({ base: './labs', pattern: '*/lab.json', generateId: ({ entry }) => entry.split('/')[0]! }),
    schema: manifestSchema,
  }),
};
