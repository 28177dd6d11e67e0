/**
 * Tests that need a program on the machine (Chromium, tshark, PostgreSQL)
 * skip without it on a learner's machine, with a note the missing-tools
 * reporter counts, and fail under CI, where every check must run.
 */
import { beforeEach, type TestContext } from 'vitest';
import { findTool, TOOLS, type ToolId } from '../../src/tooling/host-tools.ts';
import { skipNote } from '../../src/tooling/missing-tools-reporter.ts';

/** True when the tests of this file or describe block can use the tool. */
export function hasTool(id: ToolId): boolean {
  return findTool(id) !== undefined;
}

/** Skips the running test because the tool is missing; under CI (where every check must run), fails it instead. */
export function skipWithout(context: TestContext, id: ToolId): never {
  if (process.env['CI']) throw new Error(`${TOOLS[id].name} not found, and under CI (CI is set) no check may be skipped: ${TOOLS[id].install.debian}.`);
  return context.skip(skipNote(id));
}

/** Skips (or under CI fails) each test of the enclosing file or describe block when the tool is missing. */
export function needsTool(id: ToolId): void {
  const present = hasTool(id);
  beforeEach((context) => {
    if (!present) skipWithout(context, id);
  });
}
