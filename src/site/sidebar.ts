/**
 * Sidebar groups for the top-level content/ folder. Starlight's `autogenerate`
 * only looks inside src/content/docs/, so the course lists a folder's pages
 * itself, ordered by each page's `sidebar.order` frontmatter, then by name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chapterOrder } from '../course/chapter-number.ts';

/** `{ slug }` items for the .md/.mdx pages of `content/<folder>/`; Starlight takes each label from the page title. */
export function pagesIn(contentDir: string, folder: string): { slug: string }[] {
  return readdirSync(join(contentDir, folder))
    .filter((f) => /\.mdx?$/.test(f))
    .map((f) => {
      const text = readFileSync(join(contentDir, folder, f), 'utf8');
      const order = chapterOrder(text) ?? Infinity;
      return { slug: `${folder}/${f.replace(/\.mdx?$/, '')}`, order };
    })
    .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug))
    .map(({ slug }) => ({ slug }));
}
