/**
 * An assertion failure whose message already shows both sides (hex rows with
 * a caret, or a transcript), so Vitest is told not to add a diff of its own;
 * `actual`/`expected` stay for reporters, and `diagnostic` carries structured
 * detail a results panel can draw.
 */
export class LabAssertionError extends Error {
  override name = 'AssertionError';
  readonly showDiff = false;

  readonly actual: string;
  readonly expected: string;
  readonly diagnostic: Readonly<Record<string, unknown>> | undefined;

  constructor(message: string, actual: string, expected: string, diagnostic?: Readonly<Record<string, unknown>>) {
    super(message);
    this.actual = actual;
    this.expected = expected;
    this.diagnostic = diagnostic;
  }
}
