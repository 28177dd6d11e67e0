/**
 * Stage cache-control: the Cache-Control field (RFC 9111 §5.2) parsed into
 * directives, and delta-seconds arguments read as RFC 9111 §1.2.2 says.
 */
import { MAX_DELTA_SECONDS, type Directives } from '@impl/cache-types.ts';

/** RFC 9110 §5.6.2: tchar, the characters a token may hold. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Parses a Cache-Control value (several field lines already joined by ", ").
 * Directive names are case-insensitive (§5.2); arguments may be a token or a
 * quoted-string (backslash escapes removed); commas inside a quoted-string do
 * not split. Empty list elements and elements whose name is not a token are
 * skipped; an unterminated quoted-string drops that directive and the rest of
 * the value. When a directive repeats, the first occurrence counts (§4.2.1).
 */
export function parseCacheControl(value: string | undefined): Directives {
  if (value === undefined) return NONE;
  let directives = parsed.get(value);
  if (directives) return directives;
  directives = parseList(value);
  // A cache sees the same few values over and over: remember them, within a bound.
  if (parsed.size >= MEMO_LIMIT) parsed.clear();
  parsed.set(value, directives);
  return directives;
}

const NONE: Directives = new Map();
const MEMO_LIMIT = 1024;
const parsed = new Map<string, Directives>();

function parseList(value: string): Directives {
  const directives = new Map<string, string | true>();
  let i = 0;
  while (i < value.length) {
    const comma = value.indexOf(',', i);
    const equals = value.indexOf('=', i);
    // This element's name ends at '=' if one comes before the next comma.
    if (equals === -1 || (comma !== -1 && comma < equals)) {
      const end = comma === -1 ? value.length : comma;
      add(directives, value.slice(i, end), true);
      i = end + 1;
      continue;
    }
    const name = value.slice(i, equals);
    let j = equals + 1;
    while (value[j] === ' ' || value[j] === '\t') j++;
    if (value[j] === '"') {
      const { text, end } = quotedString(value, j);
      if (end === -1) break;
      add(directives, name, text);
      const next = value.indexOf(',', end);
      i = next === -1 ? value.length : next + 1;
    } else {
      const end = comma === -1 ? value.length : comma;
      add(directives, name, value.slice(j, end).trim());
      i = end + 1;
    }
  }
  return directives;
}

/** Keeps the first occurrence of a directive whose name is a token. */
function add(directives: Map<string, string | true>, rawName: string, argument: string | true): void {
  const name = rawName.trim().toLowerCase();
  if (!TOKEN.test(name) || directives.has(name)) return;
  directives.set(name, argument);
}

/** RFC 9110 §5.6.4: the text of the quoted-string opening at `start`, and the index after its closing quote (-1 if unterminated). */
function quotedString(value: string, start: number): { text: string; end: number } {
  let text = '';
  for (let i = start + 1; i < value.length; i++) {
    const c = value[i];
    if (c === '"') return { text, end: i + 1 };
    if (c === '\\') {
      i++;
      if (i === value.length) break;
      text += value[i];
    } else text += c;
  }
  return { text, end: -1 };
}

/**
 * A directive's delta-seconds argument: the number, capped at 2^31; `'invalid'`
 * when the directive is present without a non-negative whole number (no
 * argument, a sign, a fraction, letters); undefined when it is absent.
 */
export function deltaSeconds(directives: Directives, name: string): number | 'invalid' | undefined {
  const argument = directives.get(name);
  if (argument === undefined) return undefined;
  if (argument === true || !/^[0-9]+$/.test(argument)) return 'invalid';
  return Math.min(Number(argument), MAX_DELTA_SECONDS);
}
