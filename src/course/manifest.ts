/**
 * The lab manifest (`labs/<id>/lab.json`): one schema shared by the site build
 * (Astro content collection) and the `journey` grader, so both reject a bad
 * manifest with the same words.
 */
import { z } from 'zod';

/** Where a stage's tests can run. */
export const runsInSchema = z
  .enum(['pure', 'node', 'host'])
  .describe(
    "'pure': sans-I/O code, any runner including the browser worker; " +
      "'node': needs real Node (the WebContainer or the local grader); " +
      "'host': needs the learner's own machine (UDP sockets, tshark), so only the local grader",
  );

export type RunsIn = z.infer<typeof runsInSchema>;

/** How each kind of stage is named to learners: a short badge and the full reason. */
export const RUNS_IN_LABEL: Record<RunsIn, { short: string; long: string }> = {
  pure: { short: 'runs anywhere', long: 'pure code: runs in the browser, in a WebContainer and locally' },
  node: { short: 'needs Node', long: 'needs real Node: the full-Node runner in the browser, or the local grader' },
  host: { short: 'your machine', long: 'needs your own machine (UDP sockets or tshark): the local grader only' },
};

/** A lab or stage id: kebab-case. */
export const idPattern = /^[a-z][a-z0-9-]*$/;
const fileName = z.string().regex(/^[a-z0-9-]+\.ts$/, 'a kebab-case .ts file name such as "header.ts"');

export const stageSchema = z.strictObject({
  /** Stable id; the stage's tests live in `tests/<id>.test.ts`. */
  id: z.string().regex(idPattern, 'a kebab-case id such as "header-question"'),
  /** Shown on the scoreboard and the lab page. */
  title: z.string().min(1),
  /** One sentence on what the learner builds in this stage. */
  summary: z.string().min(1),
  /** Points for passing every test of the stage; partial credit is proportional. */
  points: z.number().int().positive(),
  runsIn: runsInSchema,
  /** Hints in the order a stuck learner should read them: nudge first, recipe last. */
  hints: z.array(z.string().min(1)).min(1),
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
      });
    }),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** Total points of a lab's stages. */
export function labPoints(stages: readonly Pick<Stage, 'points'>[]): number {
  return stages.reduce((sum, s) => sum + s.points, 0);
}
