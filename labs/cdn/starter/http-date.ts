/**
 * Stage freshness: HTTP dates in the three formats RFC 9110 §5.6.7 requires
 * recipients to accept, as milliseconds since the epoch.
 */

/**
 * Parses an HTTP date; undefined for anything else (RFC 9111 §5.3 then treats
 * an Expires value as a time in the past). Names are case-sensitive
 * (`%s"Nov"`); the day must exist in its month; second 60 (a leap second) is
 * allowed. A two-digit RFC 850 year that would lie more than 50 years after
 * `now` is read as the most recent past year with those digits.
 */
export function parseHttpDate(text: string, now: number): number | undefined {
  throw new Error('TODO(freshness): IMF-fixdate, RFC 850 and asctime');
}
