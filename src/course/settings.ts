/**
 * Course-wide settings a teacher chooses for an instance (`course.json` at the
 * root; `JOURNEY_COURSE_CONFIG` points elsewhere, e.g. for a class build).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { DEFAULT_SCORING, SCORINGS } from '../runners/result.ts';
import { describeIssues, ManifestError } from './labs.ts';
import type { CoursePaths } from './paths.ts';

export const settingsSchema = z.strictObject({
  $comment: z.string().optional(),
  /**
   * Whether learners may reveal a lab's solution in the browser (after a
   * confirmation). When false the solution files are left out of the built site.
   */
  showSolutions: z.boolean().default(true),
  /**
   * Whether lab pages offer the full-Node runner (WebContainers). Its runtime is
   * StackBlitz's hosted service: free for open source, a paid licence for
   * production use in a commercial, for-profit setting. Off, the browser worker
   * and the local grader carry the course.
   */
  webContainer: z.boolean().default(true),
  /**
   * How lab pages become cross-origin isolated (which WebContainers need):
   * `headers` — the host sends COOP/COEP (Netlify, Vercel, Cloudflare Pages,
   * nginx; the build emits their configuration); `service-worker` — for hosts
   * that cannot set headers (GitHub Pages): a service worker adds them.
   */
  crossOriginIsolation: z.enum(['headers', 'service-worker']).default('headers'),
  /**
   * How a stage's points are earned: `all-or-nothing` — all of them when every
   * test of the stage passes, none otherwise; `proportional` — the share of
   * its tests passed. Results list every test either way.
   */
  scoring: z.enum(SCORINGS).default(DEFAULT_SCORING),
});

export type CourseSettings = z.infer<typeof settingsSchema>;

/** Reads and validates the course settings; a missing file means the defaults. */
export function courseSettings(paths: CoursePaths): CourseSettings {
  const file = process.env['JOURNEY_COURSE_CONFIG'] ?? join(paths.root, 'course.json');
  if (!existsSync(file)) return settingsSchema.parse({});
  const shown = relative(paths.root, file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ManifestError(shown, [{ field: '(file)', message: `not readable JSON: ${(error as Error).message}` }], 'course settings file');
  }
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) throw new ManifestError(shown, describeIssues(parsed.error), 'course settings file');
  return parsed.data;
}
