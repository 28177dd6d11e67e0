/**
 * TypeScript diagnostics in the editor, loaded with the learner's first edit:
 * starts the TypeScript worker, lints each learner file through it (debounced
 * while typing), underlines the problems and lists them under the editor with
 * their lines. Grading never waits for any of it: runs go to their own worker,
 * and the checker starts, and checks, only between runs, so it never takes
 * the processor from one.
 */
import { forEachDiagnostic, lintGutter, linter, setDiagnosticsEffect, type Diagnostic } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import { EditorSelection, type Text } from '@codemirror/state';
import { EditorView, ViewPlugin, type ViewUpdate } from '@codemirror/view';
import type { FileDiagnostic, LabFiles } from './lab-checker.ts';
import type { CheckerAnswer, CheckerRequest } from './protocol.ts';

/** Quiet time after the last keystroke before a file is checked again. */
const DEBOUNCE_MS = 400;

export interface DiagnosticsOptions {
  lab: string;
  given: Record<string, string>;
  /** The learner's files as they are now. */
  learner(): Record<string, string>;
  /** Where the build put the declaration files and options (`/labs/typescript.json`). */
  environmentUrl: string;
  /** The list under the editor that names the shown file's problems. */
  problems: HTMLElement;
  /** Resolves once no run is going on. */
  betweenRuns(): Promise<void>;
}

/** One checker worker for the page; `check` answers with the diagnostics of one learner file. */
class CheckerClient {
  private readonly worker = new Worker(new URL('./ts-worker.ts', import.meta.url), { type: 'module' });
  private readonly pending = new Map<number, (diagnostics: FileDiagnostic[] | Error) => void>();
  private nextId = 0;
  failure: string | undefined;

  constructor(environmentUrl: string, files: LabFiles) {
    this.worker.addEventListener('message', (event: MessageEvent<CheckerAnswer>) => {
      const answer = event.data;
      if (answer.kind === 'failed') this.failure = answer.message;
      this.pending.get(answer.id)?.(answer.kind === 'diagnostics' ? answer.diagnostics : new Error(answer.message));
      this.pending.delete(answer.id);
    });
    // A worker that cannot start (its script failed to load) leaves the editor as it was, with a note.
    this.worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.failure = 'the type checker could not start';
      for (const settle of this.pending.values()) settle(new Error(this.failure));
      this.pending.clear();
    });
    this.post({ kind: 'open', environmentUrl, files });
  }

  private post(request: CheckerRequest): void {
    this.worker.postMessage(request);
  }

  check(file: string, learner: Record<string, string>): Promise<FileDiagnostic[] | Error> {
    if (this.failure) return Promise.resolve(new Error(this.failure));
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.post({ kind: 'check', id, file, learner });
    });
  }
}

function toEditor(found: FileDiagnostic[], doc: Text): Diagnostic[] {
  const clamp = (at: number) => Math.min(Math.max(at, 0), doc.length);
  return found.map((d) => ({ from: clamp(d.from), to: clamp(d.to), severity: d.severity, message: d.message, source: 'TypeScript' }));
}

/**
 * Keeps the problems list in step with the shown file's diagnostics; emptied when another file is shown.
 * `data-checked` names the file once its first check has come back (until then an empty list means "not yet").
 */
function problemsList(host: HTMLElement, file: string, unavailable: () => string | undefined): Extension {
  const render = (view: EditorView, keepCursorInView: boolean) => {
    const items: HTMLElement[] = [];
    forEachDiagnostic(view.state, (d, from) => {
      const line = view.state.doc.lineAt(from).number;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = `lw-problem lw-problem-${d.severity}`;
      button.dataset['line'] = String(line);
      button.append(Object.assign(document.createElement('span'), { className: 'lw-problem-line', textContent: `Line ${line}` }), ` ${d.message}`);
      button.addEventListener('click', () => {
        view.dispatch({ selection: EditorSelection.cursor(from), effects: EditorView.scrollIntoView(from, { y: 'center' }) });
        view.focus();
      });
      const item = document.createElement('li');
      item.append(button);
      items.push(item);
    });
    const note = unavailable();
    if (note) items.push(Object.assign(document.createElement('li'), { className: 'lw-problem-note', textContent: `Type checking is unavailable: ${note}.` }));
    const appearing = host.hidden && items.length > 0;
    host.replaceChildren(...items);
    host.hidden = items.length === 0;
    // The list takes room from the editor: keep the line being typed in view.
    if (keepCursorInView && appearing && view.hasFocus) view.dispatch({ effects: EditorView.scrollIntoView(view.state.selection.main.head) });
  };
  return ViewPlugin.define((view) => {
    let shown = true;
    delete host.dataset['checked'];
    render(view, false);
    return {
      update: (update: ViewUpdate) => {
        if (!update.transactions.some((tr) => tr.effects.some((e) => e.is(setDiagnosticsEffect)))) return;
        host.dataset['checked'] = file;
        // Rendered after the update, since a view must not be given a transaction while it applies one.
        queueMicrotask(() => shown && render(update.view, true));
      },
      destroy: () => {
        shown = false;
        delete host.dataset['checked'];
        host.replaceChildren();
        host.hidden = true;
      },
    };
  });
}

/** The extension each learner file's editor state gets; the checker's worker starts with the first check. */
export function typescriptDiagnostics(options: DiagnosticsOptions): (file: string) => Extension {
  let client: CheckerClient | undefined;
  return (file) => [
    linter(
      async (view) => {
        await options.betweenRuns();
        client ??= new CheckerClient(options.environmentUrl, { lab: options.lab, learner: options.learner(), given: options.given });
        const text = view.state.doc.toString();
        const found = await client.check(file, { ...options.learner(), [file]: text });
        return found instanceof Error ? [] : toEditor(found, view.state.doc);
      },
      { delay: DEBOUNCE_MS },
    ),
    lintGutter(),
    problemsList(options.problems, file, () => client?.failure),
  ];
}
