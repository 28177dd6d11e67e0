/**
 * TypeScript diagnostics for one learner file, as the Node type check
 * (src/course/typecheck.ts) reports them: a language service over a virtual
 * file system laid out by the one `@impl/` rule (impl-layers.ts): learner
 * files in /workspace, given files in /given, the declaration files of the
 * environment below /. Isomorphic: the editor's worker and the tests run it.
 */
import type TS from 'typescript';
import { implTsPaths } from '../../course/impl-layers.ts';
import { VIRTUAL, type TypescriptEnvironment } from './environment.ts';

/** A diagnostic in the file's own text: offsets, 1-based line, and the flattened message. */
export interface FileDiagnostic {
  from: number;
  to: number;
  line: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface LabFiles {
  lab: string;
  /** The learner's files by name (header.ts → text). */
  learner: Record<string, string>;
  /** The lab's given files by name. */
  given: Record<string, string>;
}

const SEVERITY = ['warning', 'error', 'info', 'info'] as const;

/** A checker for one lab; `update` replaces learner files, `diagnostics` checks one of them. */
export class LabChecker {
  private readonly ts: typeof TS;
  private readonly service: TS.LanguageService;
  private readonly texts = new Map<string, { text: string; version: number }>();

  constructor(ts: typeof TS, env: TypescriptEnvironment, files: LabFiles) {
    this.ts = ts;
    const options = env.options[files.lab];
    if (!options) throw new Error(`no TypeScript options for lab ${files.lab}`);
    const learnerFiles = Object.keys(files.learner);
    const compilerOptions: TS.CompilerOptions = {
      ...options,
      paths: implTsPaths({ learnerDir: VIRTUAL.learnerDir, givenDir: VIRTUAL.givenDir, learnerFiles }),
    };
    for (const [name, text] of Object.entries(files.given)) this.texts.set(`${VIRTUAL.givenDir}/${name}`, { text, version: 0 });
    this.update(files.learner);
    const roots = [...this.texts.keys()];
    const directories = new Set<string>();
    for (const path of [...roots, ...Object.keys(env.files)]) {
      for (let dir = path.slice(0, path.lastIndexOf('/')); dir; dir = dir.slice(0, dir.lastIndexOf('/'))) directories.add(dir);
    }
    const read = (path: string) => this.texts.get(path)?.text ?? env.files[path];
    const host: TS.LanguageServiceHost = {
      getCompilationSettings: () => compilerOptions,
      getScriptFileNames: () => roots,
      getScriptVersion: (path) => String(this.texts.get(path)?.version ?? 0),
      getScriptSnapshot: (path) => {
        const text = read(path);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      getCurrentDirectory: () => VIRTUAL.learnerDir,
      getDefaultLibFileName: (o) => `${VIRTUAL.root}node_modules/typescript/lib/${ts.getDefaultLibFileName(o)}`,
      fileExists: (path) => read(path) !== undefined,
      readFile: read,
      directoryExists: (dir) => dir === '/' || directories.has(dir.replace(/\/$/, '')),
      getDirectories: (dir) => [...directories].filter((d) => d.slice(0, d.lastIndexOf('/')) === dir.replace(/\/$/, '')).map((d) => d.slice(d.lastIndexOf('/') + 1)),
    };
    this.service = ts.createLanguageService(host, ts.createDocumentRegistry());
  }

  /** Replaces the learner files given (by name); the others keep their text. */
  update(learner: Record<string, string>): void {
    for (const [name, text] of Object.entries(learner)) {
      const path = `${VIRTUAL.learnerDir}/${name}`;
      const before = this.texts.get(path);
      if (before?.text !== text) this.texts.set(path, { text, version: (before?.version ?? 0) + 1 });
    }
  }

  /** Syntax and type errors in one learner file, in file order. */
  diagnostics(name: string): FileDiagnostic[] {
    const path = `${VIRTUAL.learnerDir}/${name}`;
    const program = this.service.getProgram()!;
    const file = program.getSourceFile(path);
    if (!file) throw new Error(`${name} is not one of the lab's files`);
    const found = [...this.service.getSyntacticDiagnostics(path), ...this.service.getSemanticDiagnostics(path)];
    return found
      .filter((d) => d.start !== undefined)
      .map((d) => ({
        from: d.start!,
        to: d.start! + (d.length ?? 0),
        line: file.getLineAndCharacterOfPosition(d.start!).line + 1,
        severity: SEVERITY[d.category],
        message: this.ts.flattenDiagnosticMessageText(d.messageText, '\n'),
      }))
      .sort((a, b) => a.from - b.from);
  }
}
