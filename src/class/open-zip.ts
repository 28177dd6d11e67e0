/** Opens a student's zip (a course export or a CI artifact) without expanding anything too large. */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { unzipSync, type UnzipFileInfo } from 'fflate';

/** How large the zip and each entry may be; `what` names the zip in the refusal ("a course export"). */
export interface ZipLimits {
  zipBytes: number;
  entryBytes: number;
  what: string;
}

/** The entries `keep` accepts, or why the zip was not opened. */
export function openZip(path: string, limits: ZipLimits, keep: (entry: UnzipFileInfo) => boolean): { entries: Record<string, Uint8Array> } | { problem: string } {
  const size = statSync(path).size;
  if (size > limits.zipBytes) return { problem: `${basename(path)} has ${size} bytes, more than ${limits.what} can be, so it was not opened` };
  try {
    // Sizes are checked before anything is inflated, so a zip bomb is never expanded.
    return { entries: unzipSync(readFileSync(path), { filter: (f) => f.originalSize <= limits.entryBytes && keep(f) }) };
  } catch (error) {
    return { problem: `${basename(path)} is not a readable zip (${(error as Error).message})` };
  }
}
