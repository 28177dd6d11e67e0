/** A chapter's number, kept in one place: its page's `sidebar.order` front matter. */

/** The chapter number a page's front matter states (`sidebar:` then `order: <n>`), or undefined when it states none. */
export function chapterOrder(page: string): number | undefined {
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(page)?.[1];
  const order = front && /^sidebar:[ \t]*\r?\n(?:[ \t]+.*\r?\n)*?[ \t]+order:[ \t]*(-?\d+)[ \t]*$/m.exec(front + '\n');
  return order ? Number(order[1]) : undefined;
}
