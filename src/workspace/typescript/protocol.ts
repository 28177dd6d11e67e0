/** Messages between the lab page and the editor's TypeScript worker. */
import type { FileDiagnostic, LabFiles } from './lab-checker.ts';

/** Page → worker: `open` once (the lab and where its environment is), then a `check` per file to diagnose. */
export type CheckerRequest =
  | { kind: 'open'; environmentUrl: string; files: LabFiles }
  | { kind: 'check'; id: number; file: string; learner: Record<string, string> };

/** Worker → page: one answer per `check`. */
export type CheckerAnswer =
  | { kind: 'diagnostics'; id: number; diagnostics: FileDiagnostic[] }
  | { kind: 'failed'; id: number; message: string };
