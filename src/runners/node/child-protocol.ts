/** The messages between the Node runner and its grading child (grade-child.ts), over IPC. */
import type { RunOrder, SessionEvent, SessionSetup } from './vitest-session.ts';

/** Runner → child: run stage files, or say which stage files import the changed files. */
export type ChildRequest =
  | { type: 'run'; setup: SessionSetup; order: RunOrder }
  | { type: 'dependents'; setup: SessionSetup; changed: string[]; files: string[] };

/** Child → runner: results as they come, then the end of the run; or the answer to `dependents`; or why it failed. */
export type ChildReply =
  | SessionEvent
  | { kind: 'run-done' }
  | { kind: 'dependents'; files: string[] | null }
  | { kind: 'crash'; message: string };
