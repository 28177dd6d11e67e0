/** A chapter's number, kept in one place: its page's `sidebar.order` front matter. */

/** The number a page's front matter states as `sidebar.order` (block or flow style), or undefined when it states none. */
export function chapterOrder(page: string): number | undefined {
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(page)?.[1];
  if (front === undefined) return undefined;
  const block = /^sidebar:[ \t]*\r?\n(?:[ \t]+.*\r?\n)*?[ \t]+order:[ \t]*(-?\d+)[ \t]*$/m.exec(front + '\n');
  const flow = /^sidebar:[ \t]*\{[^}]*\border:[ \t]*(-?\d+)/m.exec(front);
  const order = block ?? flow;
  return order ? Number(order[1]) : undefined;
}
