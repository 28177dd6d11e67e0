/**
 * Builds the TypeScript worker's environment (workspace/typescript/environment.ts)
 * at build time: for each lab, a program like the Node type check's
 * (src/course/typecheck.ts) over the solution and given files, recording every
 * file outside the lab the compiler reads. Only those declaration files ship,
 * with their comments (doc text the diagnostics never need) left out.
 */
import { join, relative } from 'node:path';
import ts from 'typescript';
import { implTsPaths } from '../../../course/impl-layers.ts';
import { implLayout } from '../../../course/labs.ts';
import { courseLabs } from '../../../course/offering.ts';
import type { CoursePaths } from '../../../course/paths.ts';
import { VIRTUAL, type TypescriptEnvironment } from '../../../workspace/typescript/environment.ts';

/** Options that name places on the build machine; the worker sets its own. */
const MACHINE_OPTIONS = ['configFilePath', 'pathsBasePath', 'paths', 'baseUrl', 'typeRoots', 'rootDir', 'rootDirs', 'outDir', 'tsBuildInfoFile'] as const;

/** A declaration file without its comments, except triple-slash directives (`/// <reference …/>`), which the compiler reads. */
export function withoutComments(text: string): string {
  const { SyntaxKind } = ts;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  // Open braces inside each template literal type's `${…}`: its closing brace goes back to scanning the template.
  const templates: number[] = [];
  let out = '';
  for (let kind = scanner.scan(); kind !== SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === SyntaxKind.MultiLineCommentTrivia || (kind === SyntaxKind.SingleLineCommentTrivia && !scanner.getTokenText().startsWith('///'))) {
      out += scanner.getTokenText().includes('\n') ? '\n' : ' ';
      continue;
    }
    if (kind === SyntaxKind.OpenBraceToken && templates.length) templates[templates.length - 1]!++;
    if (kind === SyntaxKind.CloseBraceToken && templates.length) {
      if (templates[templates.length - 1] === 0) kind = scanner.reScanTemplateToken(false);
      else templates[templates.length - 1]!--;
    }
    if (kind === SyntaxKind.TemplateHead) templates.push(0);
    if (kind === SyntaxKind.TemplateTail) templates.pop();
    out += scanner.getTokenText();
  }
  return out;
}

/** Each lab's options and the declaration files their programs read, with paths relative to the course root. */
export function typescriptEnvironment(paths: CoursePaths): TypescriptEnvironment {
  const env: TypescriptEnvironment = { options: {}, files: {} };
  const read = new Set<string>();
  // The labs share most declaration files: each is parsed once.
  const parsedFiles = new Map<string, ts.SourceFile | undefined>();
  for (const lab of courseLabs(paths)) {
    const configPath = join(lab.dir, 'tsconfig.json');
    const config = ts.readConfigFile(configPath, ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, lab.dir, undefined, configPath);
    const options: ts.CompilerOptions = { ...parsed.options };
    for (const key of MACHINE_OPTIONS) delete options[key];
    env.options[lab.id] = options;
    const layout = implLayout(lab, join(lab.dir, 'solution'));
    const host = ts.createCompilerHost(parsed.options);
    const readFile = host.readFile.bind(host);
    host.readFile = (file) => {
      const text = readFile(file);
      if (text !== undefined) read.add(file);
      return text;
    };
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (file, language, ...rest) => {
      if (!file.includes('/node_modules/')) return getSourceFile(file, language, ...rest);
      if (!parsedFiles.has(file)) parsedFiles.set(file, getSourceFile(file, language, ...rest));
      if (parsedFiles.get(file)) read.add(file);
      return parsedFiles.get(file);
    };
    ts.createProgram({
      rootNames: [...lab.manifest.files.map((f) => join(layout.learnerDir, f)), ...lab.manifest.given.map((f) => join(layout.givenDir, f))],
      options: { ...parsed.options, noEmit: true, paths: implTsPaths(layout) },
      host,
    });
  }
  for (const file of [...read].sort()) {
    const rel = relative(paths.root, file);
    if (rel.startsWith('..') || rel.startsWith('labs/')) continue;
    const text = ts.sys.readFile(file)!;
    env.files[VIRTUAL.root + rel] = file.endsWith('.d.ts') ? withoutComments(text) : text;
  }
  return env;
}
