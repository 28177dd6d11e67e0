/**
 * Stage cache-control: the Cache-Control field (RFC 9111 §5.2) parsed into
 * directives, and delta-seconds arguments read as RFC 9111 §1.2.2 says.
 */
import { MAX_DELTA_SECONDS, type Directives } from '@impl/cache-types.ts';

/**
 * Parses a Cache-Control value (several field lines already joined by ", ").
 * Directive names are case-insensitive (§5.2); arguments may be a token or a
 * quoted-string (backslash escapes removed); commas inside a quoted-string do
 * not split. Empty list elements and elements whose name is not a token are
 * skipped; an unterminated quoted-string drops that directive and the rest of
 * the value. When a directive repeats, the first occurrence counts (§4.2.1).
 */
export function parseCacheControl(value: string | undefined): Directives {
  throw new Error('TODO(cache-control): split the list, read each name and argument');
}

/**
 * A directive's delta-seconds argument: the number, capped at 2^31; `'invalid'`
 * when the directive is present without a non-negative whole number (no
 * argument, a sign, a fraction, letters); undefined when it is absent.
 */
export function deltaSeconds(directives: Directives, name: string): number | 'invalid' | undefined {
  throw new Error('TODO(cache-control): read a non-negative whole number of seconds');
}
