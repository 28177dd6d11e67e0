/**
 * Sidebar groups for the top-level content/ folder. Starlight's `autogenerate`
 * only looks inside src/content/docs/, so the course lists a folder's pages
 * itself, ordered by each page's `sidebar.order` frontmatter, then by name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chapterOrder } from '../course/chapter-number.ts';
import { offeredChapters } from '../course/offering.ts';
import type { CoursePaths } from '../course/paths.ts';
import type { CourseSettings } from '../course/settings.ts';

export interface PageInfo {
  /** `chapters/dns`: the page's id and its path on the site. */
  slug: string;
  title: string;
  description: string;
  order: number;
}

/** A frontmatter value on one line, without YAML's quotes. */
function field(frontmatter: string, name: string): string {
  const raw = new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(frontmatter)?.[1]?.trim() ?? '';
  return /^(['"]).*\1$/.test(raw) ? raw.slice(1, -1) : raw;
}

/** The .md/.mdx pages of `content/<folder>/` with their title, description and order, in sidebar order. */
export function pagesWithInfo(contentDir: string, folder: string): PageInfo[] {
  return readdirSync(join(contentDir, folder))
    .filter((f) => /\.mdx?$/.test(f))
    .map((f) => {
      const text = readFileSync(join(contentDir, folder, f), 'utf8');
      const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '';
      const order = chapterOrder(text) ?? Infinity;
      return { slug: `${folder}/${f.replace(/\.mdx?$/, '')}`, title: field(frontmatter, 'title'), description: field(frontmatter, 'description'), order };
    })
    .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
}

/** `{ slug }` items for the .md/.mdx pages of `content/<folder>/`; Starlight takes each label from the page title. */
export function pagesIn(contentDir: string, folder: string): { slug: string }[] {
  return pagesWithInfo(contentDir, folder).map(({ slug }) => ({ slug }));
}

/** The chapter pages this instance offers (course.json's `chapters`), in its order. */
export function coursePages(paths: CoursePaths, settings?: CourseSettings): PageInfo[] {
  const pages = pagesWithInfo(paths.content, 'chapters');
  return offeredChapters(paths, settings).flatMap((id) => pages.filter((p) => p.slug === `chapters/${id}`));
}

/** `{ slug }` sidebar items for the chapters this instance offers. */
export function coursePagesIn(paths: CoursePaths): { slug: string }[] {
  return coursePages(paths).map(({ slug }) => ({ slug }));
}
