/**
 * Vitest global setup: one temp folder per test run. Every temp file a test,
 * the grader, Vitest or Chromium makes goes under it (TMPDIR, which
 * os.tmpdir() and child processes read), and it is removed when the run ends,
 * so `npm test` leaves nothing behind in the system's temp folder.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env['TMPDIR'];
  const dir = mkdtempSync(join(tmpdir(), 'journey-test-run-'));
  // Run as root, class grading's sandbox runs as nobody (src/class/sandbox.ts), which must reach its folders in here.
  chmodSync(dir, 0o711);
  process.env['TMPDIR'] = dir;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
  };
}
