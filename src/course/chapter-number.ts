/** A chapter's number, kept in one place: its page's `sidebar.order` front matter. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The file of the page `content/<slug>` (`.mdx` or `.md`), or undefined when there is none. */
export function pageFile(contentDir: string, slug: string): string | undefined {
  return ['.mdx', '.md'].map((ext) => join(contentDir, slug + ext)).find((f) => existsSync(f));
}

/** The number a page's front matter states as `sidebar.order` (block or flow style), or undefined when it states none. */
export function chapterOrder(page: string): number | undefined {
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(page)?.[1];
  if (front === undefined) return undefined;
  const block = /^sidebar:[ \t]*\r?\n(?:[ \t]+.*\r?\n)*?[ \t]+order:[ \t]*(-?\d+)[ \t]*$/m.exec(front + '\n');
  const flow = /^sidebar:[ \t]*\{[^}]*\border:[ \t]*(-?\d+)/m.exec(front);
  const order = block ?? flow;
  return order ? Number(order[1]) : undefined;
}
