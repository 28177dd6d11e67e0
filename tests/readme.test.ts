// One place for each fact: the README's chapter table and the home page's cards come from the
// chapter pages and the lab manifests, and the README's test command is what CI runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coursePaths } from '../src/course/paths.ts';
import { chapterList, groupPlanned, numbers } from '../src/site/home/chapter-list.ts';
import { chapterTable, END, START, withChapterTable } from '../src/tooling/readme-chapters.ts';
import { root } from './support/cli.ts';

const paths = coursePaths();
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('the chapter list', () => {
  const chapters = chapterList(paths);

  it('has the eleven chapters of the journey; the written ones carry their page and lab', () => {
    expect(chapters.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const dns = chapters.find((c) => c.number === 2)!;
    expect(dns).toMatchObject({ title: 'DNS — from a name to an address', page: { slug: 'chapters/dns' }, lab: { id: 'dns' } });
    const toCome = chapters.filter((c) => !('page' in c));
    for (const chapter of toCome) expect(Object.keys(chapter).sort()).toEqual(['number', 'title']);
    // The capstone is a chapter without a lab of its own: it runs every other lab's code.
    const capstone = chapters.find((c) => c.number === 11)!;
    expect(capstone).toMatchObject({ title: 'The whole journey', page: { slug: 'chapters/journey' } });
    expect('lab' in capstone).toBe(false);
  });

  it('runs consecutive chapters still to come together, as the home page shows them', () => {
    // A made-up course, so the check does not change each time a chapter is written.
    const page = { slug: 'chapters/x', description: 'x' };
    const course = [1, 2, 3, 4, 5, 6, 7].map((number) => ({ number, title: `c${number}`, ...([1, 4, 5].includes(number) ? { page } : {}) }));
    const runs = groupPlanned(course).filter((g) => Array.isArray(g));
    expect(runs.map((r) => numbers(r))).toEqual(['2–3', '6–7']);
  });
});

describe('README', () => {
  it('its chapter table is the generated one (run `npx node src/tooling/readme-chapters.ts` after changing a chapter or lab)', () => {
    expect(withChapterTable(readme, chapterTable(paths))).toBe(readme);
  });

  it('the generator replaces only the marked section, and says when the markers are gone', () => {
    const doc = `before\n${START}\nold table\n${END}\nafter`;
    expect(withChapterTable(doc, '| new |')).toBe(`before\n${START}\n| new |\n${END}\nafter`);
    expect(() => withChapterTable('no markers', '| new |')).toThrow('README.md has no chapter table markers');
  });

  it('the home page shows the generated cards, not hand-kept ones', () => {
    const home = readFileSync(join(root, 'content', 'index.mdx'), 'utf8');
    expect(home).toContain('<ChapterCards />');
    expect(home).not.toContain('<Card ');
  });

  it('.ci/run installs Chromium and tshark and runs the README\'s test command, with CI set so nothing may skip', () => {
    const command = /^(npm \S+)\s+# the whole test suite/m.exec(readme)?.[1];
    expect(command).toBe('npm test');
    const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');
    expect(ci.split('\n')).toContain(command);
    expect(ci).toContain('export CI=true');
    for (const tool of ['chromium', 'tshark']) expect(ci).toContain(`need+=(${tool})`);
  });
});
