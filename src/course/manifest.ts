/**
 * The lab manifest (`labs/<id>/lab.json`): one schema shared by the site build
 * (Astro content collection) and the `journey` grader, so both reject a bad
 * manifest with the same words.
 */
import { z } from 'zod';
import { RUNS_IN } from './runs-in.ts';

/** Where a stage's tests can run. */
export const runsInSchema = z
  .enum(RUNS_IN)
  .describe(
    "'pure': sans-I/O code, any runner including the browser worker; " +
      "'node': needs real Node (the WebContainer or the local grader); " +
      "'host': needs the learner's own machine (UDP sockets, tshark), so only the local grader",
  );

export { labPoints, RUNS_IN_LABEL, type RunsIn } from './runs-in.ts';

/** A lab or stage id: kebab-case. */
export const idPattern = /^[a-z][a-z0-9-]*$/;
const fileName = z.string().regex(/^[a-z0-9-]+\.ts$/, 'a kebab-case .ts file name such as "header.ts"');

/** A stage's words in another language (labs/README.md, "Translations"): test names and failure messages stay English. */
export const stageTranslationSchema = z.strictObject({
  title: z.string().min(1),
  summary: z.string().min(1),
  /** The English hints translated one by one, in the same order: as many as the English. */
  hints: z.array(z.string().min(1)).min(1),
});

export const stageSchema = z.strictObject({
  /** Stable id; the stage's tests live in `tests/<id>.test.ts`. */
  id: z.string().regex(idPattern, 'a kebab-case id such as "header-question"'),
  /** Shown on the scoreboard and the lab page. */
  title: z.string().min(1),
  /** One sentence on what the learner builds in this stage. */
  summary: z.string().min(1),
  /** Points for the stage: all of them when every test passes (see course.json `scoring`). */
  points: z.number().int().positive(),
  runsIn: runsInSchema,
  /** Hints in the order a stuck learner should read them, each a little more concrete; the last is still a nudge, never the answer. */
  hints: z.array(z.string().min(1)).min(1),
  /** Programs on the learner's machine that the stage's tests run (`host` stages): `journey doctor` checks them. */
  needs: z.array(z.enum(['tshark', 'postgresql', 'chromium'])).optional(),
  /** Its tests measure time (a speed stage): the mutation audit leaves it out, since a loaded machine fails them whatever the mutant. */
  timed: z.boolean().optional(),
  /** The stage's title, summary and hints in Simplified Chinese. */
  'zh-cn': stageTranslationSchema.optional(),
});

export type Stage = z.infer<typeof stageSchema>;

export const manifestSchema = z.strictObject({
  /** JSON Schema for editors; ignored by the course. */
  $schema: z.string().optional(),
  title: z.string().min(1),
  /** Id of the chapter page in `content/` that teaches this lab, e.g. "chapters/dns"; its `sidebar.order` is the chapter number. */
  chapterPage: z.string().min(1),
  /** What the learner will have built when done. */
  summary: z.string().min(1),
  /** Files the learner edits, relative to `starter/` (and to `workspace/<lab>/`). */
  files: z.array(fileName).min(1),
  /**
   * Support code the learner reads but does not edit, in `given/`: kept once,
   * read-only everywhere, imported as `@impl/<file>` like the learner's files.
   */
  given: z.array(fileName).default([]),
  /** The lab's title and summary in Simplified Chinese (each stage carries its own). */
  'zh-cn': z.strictObject({ title: z.string().min(1), summary: z.string().min(1) }).optional(),
  stages: z
    .array(stageSchema)
    .min(1)
    .superRefine((stages, ctx) => {
      const seen = new Set<string>();
      stages.forEach((stage, index) => {
        if (seen.has(stage.id)) {
          ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate stage id "${stage.id}"` });
        }
        seen.add(stage.id);
        const translated = stage['zh-cn'];
        if (translated && translated.hints.length !== stage.hints.length) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'zh-cn', 'hints'],
            message: `${translated.hints.length} translated hints for ${stage.hints.length} English ones: translate each hint, in the same order`,
          });
        }
      });
    }),
});

export type Manifest = z.infer<typeof manifestSchema>;
