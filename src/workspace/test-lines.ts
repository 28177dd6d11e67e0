/**
 * Where a test is declared in its file, from the name a runner reports
 * ("describe > title"): so a failing test opens at its own line, whatever its
 * message says. Titles built with `${…}` match any text there.
 */

const CALL = /\b(describe|it|test)(?:\.\w+)*\(\s*(['"`])((?:\\.|(?!\2).)*)\2/;

/** A `describe`, `it` or `test` call: its 0-based line and a pattern its titles match. */
interface Call {
  line: number;
  isBlock: boolean;
  title: RegExp;
}

/** A title as written in the source (`quote`-delimited, escapes intact), as a pattern of the titles it gives. */
function titlePattern(written: string, quote: string): RegExp {
  const pieces = quote === '`' ? written.split(/\$\{[^}]*\}/) : [written];
  return new RegExp(`^${pieces.map((piece) => piece.replace(/\\(.)/g, '$1').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*?')}$`, 's');
}

/** Each file's calls, read once: a results panel asks for many tests of the same file. */
const callsBySource = new Map<string, Call[]>();

function callsIn(source: string): Call[] {
  let calls = callsBySource.get(source);
  if (!calls) {
    calls = [];
    for (const [line, text] of source.split('\n').entries()) {
      const call = CALL.exec(text);
      if (call) calls.push({ line, isBlock: call[1] === 'describe', title: titlePattern(call[3]!, call[2]!) });
    }
    callsBySource.set(source, calls);
  }
  return calls;
}

/** The 1-based line of the `it`/`test` call that declares the test `name` in `source`; undefined when none does. */
export function testLine(source: string, name: string): number | undefined {
  const parts = name.split(' > ');
  const title = parts.pop()!;
  const calls = callsIn(source);
  let from = 0;
  // Inside the named describe blocks, in order, when they can be found.
  for (const block of parts) {
    const at = calls.findIndex((call, i) => i >= from && call.isBlock && call.title.test(block));
    if (at >= 0) from = at;
  }
  const found = calls.find((call, i) => i >= from && !call.isBlock && call.title.test(title));
  return found && found.line + 1;
}
