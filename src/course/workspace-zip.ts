/**
 * The zip a learner exports from the browser and `journey import` reads: laid
 * out like the local workspace, `<lab>/<file>.ts`, learner files only. Reading
 * it checks everything before anything is written, so a bad zip never touches
 * work; a given file in it (exports made before the lab had given/) is left
 * out, since the course keeps the one copy.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { ZIP_WORDS, type ZipWords } from './workspace-zip-words.ts';

/** A zip that is not a Packet Journey workspace export, with the reason. */
export class WorkspaceZipError extends Error {
  override name = 'WorkspaceZipError';
}

/** Most bytes one learner file may have; a real lab file is a few KiB. */
const MAX_FILE_BYTES = 1024 * 1024;

/** Zips a lab's learner files as `<lab>/<file>`. */
export function workspaceZip(lab: string, files: Record<string, string>): Uint8Array {
  const entries = Object.fromEntries(Object.entries(files).map(([name, text]) => [`${lab}/${name}`, strToU8(text)]));
  return zipSync(entries, { level: 6 });
}

/** Reads an exported zip; `labs` are the course's labs with their learner and given files; a problem is told in `w`'s language. */
export function readWorkspaceZip(
  bytes: Uint8Array,
  labs: readonly { id: string; files: readonly string[]; given: readonly string[] }[],
  w: ZipWords = ZIP_WORDS.en,
): { lab: string; files: Record<string, string>; skipped: string[] } {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw new WorkspaceZipError(w.unreadable((error as Error).message));
  }
  const names = Object.keys(entries).filter((n) => !n.endsWith('/') && !n.startsWith('__MACOSX/'));
  if (!names.length) throw new WorkspaceZipError(w.empty);
  const folders = new Set(names.map((n) => n.split('/')[0]!));
  if (folders.size !== 1 || names.some((n) => n.split('/').length !== 2)) {
    throw new WorkspaceZipError(w.notOneLab(`${names.slice(0, 4).join(', ')}${names.length > 4 ? ', …' : ''}`));
  }
  const [id] = folders as Set<string>;
  const lab = labs.find((l) => l.id === id);
  if (!lab) throw new WorkspaceZipError(w.notALab(id!, labs.map((l) => l.id).join(', ')));
  const files: Record<string, string> = {};
  const skipped: string[] = [];
  for (const name of names) {
    const file = name.slice(id!.length + 1);
    if (lab.given.includes(file)) {
      skipped.push(file);
      continue;
    }
    if (!lab.files.includes(file)) throw new WorkspaceZipError(w.notALabFile(name, id!, lab.files.join(', ')));
    const data = entries[name]!;
    if (data.length > MAX_FILE_BYTES) throw new WorkspaceZipError(w.tooBig(name, data.length));
    files[file] = strFromU8(data);
  }
  if (!Object.keys(files).length) throw new WorkspaceZipError(w.onlyGiven(skipped.join(', ')));
  return { lab: id!, files, skipped };
}
