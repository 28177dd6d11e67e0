/**
 * Type-checks a lab's tests against one copy of the learner files, the way
 * the tests see them (`@impl/…` by the rule in impl-layers.ts: learner files
 * from that copy, the rest from given/). This is how the course proves a
 * starter exports the whole typed API the graders expect.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { courseAliases, tsPaths } from './aliases.ts';
import { implTsPaths } from './impl-layers.ts';
import { implLayout, type Lab } from './labs.ts';
import type { CoursePaths } from './paths.ts';

/** Compiler errors as "file:line:col message", empty when the copy type-checks. */
export function typecheckLab(paths: CoursePaths, lab: Lab, implDir: string): string[] {
  const configFile = ts.readConfigFile(join(paths.root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, paths.root);
  const testsDir = join(lab.dir, 'tests');
  const testFiles = readdirSync(testsDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(testsDir, f));
  const layout = implLayout(lab, implDir);
  const implFiles = [...lab.manifest.files.map((f) => join(implDir, f)), ...lab.manifest.given.map((f) => join(layout.givenDir, f))];
  const program = ts.createProgram({
    rootNames: [...testFiles, ...implFiles],
    options: {
      ...parsed.options,
      noEmit: true,
      paths: { ...tsPaths(courseAliases(paths.root)), ...implTsPaths(layout) },
    },
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${relative(paths.root, d.file.fileName)}:${line + 1}:${character + 1} ${text}`;
  });
}
