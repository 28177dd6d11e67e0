// One alias table (src/course/aliases.ts); the copies that cannot import it
// (JSON tsconfigs, the embedded grader's built-in namespaces) must say the same.
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { COURSE_MODULES, LAB_IMPORTS } from '../src/course/aliases.ts';
import { labIds } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';
import { builtins } from '../src/runners/embedded/grading-core.ts';

const paths = coursePaths();

/** A tsconfig as TypeScript reads it (comments allowed), without following `extends`. */
function tsconfig(file: string): { extends?: string; compilerOptions?: { paths?: Record<string, string[]> } } {
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return config;
}

/** The table's entries as `paths` relative to a folder `prefix` away from the root. */
function expectedPaths(prefix: string): Record<string, string[]> {
  return Object.fromEntries(Object.entries(COURSE_MODULES).map(([name, file]) => [name, [prefix + file]]));
}

describe('the alias table is the only one', () => {
  it('the root tsconfig maps every course module as the table does (plus the site-only @components)', () => {
    const { '@components': components, ...rest } = tsconfig(join(paths.root, 'tsconfig.json')).compilerOptions!.paths!;
    expect(components).toBeDefined();
    expect(rest).toEqual(expectedPaths('./'));
  });

  it('the labs tsconfig base maps the course modules as the table does, and @impl to the solution, then given/', () => {
    const { '@impl/*': impl, ...rest } = tsconfig(join(paths.labs, 'tsconfig.base.json')).compilerOptions!.paths!;
    expect(impl).toEqual(['${configDir}/solution/*', '${configDir}/given/*']);
    expect(rest).toEqual(expectedPaths('../'));
  });

  it.each(labIds(paths))('labs/%s/tsconfig.json only extends the base', (id) => {
    expect(tsconfig(join(paths.labs, id, 'tsconfig.json'))).toEqual({ extends: '../tsconfig.base.json' });
  });

  it('the embedded grader serves exactly the names the table allows', () => {
    expect(Object.keys(builtins).sort()).toEqual([...LAB_IMPORTS].sort());
  });
});
