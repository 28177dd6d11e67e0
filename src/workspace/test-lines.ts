/**
 * Where a test is declared in its file, from the name a runner reports
 * ("describe > title"): so a failing test opens at its own line, whatever its
 * message says. Titles built with `${…}` match any text there.
 */

const CALL = /\b(describe|it|test)(?:\.\w+)*\(\s*(['"`])((?:\\.|(?!\2).)*)\2/;

/** True when a title as written in the source (`quote`-delimited, escapes intact) reads as `title`. */
function titleMatches(written: string, quote: string, title: string): boolean {
  const pieces = quote === '`' ? written.split(/\$\{[^}]*\}/) : [written];
  const pattern = pieces.map((piece) => piece.replace(/\\(.)/g, '$1').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*?');
  return new RegExp(`^${pattern}$`, 's').test(title);
}

/** The 1-based line of the `it`/`test` call that declares the test `name` in `source`; undefined when none does. */
export function testLine(source: string, name: string): number | undefined {
  const parts = name.split(' > ');
  const title = parts.pop()!;
  const lines = source.split('\n');
  let from = 0;
  // Inside the named describe blocks, in order, when they can be found.
  for (const block of parts) {
    const at = lines.findIndex((line, i) => {
      const call = i >= from ? CALL.exec(line) : null;
      return call?.[1] === 'describe' && titleMatches(call[3]!, call[2]!, block);
    });
    if (at >= 0) from = at;
  }
  for (let i = from; i < lines.length; i++) {
    const call = CALL.exec(lines[i]!);
    if (call && call[1] !== 'describe' && titleMatches(call[3]!, call[2]!, title)) return i + 1;
  }
  return undefined;
}
