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

/**
 * Parsed files outside the lab and the checked copy (TypeScript's lib,
 * @types/node, Vitest's and fast-check's types, the course's modules),
 * shared by every program: they are most of what a check parses, and the
 * same for every lab and copy. A parsed file does not depend on the program
 * that reads it.
 */
const shared = new Map<string, ts.SourceFile>();

/** A compiler host that parses each file outside the checked copy's folders once per process. */
function sharingHost(options: ts.CompilerOptions, ownDirs: readonly string[]): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const parse = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, onError, fresh) => {
    if (ownDirs.some((dir) => fileName.startsWith(dir))) return parse(fileName, language, onError, fresh);
    const key = typeof language === 'object' ? `${language.languageVersion}\0${language.impliedNodeFormat}\0${fileName}` : `${language}\0${fileName}`;
    let file = shared.get(key);
    if (!file) {
      file = parse(fileName, language, onError, fresh);
      if (file) shared.set(key, file);
    }
    return file;
  };
  return host;
}

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
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    paths: { ...tsPaths(courseAliases(paths.root)), ...implTsPaths(layout) },
  };
  const program = ts.createProgram({ rootNames: [...testFiles, ...implFiles], options, host: sharingHost(options, [lab.dir, implDir]) });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${relative(paths.root, d.file.fileName)}:${line + 1}:${character + 1} ${text}`;
  });
}
