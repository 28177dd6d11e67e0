/**
 * Stage freshness: HTTP dates in the three formats RFC 9110 §5.6.7 requires
 * recipients to accept, as milliseconds since the epoch.
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Sun, 06 Nov 1994 08:49:37 GMT` — the preferred format. */
const IMF_FIXDATE = /^([A-Za-z]{3}), (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
/** `Sunday, 06-Nov-94 08:49:37 GMT` — obsolete RFC 850 format, two-digit year. */
const RFC850 = /^([A-Za-z]+), (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
/** `Sun Nov  6 08:49:37 1994` — C's asctime(), day padded with a space. */
const ASCTIME = /^([A-Za-z]{3}) ([A-Za-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/**
 * Parses an HTTP date; undefined for anything else (RFC 9111 §5.3 then treats
 * an Expires value as a time in the past). Names are case-sensitive
 * (`%s"Nov"`); the day must exist in its month; second 60 (a leap second) is
 * allowed. A two-digit RFC 850 year that would lie more than 50 years after
 * `now` is read as the most recent past year with those digits.
 */
export function parseHttpDate(text: string, now: number): number | undefined {
  let m = IMF_FIXDATE.exec(text);
  if (m) return DAYS.includes(m[1]!) ? build(+m[4]!, m[3]!, +m[2]!, +m[5]!, +m[6]!, +m[7]!) : undefined;
  m = RFC850.exec(text);
  if (m) {
    if (!LONG_DAYS.includes(m[1]!)) return undefined;
    const nowYear = new Date(now).getUTCFullYear();
    let year = Math.floor(nowYear / 100) * 100 + Number(m[4]);
    if (year > nowYear + 50) year -= 100;
    return build(year, m[3]!, +m[2]!, +m[5]!, +m[6]!, +m[7]!);
  }
  m = ASCTIME.exec(text);
  if (m) return DAYS.includes(m[1]!) ? build(+m[7]!, m[2]!, Number(m[3]!.trim()), +m[4]!, +m[5]!, +m[6]!) : undefined;
  return undefined;
}

/** The time, or undefined when a field is out of range. */
function build(year: number, monthName: string, day: number, hour: number, minute: number, second: number): number | undefined {
  const month = MONTHS.indexOf(monthName);
  if (month < 0 || hour > 23 || minute > 59 || second > 60 || day < 1) return undefined;
  // Date.UTC rolls 31 Feb over into March: such a day does not exist.
  if (new Date(Date.UTC(year, month, day)).getUTCDate() !== day) return undefined;
  return Date.UTC(year, month, day, hour, minute, second);
}
