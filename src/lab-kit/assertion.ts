/**
 * An assertion failure that Vitest renders like its own: `actual`/`expected`
 * with `showDiff` make the runner print a diff, and `diagnostic` carries
 * structured detail the results panel can draw (hex rows, transcripts).
 */
export class LabAssertionError extends Error {
  override name = 'AssertionError';
  readonly showDiff = true;

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
