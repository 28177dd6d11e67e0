/**
 * Due dates from course.json: a date alone is due at the end of that day
 * anywhere on Earth (UTC−12), so no learner is late while their own day lasts;
 * a date and time carries its own offset.
 */

/** The instant a due date falls at. */
export function dueInstant(due: string): Date {
  return new Date(due.length === 10 ? `${due}T23:59:59.999-12:00` : due);
}

/** "Friday 18 December 2026", with the time and offset as written when the due date has them. */
export function dueLabel(due: string): string {
  const [y, m, d] = due.slice(0, 10).split('-').map(Number) as [number, number, number];
  // From the parts, since ICU versions differ on the comma after the weekday.
  const parts = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).formatToParts(Date.UTC(y, m - 1, d));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  const day = `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
  if (due.length === 10) return day;
  const time = due.slice(11, 16);
  const zone = /(Z|[+-][\d:]+)$/.exec(due)![1]!;
  const offset = zone === 'Z' ? 'UTC' : `UTC${zone}`;
  return `${day}, ${time} ${offset}`;
}

/** Whether the due date has passed at `now`. */
export function isPastDue(due: string, now: Date = new Date()): boolean {
  return now.getTime() > dueInstant(due).getTime();
}
