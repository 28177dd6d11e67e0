/**
 * Course-wide settings a teacher chooses for an instance (`course.json` at the
 * root; `JOURNEY_COURSE_CONFIG` points elsewhere, e.g. for a class build).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { DEFAULT_SCORING, SCORINGS } from '../runners/result.ts';
import { describeIssues, labIds, ManifestError } from './labs.ts';
import type { CoursePaths } from './paths.ts';

/** `/`, or `/a/` and `/a/b/`: URL path segments, with the slashes either side. */
const BASE_PATTERN = /^\/(?:[A-Za-z0-9._~-]+\/)*$/;

const DUE_FORMAT = 'an ISO date such as "2026-12-18", or a date and time with an offset such as "2026-12-18T23:59:00+01:00"';

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
  /** The site's title, in every page's header and browser tab. */
  title: z.string().trim().min(1, 'a title of at least one character').default('Packet Journey'),
  /**
   * The path the site is served under: `/` at a domain's root, `/<repo>/` for
   * a GitHub Pages project site. Every link, asset and worker is built under it.
   */
  base: z.string().regex(BASE_PATTERN, 'a path that starts and ends with "/", such as "/my-course/"').default('/'),
  /**
   * The chapters this instance offers, in its order: ids as in
   * `content/chapters/<id>.mdx`. The others, and their labs, are left out of the
   * site and of `journey`. Absent: every chapter, in the journey's order.
   */
  chapters: z.array(z.string()).min(1, 'at least one chapter (leave the setting out for all of them)').optional(),
  /** Due dates per lab id: a date (the end of that day anywhere on Earth) or a date and time with its offset. */
  due: z.record(z.string(), z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: DUE_FORMAT })).default({}),
});

export type CourseSettings = z.infer<typeof settingsSchema>;

/** The settings file: `course.json` at the root, or where `JOURNEY_COURSE_CONFIG` points. */
export function settingsFile(paths: CoursePaths): string {
  return process.env['JOURNEY_COURSE_CONFIG'] ?? join(paths.root, 'course.json');
}

/** Reads and validates the course settings; a missing file means the defaults. */
export function courseSettings(paths: CoursePaths): CourseSettings {
  const file = settingsFile(paths);
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
  const problems = crossChecks(paths, parsed.data);
  if (problems.length) throw new ManifestError(shown, problems, 'course settings file');
  return parsed.data;
}

/** Ids of the chapter pages, `content/chapters/<id>.md(x)`, sorted. */
export function chapterIds(paths: CoursePaths): string[] {
  const dir = join(paths.content, 'chapters');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.mdx?$/.test(f))
    .map((f) => f.replace(/\.mdx?$/, ''))
    .sort();
}

/** What the schema cannot check: the chapters and labs named exist, once each. */
function crossChecks(paths: CoursePaths, settings: CourseSettings): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const chapters = chapterIds(paths);
  settings.chapters?.forEach((id, i) => {
    if (!chapters.includes(id)) problems.push({ field: `chapters[${i}]`, message: `no chapter "${id}" (content/chapters/${id}.mdx); chapters: ${chapters.join(', ')}` });
    else if (settings.chapters!.indexOf(id) !== i) problems.push({ field: `chapters[${i}]`, message: `"${id}" is listed twice` });
  });
  const labs = labIds(paths);
  for (const id of Object.keys(settings.due)) {
    if (!labs.includes(id)) problems.push({ field: `due.${id}`, message: `no lab "${id}" (labs/${id}/lab.json); labs: ${labs.join(', ')}` });
  }
  return problems;
}
