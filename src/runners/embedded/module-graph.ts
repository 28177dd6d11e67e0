/**
 * A tiny module loader for the embedded grader (browser worker and the
 * WebContainer's Node): TypeScript files held in memory are transpiled
 * (Sucrase, types stripped, line numbers kept), their import specifiers
 * rewritten to module URLs (blob: in a browser, data: in Node), and the
 * course's own modules (vitest, @lab-kit, @netsim, fast-check, http-cache-semantics) served from
 * namespaces the grader bundle already holds.
 */
// The minimal asm.js build: no WebAssembly to compile, and a third of the full build's size; it reads the
// JavaScript Sucrase writes, which is all it is given.
import { init, parse } from 'es-module-lexer/minimal/js';
import { transform } from 'sucrase';
import { resolveImpl, type ImplLayout } from '../../course/impl-layers.ts';
import { GIVEN_DIR, IMPL_DIR } from './run-files.ts';

/** es-module-lexer's import kinds (`ImportSpecifier.t`) that the graph links. */
const STATIC_IMPORT = 1;
const REEXPORT_STAR = 8;

/** A source file of the learner, the lab's given code, the tests, or their fixtures, by virtual path. */
export type SourceFiles = ReadonlyMap<string, string>;

/** How a run's virtual files answer `@impl/…`: the files under /impl/ are the learner's (runFiles puts only the manifest's there). */
function layoutOf(files: SourceFiles): ImplLayout {
  const learnerFiles = [...files.keys()].filter((p) => p.startsWith(IMPL_DIR)).map((p) => p.slice(IMPL_DIR.length));
  return { learnerDir: IMPL_DIR, givenDir: GIVEN_DIR, learnerFiles };
}

/** Resolves when the import scanner is ready; await it before building a graph. */
export const ready: Promise<void> = init();

/** A problem loading a module: names the file and, for syntax errors, the line. */
export class ModuleLoadError extends Error {
  override name = 'ModuleLoadError';
}

const transpiled = new Map<string, string>();

/** Strips types from one file, with a cache keyed by its text (runs re-use unchanged files). */
export function transpile(path: string, text: string): string {
  const key = `${path}\0${text}`;
  const cached = transpiled.get(key);
  if (cached !== undefined) return cached;
  try {
    const code = transform(text, { transforms: ['typescript'], disableESTransforms: true, filePath: path, keepUnusedImports: false }).code;
    transpiled.set(key, code);
    return code;
  } catch (error) {
    const e = error as Error & { loc?: { line: number; column: number } };
    // Sucrase reports 1-based lines and columns.
    const where = e.loc ? `${path}:${e.loc.line}:${e.loc.column}` : path;
    throw new ModuleLoadError(`${where}: ${e.message.replace(/^Error transforming [^:]+: /, '').replace(/ \(\d+:\d+\)$/, '')}`);
  }
}

/** Resolves `./x.ts`/`../x.ts` against the importing file's folder. */
export function resolveRelative(from: string, specifier: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const segment of specifier.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.') parts.push(segment);
  }
  return parts.join('/');
}

/** Source of a module that re-exports a namespace the worker holds on `globalThis.__journeyModules`. */
function builtinSource(name: string, namespace: Record<string, unknown>): string {
  const names = Object.keys(namespace).filter((k) => k !== 'default' && /^[A-Za-z_$][\w$]*$/.test(k));
  const lines = [`const m = globalThis.__journeyModules[${JSON.stringify(name)}];`];
  if (names.length) lines.push(`export const { ${names.join(', ')} } = m;`);
  if ('default' in namespace) lines.push('export default m.default;');
  return lines.join('\n');
}

/**
 * One graph per stage run, so every stage starts from fresh module state, as
 * Vitest isolates test files. Blob URLs are revoked by `dispose()`.
 */
/** How a host turns module source into an importable URL, and frees it. */
export interface ModuleHost {
  toUrl(source: string): string;
  release?(url: string): void;
  /** Specifiers the host's own loader resolves (e.g. `node:dgram` in Node); left as they are. */
  passThrough?(specifier: string): boolean;
}

export class ModuleGraph {
  private readonly urls = new Map<string, string>();
  private readonly loading = new Set<string>();
  private readonly files: SourceFiles;
  /** Where `@impl/…` finds the learner's files and the given ones; stack traces name them once `describe`d. */
  readonly layout: ImplLayout;
  private readonly builtins: Record<string, Record<string, unknown>>;
  private readonly host: ModuleHost;

  constructor(files: SourceFiles, builtins: Record<string, Record<string, unknown>>, host: ModuleHost) {
    this.files = files;
    this.layout = layoutOf(files);
    this.builtins = builtins;
    this.host = host;
    (globalThis as { __journeyModules?: unknown }).__journeyModules = builtins;
  }

  /** The blob URL of a module, building it and its imports first. */
  urlFor(path: string): string {
    const done = this.urls.get(path);
    if (done) return done;
    if (this.loading.has(path)) {
      throw new ModuleLoadError(`${path}: import cycle (${[...this.loading].join(' → ')} → ${path}); the browser runner needs imports without cycles`);
    }
    this.loading.add(path);
    try {
      const source = this.builtins[path] ? builtinSource(path, this.builtins[path]) : this.linked(path);
      const url = this.host.toUrl(source);
      this.urls.set(path, url);
      return url;
    } finally {
      this.loading.delete(path);
    }
  }

  /** Replaces module URLs in a message or stack with the files they stand for. */
  describe(text: string): string {
    let out = text;
    for (const [path, url] of this.urls) out = out.split(url).join(path);
    // data: URLs are long; an error quoting one shows its start.
    for (const [path, url] of this.urls) out = out.split(url.slice(0, 60)).join(path);
    return out;
  }

  dispose(): void {
    for (const url of this.urls.values()) this.host.release?.(url);
    this.urls.clear();
  }

  private resolve(from: string, specifier: string): string {
    if (this.builtins[specifier]) return specifier;
    const impl = resolveImpl(specifier, this.layout);
    if (impl) return impl;
    if (specifier.startsWith('./') || specifier.startsWith('../')) return resolveRelative(from, specifier);
    throw new ModuleLoadError(`${from}: cannot import "${specifier}" in the browser runner (only relative files, @impl/…, ${Object.keys(this.builtins).join(', ')})`);
  }

  private linked(path: string): string {
    const text = this.files.get(path);
    if (text === undefined) throw new ModuleLoadError(`cannot find ${path}`);
    const code = transpile(path, text);
    const [imports] = parse(code);
    let out = '';
    let last = 0;
    for (const imp of imports) {
      // Static imports (t 1) and `export * from` (t 8); pure stages have no dynamic imports.
      if ((imp.t !== STATIC_IMPORT && imp.t !== REEXPORT_STAR) || imp.n === undefined) continue;
      if (this.host.passThrough?.(imp.n)) continue;
      const target = this.resolve(path, imp.n);
      if (!this.builtins[target] && !this.files.has(target)) {
        throw new ModuleLoadError(`${path}: cannot find "${imp.n}" (looked for ${target})`);
      }
      out += code.slice(last, imp.s) + this.urlFor(target);
      last = imp.e;
    }
    return out + code.slice(last);
  }
}
