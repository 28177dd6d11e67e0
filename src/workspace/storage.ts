/**
 * Where the learner's browser work lives: files per lab in IndexedDB (saved
 * on every edit), a stack of snapshots so resets and imports can be undone,
 * and a small progress summary in localStorage that any page can read
 * synchronously (the sidebar and the lab list show it).
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

/** Per-lab progress kept for the sidebar and the lab list. */
export interface BrowserProgress {
  score: number;
  max: number;
  stages: Record<string, boolean>;
}

const PROGRESS_KEY = 'packet-journey:progress';

export function readProgress(): Record<string, BrowserProgress> {
  try {
    return JSON.parse(localStorage.getItem(PROGRESS_KEY) ?? '{}') as Record<string, BrowserProgress>;
  } catch {
    return {};
  }
}

/** Records a browser grade; stages this runner could not run keep what an earlier grade said. */
export function recordProgress(result: GradeResult): void {
  const all = readProgress();
  const stages = { ...all[result.lab]?.stages };
  for (const s of result.stages) if (s.status !== 'not-run') stages[s.id] = s.status === 'passed';
  all[result.lab] = { score: result.score, max: result.max, stages };
  localStorage.setItem(PROGRESS_KEY, JSON.stringify(all));
}
