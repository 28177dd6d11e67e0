/**
 * Where the learner's browser work lives: files per lab in IndexedDB (saved
 * on every edit), a stack of snapshots so resets and imports can be undone,
 * and the last grade result (shown again on return). Progress for other pages
 * is in progress.ts.
 */
import { createStore, get, set } from 'idb-keyval';
import type { GradeResult } from '../runners/result.ts';

const store = createStore('packet-journey', 'workspace');
const MAX_SNAPSHOTS = 20;

export type Files = Record<string, string>;

export interface Snapshot {
  files: Files;
  reason: string;
  at: string;
}

/** The learner's saved files for a lab, or undefined when they have none yet. */
export function loadFiles(lab: string): Promise<Files | undefined> {
  return get<Files>(`files:${lab}`, store);
}

export function saveFiles(lab: string, files: Files): Promise<void> {
  return set(`files:${lab}`, files, store);
}

/** Keeps a copy of the files before something replaces them (reset, import, solution). */
export async function pushSnapshot(lab: string, files: Files, reason: string): Promise<void> {
  const snapshots = (await get<Snapshot[]>(`snapshots:${lab}`, store)) ?? [];
  snapshots.push({ files: { ...files }, reason, at: new Date().toISOString() });
  await set(`snapshots:${lab}`, snapshots.slice(-MAX_SNAPSHOTS), store);
}

/** Takes the newest snapshot off the stack (undo). */
export async function popSnapshot(lab: string): Promise<Snapshot | undefined> {
  const snapshots = (await get<Snapshot[]>(`snapshots:${lab}`, store)) ?? [];
  const last = snapshots.pop();
  await set(`snapshots:${lab}`, snapshots, store);
  return last;
}

export async function snapshotCount(lab: string): Promise<number> {
  return ((await get<Snapshot[]>(`snapshots:${lab}`, store)) ?? []).length;
}

/** The last grade result, kept so the lab page can show it again after a reload. */
export function saveLastResult(result: GradeResult): Promise<void> {
  return set(`result:${result.lab}`, { ...result, at: new Date().toISOString() }, store);
}

/** The last grade result for a lab, with when it was graded. */
export function loadLastResult(lab: string): Promise<(GradeResult & { at: string }) | undefined> {
  return get<GradeResult & { at: string }>(`result:${lab}`, store);
}
