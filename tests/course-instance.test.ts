// A teacher's instance of the course (course.json): which chapters it offers and in what order, its title and base
// path, and due dates; every mistake named by its field. The site side is in tests/e2e/course-instance.test.ts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dueInstant, dueLabel, isPastDue } from '../src/course/due.ts';
import { courseLabs, leftOut, offeredChapters } from '../src/course/offering.ts';
import { labIds } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';
import { chapterIds, courseSettings, settingsSchema } from '../src/course/settings.ts';
import { courseHref, leftOutPrefixes, withBase } from '../src/site/course-links.ts';
import { courseChapterList } from '../src/site/home/chapter-list.ts';
import { markdownToHtml } from 'satteri';
import { courseLinksPlugin, LEFT_OUT_NOTE } from '../src/site/integrations/course-links.ts';
import { coursePages } from '../src/site/sidebar.ts';
import { journeyHere, root, tempWorkspace } from './support/cli.ts';

const paths = coursePaths(root);
/** The journey's first eight chapters in order; later chapters join the course after them. */
const FIRST_EIGHT = ['layers', 'dns', 'cdn', 'routing', 'tcp', 'https', 'lb', 'websocket'];
/** Every chapter on disk except these, sorted (what leftOut reports). */
const allBut = (...kept: string[]) => chapterIds(paths).filter((id) => !kept.includes(id)).sort();
/** Every lab on disk except these, sorted: a chapter without a lab (the capstone) has none to leave out. */
const labsBut = (...kept: string[]) => labIds(paths).filter((id) => !kept.includes(id)).sort();

/** Points JOURNEY_COURSE_CONFIG at a course.json holding `settings` for the rest of the test. */
function useCourse(settings: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'journey-course-')), 'course.json');
  writeFileSync(file, typeof settings === 'string' ? settings : JSON.stringify(settings));
  vi.stubEnv('JOURNEY_COURSE_CONFIG', file);
  return file;
}

/** The message courseSettings throws for these settings. */
function problemWith(settings: unknown): string {
  useCourse(settings);
  try {
    courseSettings(paths);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(settings)} to be rejected`);
}

afterEach(() => vi.unstubAllEnvs());

describe('course.json validation', () => {
  it('names the field and what it expected', () => {
    expect(problemWith({ chapters: ['layers', 'dsn'] })).toContain(`chapters[1]: no chapter "dsn" (content/chapters/dsn.mdx); chapters: ${chapterIds(paths).join(', ')}`);
    expect(problemWith({ chapters: ['dns', 'tcp', 'dns'] })).toContain('chapters[2]: "dns" is listed twice');
    expect(problemWith({ chapters: [] })).toContain('chapters: at least one chapter');
    expect(problemWith({ base: 'my-course' })).toContain('base: a path that starts and ends with "/", such as "/my-course/"');
    expect(problemWith({ base: '/my-course' })).toContain('base: a path that starts and ends with "/"');
    expect(problemWith({ title: ' ' })).toContain('title: a title of at least one character');
    expect(problemWith({ due: { dns: '18/12/2026' } })).toContain('due.dns: an ISO date such as "2026-12-18"');
    expect(problemWith({ due: { dns: '2026-12-18T23:59' } })).toContain('due.dns: an ISO date');
    expect(problemWith({ due: { dsn: '2026-12-18' } })).toMatch(/due\.dsn: no lab "dsn" \(labs\/dsn\/lab\.json\); labs: cdn, dns/);
    expect(problemWith({ chapter: ['dns'] })).toContain('(root): Unrecognized key: "chapter"');
    expect(problemWith('{ "chapters": [')).toMatch(/\(file\): not readable JSON/);
  });

  it('every setting is in the README\'s and the teacher\'s guide\'s tables', () => {
    for (const doc of ['README.md', 'content/guides/teachers.mdx']) {
      const text = readFileSync(join(root, doc), 'utf8');
      for (const key of Object.keys(settingsSchema.shape).filter((k) => k !== '$comment')) expect(text, `${doc} documents ${key}`).toMatch(new RegExp(`^\\| \`${key}\` \\|`, 'm'));
    }
  });

  it('says which file it is, and that it is the course settings', () => {
    const file = useCourse({ base: 'x' });
    expect(() => courseSettings(paths)).toThrow(/course\.json is not a valid course settings file/);
    expect(file).toMatch(/course\.json$/);
  });

  it('keeps the defaults, and the existing settings, when the new ones are absent', () => {
    useCourse({ showSolutions: false, scoring: 'proportional' });
    expect(courseSettings(paths)).toMatchObject({ showSolutions: false, scoring: 'proportional', title: 'Packet Journey', base: '/', due: {} });
    expect(courseSettings(paths).chapters).toBeUndefined();
    expect(offeredChapters(paths).slice(0, 8)).toEqual(FIRST_EIGHT);
    expect([...offeredChapters(paths)].sort()).toEqual(allBut());
    expect(leftOut(paths)).toEqual({ chapters: [], labs: [] });
  });

  it('a due date for a lab whose chapter is left out is an error naming it', () => {
    useCourse({ chapters: ['layers', 'tcp'], due: { dns: '2026-12-18' } });
    expect(() => courseLabs(paths)).toThrow(/due\.dns: lab "dns" is not in this course: "chapters" leaves out chapters\/dns/);
  });
});

describe('the chapters an instance offers', () => {
  it('in its order: the sidebar, the home page and the labs follow it, and chapter numbers stay the journey\'s', () => {
    useCourse({ chapters: ['tcp', 'layers', 'https'] });
    expect(coursePages(paths).map((p) => p.slug)).toEqual(['chapters/tcp', 'chapters/layers', 'chapters/https']);
    expect(courseLabs(paths).map((l) => [l.id, l.chapter])).toEqual([['tcp', 5], ['layers', 1], ['https', 6]]);
    // Only the offered chapters, with no "coming" cards: an instance lists what it teaches.
    expect(courseChapterList(paths).map((c) => `${c.number}. ${c.lab?.id}`)).toEqual(['5. tcp', '1. layers', '6. https']);
    expect(leftOut(paths)).toEqual({ chapters: allBut('tcp', 'layers', 'https'), labs: labsBut('tcp', 'layers', 'https') });
  });

  it('the whole journey, every chapter in its place, when the setting is absent', () => {
    useCourse({});
    expect(courseChapterList(paths).map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(courseLabs(paths).map((l) => l.id).slice(0, 8)).toEqual(FIRST_EIGHT);
  });
});

describe('journey with a reduced course', () => {
  it('lists only the course\'s labs, in its order, with their due dates', async () => {
    useCourse({ chapters: ['tcp', 'layers'], due: { tcp: '2999-01-15', layers: '2000-01-10T09:00:00+01:00' } });
    const run = await journeyHere(['list'], { workspace: tempWorkspace() });
    expect(run.code).toBe(0);
    const headings = run.stdout.split('\n').filter((l) => /^\d+\. /.test(l));
    expect(headings).toHaveLength(2);
    expect(headings[0]).toMatch(/^5\. .*\(journey start tcp\).*due Tuesday 15 January 2999$/);
    expect(headings[1]).toMatch(/^1\. .*\(journey start layers\).*was due Monday 10 January 2000, 09:00 UTC\+01:00$/);
    expect(run.stdout).not.toContain('journey start dns');
  });

  it('start, grade and hint refuse a lab the course leaves out, saying so', async () => {
    useCourse({ chapters: ['tcp', 'layers'] });
    for (const command of ['start', 'grade', 'hint']) {
      const run = await journeyHere([command, 'dns'], { workspace: tempWorkspace() });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('lab "dns" is not part of this course: course.json\'s "chapters" leaves its chapter out. Labs: tcp, layers.');
    }
    const unknown = await journeyHere(['start', 'dsn'], { workspace: tempWorkspace() });
    expect(unknown.stderr).toContain('unknown lab "dsn". Labs: tcp, layers.');
  });

  it('reports a broken course.json by its field', async () => {
    useCourse({ chapters: ['nope'] });
    const run = await journeyHere(['list'], { workspace: tempWorkspace() });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('chapters[0]: no chapter "nope"');
  });
});

describe('due dates', () => {
  it('a date alone lasts until its day ends everywhere; a time carries its offset', () => {
    expect(dueInstant('2026-12-18').toISOString()).toBe('2026-12-19T11:59:59.999Z');
    expect(dueInstant('2026-12-18T23:59:00+01:00').toISOString()).toBe('2026-12-18T22:59:00.000Z');
    expect(isPastDue('2026-12-18', new Date('2026-12-19T11:00:00Z'))).toBe(false);
    expect(isPastDue('2026-12-18', new Date('2026-12-19T12:00:00Z'))).toBe(true);
    expect(dueLabel('2026-12-18')).toBe('Friday 18 December 2026');
    expect(dueLabel('2026-12-18T17:00:00Z')).toBe('Friday 18 December 2026, 17:00 UTC');
  });
});

describe('links under a base path', () => {
  const leftOutPages = leftOutPrefixes({ chapters: ['dns'], labs: ['dns'] });

  it('get the base, keep their anchor, and leave other sites alone', () => {
    expect(withBase('/labs/tcp/', '/pj/')).toBe('/pj/labs/tcp/');
    expect(withBase('/', '/pj/')).toBe('/pj/');
    expect(withBase('/labs/', '/')).toBe('/labs/');
    expect(courseHref('/chapters/tcp/#handshake', '/pj/', leftOutPages)).toBe('/pj/chapters/tcp/#handshake');
    expect(courseHref('https://www.rfc-editor.org/rfc/rfc1035', '/pj/', leftOutPages)).toBe('https://www.rfc-editor.org/rfc/rfc1035');
    expect(courseHref('#top', '/pj/', leftOutPages)).toBe('#top');
    expect(courseHref('/chapters/dns/#a-cname', '/pj/', leftOutPages)).toBeUndefined();
    expect(courseHref('/labs/dns', '/pj/', leftOutPages)).toBeUndefined();
    expect(courseHref('/labs/dnssec/', '/pj/', leftOutPages)).toBe('/pj/labs/dnssec/');
  });

  it('leave out the Chinese pages of a left-out chapter and lab too', () => {
    expect(courseHref('/zh-cn/chapters/dns/', '/pj/', leftOutPages)).toBeUndefined();
    expect(courseHref('/zh-cn/labs/dns/', '/pj/', leftOutPages)).toBeUndefined();
    expect(courseHref('/zh-cn/chapters/tcp/', '/pj/', leftOutPages)).toBe('/pj/zh-cn/chapters/tcp/');
  });

  it('in Markdown (Astro\'s own processor): prefixed, or the words and a note where the page is left out', () => {
    const plugin = courseLinksPlugin({ base: '/pj/', leftOutPages });
    const { html } = markdownToHtml('See [the lab](/labs/tcp/), [how **DNS** answers](/chapters/dns/#a-cname), [an RFC](https://www.rfc-editor.org/) and [above](#top).\n', { mdastPlugins: [plugin] });
    expect(html).toContain('<a href="/pj/labs/tcp/">the lab</a>');
    expect(html).toContain(`<span class="left-out-link" title="This instance of the course leaves that page out">how <strong>DNS</strong> answers${LEFT_OUT_NOTE}</span>`);
    expect(html).toContain('<a href="https://www.rfc-editor.org/">an RFC</a>');
    expect(html).toContain('<a href="#top">above</a>');
    expect(html).not.toContain('/chapters/dns/');
    // A reference-style link cannot be unlinked from its definition: the build stops, naming it.
    expect(() => markdownToHtml('[x][d]\n\n[d]: /labs/dns/\n', { mdastPlugins: [plugin] })).toThrow('[d]: /labs/dns/ links to a page this course leaves out');
  });

  it('in a Chinese page, the note is in Chinese', () => {
    const plugin = courseLinksPlugin({ base: '/pj/', leftOutPages });
    const fileURL = pathToFileURL(join(coursePaths().content, 'zh-cn', 'chapters', 'tcp.mdx'));
    const { html } = markdownToHtml('见[DNS 一章](/zh-cn/chapters/dns/)。\n', { mdastPlugins: [plugin], fileURL });
    expect(html).toContain('<span class="left-out-link" title="本课程实例未包含该页面">DNS 一章（不在本课程中）</span>');
  });
});
