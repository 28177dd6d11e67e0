/**
 * <lab-workspace>: the in-browser lab. It loads the lab's bundle, restores
 * the learner's files from IndexedDB (saving every edit), grades the pure
 * stages in a Web Worker, and makes resets, imports and solutions undoable.
 */
import type { LabBundle } from '../course/lab-bundle.ts';
import { readWorkspaceZip, workspaceZip, WorkspaceZipError } from '../course/workspace-zip.ts';
import type { GradeResult } from '../runners/result.ts';
import { WorkerRunner } from '../runners/worker/worker-runner.ts';
import { TabbedEditor } from './editor.ts';
import { browserSupport, gradeInFullNode } from './full-node.ts';
import { renderResults } from './results-view.ts';
import { loadFiles, popSnapshot, pushSnapshot, recordProgress, saveFiles, snapshotCount, type Files } from './storage.ts';

const runner = new WorkerRunner(() => new Worker(new URL('../runners/worker/worker.ts', import.meta.url), { type: 'module' }));
const SAVE_DELAY_MS = 250;

class LabWorkspace extends HTMLElement {
  private bundle!: LabBundle;
  private editor!: TabbedEditor;
  private files: Files = {};
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private solutionShown = false;

  private byPart<T extends HTMLElement>(name: string): T {
    return this.querySelector<T>(`[data-part="${name}"]`)!;
  }

  async connectedCallback(): Promise<void> {
    try {
      const response = await fetch(this.dataset['bundle']!);
      if (!response.ok) throw new Error(`could not load the lab (${response.status} ${response.statusText})`);
      this.bundle = (await response.json()) as LabBundle;
      const saved = (await loadFiles(this.bundle.id)) ?? {};
      // Files the learner never touched (or a file added to the lab later) come from the starter.
      this.files = Object.fromEntries(this.bundle.manifest.files.map((f) => [f, saved[f] ?? this.bundle.starter[f]!]));
      this.setUp();
      this.toggleAttribute('data-ready', true);
    } catch (error) {
      this.status(`The lab workspace could not start: ${(error as Error).message}. You can still do this lab locally: npx journey start ${this.dataset['lab']}`, true);
    }
  }

  private setUp(): void {
    this.editor = new TabbedEditor({
      parent: this.byPart('editor'),
      onChange: (name, text) => {
        this.files[name] = text;
        this.scheduleSave();
      },
      onRun: () => void this.run(),
    });
    for (const [name, text] of Object.entries(this.files)) this.editor.setDocument(name, text);
    for (const [name, text] of Object.entries(this.bundle.given)) this.editor.setDocument(`given/${name}`, text, true);
    for (const [path, text] of Object.entries(this.bundle.tests)) this.editor.setDocument(path, text, true);
    this.renderTabs();
    this.show(this.bundle.manifest.files[0]!);

    this.byPart('run').addEventListener('click', () => void this.run());
    // Ctrl/⌘+Enter runs from anywhere in the workspace, not only inside the editor.
    this.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void this.run();
      }
    });
    this.querySelector('[data-part="run-node"]')?.addEventListener('click', () => void this.runInFullNode());
    // Load the grading worker once the page is idle: the first run is then quick, and still works if the network drops.
    (globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200)))(() => void runner.warm());
    this.byPart('reset-file').addEventListener('click', () => void this.resetFile());
    this.byPart('reset-lab').addEventListener('click', () => void this.replaceAll(this.bundle.starter, 'reset the lab'));
    this.byPart('undo').addEventListener('click', () => void this.undo());
    this.byPart('export').addEventListener('click', () => this.exportZip());
    const input = this.byPart<HTMLInputElement>('import-file');
    this.byPart('import').addEventListener('click', () => input.click());
    input.addEventListener('change', () => void this.importZip(input));
    // The button exists only when the course shows solutions (and then the bundle has them).
    this.querySelector('[data-part="solution"]')?.addEventListener('click', () => this.showSolution());
    addEventListener('pagehide', () => void this.flush());
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && void this.flush());
    void this.updateUndo();
  }

  /** Learner files as tabs; given files, tests and (once revealed) the solution as pickers, which stay compact. */
  private renderTabs(): void {
    const tabs = this.byPart('tabs');
    tabs.replaceChildren();
    const group = document.createElement('div');
    group.className = 'tab-group';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', 'Your files');
    for (const name of this.bundle.manifest.files) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'tab';
      button.dataset['file'] = name;
      button.textContent = name;
      button.addEventListener('click', () => this.show(name));
      group.append(button);
    }
    tabs.append(group);
    if (this.bundle.manifest.given.length) {
      tabs.append(this.picker('Given (read only)', this.bundle.manifest.given.map((f) => `given/${f}`), (p) => p.replace(/^given\//, '')));
    }
    tabs.append(this.picker('Tests (read only)', Object.keys(this.bundle.tests), (p) => p.replace(/^tests\//, '')));
    if (this.solutionShown) {
      const names = Object.keys(this.bundle.solution ?? {}).map((f) => `solution/${f}`);
      tabs.append(this.picker('Solution (read only)', names, (p) => p.replace(/^solution\//, '')));
    }
  }

  private picker(label: string, names: string[], shownAs: (name: string) => string): HTMLSelectElement {
    const select = document.createElement('select');
    select.className = 'lw-file-select';
    select.setAttribute('aria-label', label);
    select.append(new Option(label, ''), ...names.map((n) => new Option(shownAs(n), n)));
    select.addEventListener('change', () => select.value && this.show(select.value));
    return select;
  }

  private show(name: string): void {
    this.editor.show(name);
    for (const tab of this.querySelectorAll<HTMLButtonElement>('.tab')) tab.setAttribute('aria-pressed', String(tab.dataset['file'] === name));
    for (const select of this.querySelectorAll<HTMLSelectElement>('.lw-file-select')) {
      select.value = [...select.options].some((o) => o.value === name) ? name : '';
    }
  }

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.byPart('saved').textContent = 'Saving…';
    this.saveTimer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  private async flush(): Promise<void> {
    clearTimeout(this.saveTimer);
    await saveFiles(this.bundle.id, this.files);
    this.byPart('saved').textContent = 'All changes saved in this browser';
  }

  private status(message: string, isError = false): void {
    const box = this.byPart('status');
    box.textContent = message;
    box.dataset['kind'] = isError ? 'error' : 'info';
  }

  async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const button = this.byPart<HTMLButtonElement>('run');
    button.disabled = true;
    button.textContent = 'Running…';
    this.toggleAttribute('data-running', true);
    try {
      const result = await runner.grade({
        lab: this.bundle.id,
        target: 'workspace',
        manifest: this.bundle.manifest,
        learnerFiles: this.files,
        givenFiles: this.bundle.given,
        testFiles: this.bundle.tests,
      });
      this.showResult(result);
    } catch (error) {
      this.status(`Grading failed: ${(error as Error).message}`, true);
    } finally {
      this.running = false;
      button.disabled = false;
      button.textContent = 'Run tests';
      this.removeAttribute('data-running');
    }
  }

  /** The full-Node runner, on the learner's click: boots once per tab; any failure leaves the worker runner as it was. */
  async runInFullNode(): Promise<void> {
    if (this.running) return;
    const support = browserSupport(this.dataset['webcontainer'] === 'true');
    if (!support.ok) {
      this.status(`Full Node is not available here: ${support.reason} ${support.advice}`, true);
      return;
    }
    if (support.askFirst && !confirm('Start full Node in this tab? It downloads a runtime and needs a fair amount of memory.')) return;
    this.running = true;
    const button = this.byPart<HTMLButtonElement>('run-node');
    button.disabled = true;
    this.toggleAttribute('data-running', true);
    try {
      const result = await gradeInFullNode({
        bundle: this.bundle,
        files: this.files,
        graderUrl: this.dataset['grader']!,
        terminalHost: this.byPart('terminal'),
        onStep: (step) => this.status(`Full Node: ${step}…`),
      });
      this.status('Graded in full Node (WebContainer).');
      this.showResult(result);
    } catch (error) {
      this.status(`Full Node could not run: ${(error as Error).message} Your files are safe; “Run tests” still grades the stages marked “runs anywhere”, and \`npx journey grade ${this.bundle.id}\` grades everything on your machine.`, true);
    } finally {
      this.running = false;
      button.disabled = false;
      this.removeAttribute('data-running');
    }
  }

  private showResult(result: GradeResult): void {
    this.byPart('results').replaceChildren(renderResults(result));
    recordProgress(result);
    for (const stage of result.stages) {
      const badge = this.querySelector<HTMLElement>(`[data-stage-badge="${stage.id}"]`);
      if (badge && stage.status !== 'not-run') {
        badge.textContent = `${stage.earned}/${stage.points}`;
        badge.dataset['status'] = stage.status;
      }
    }
    this.dispatchEvent(new CustomEvent('graded', { detail: result }));
  }

  private async replaceAll(files: Files, reason: string): Promise<void> {
    await pushSnapshot(this.bundle.id, this.files, reason);
    this.files = { ...this.files, ...files };
    for (const [name, text] of Object.entries(files)) this.editor.setDocument(name, text);
    await this.flush();
    await this.updateUndo();
    this.status(`Done: ${reason}. “Undo” brings your previous files back.`);
  }

  private async resetFile(): Promise<void> {
    const name = this.editor.current;
    if (!name || !(name in this.files)) return this.status('Choose one of your files to reset (tests are read only).', true);
    await this.replaceAll({ [name]: this.bundle.starter[name]! }, `reset ${name}`);
  }

  private async undo(): Promise<void> {
    const snapshot = await popSnapshot(this.bundle.id);
    if (!snapshot) return;
    this.files = { ...this.files, ...snapshot.files };
    for (const [name, text] of Object.entries(snapshot.files)) this.editor.setDocument(name, text);
    await this.flush();
    await this.updateUndo();
    this.status(`Undone: ${snapshot.reason}.`);
  }

  private async updateUndo(): Promise<void> {
    const count = await snapshotCount(this.bundle.id);
    const undo = this.byPart<HTMLButtonElement>('undo');
    undo.disabled = count === 0;
    undo.textContent = count ? `Undo (${count})` : 'Undo';
  }

  private exportZip(): void {
    const bytes = workspaceZip(this.bundle.id, this.files);
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${this.bundle.id}.zip`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.status(`Exported ${this.bundle.id}.zip. Grade it locally: npx journey import ${this.bundle.id}.zip && npx journey grade ${this.bundle.id}`);
  }

  private async importZip(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      const { files } = readWorkspaceZip(new Uint8Array(await file.arrayBuffer()), [{ id: this.bundle.id, files: this.bundle.manifest.files, given: this.bundle.manifest.given }]);
      await this.replaceAll(files, `import ${file.name}`);
    } catch (error) {
      const reason = error instanceof WorkspaceZipError ? error.message : String(error);
      this.status(`Could not import ${file.name}: ${reason}. Your files are unchanged.`, true);
    }
  }

  private showSolution(): void {
    if (this.solutionShown) return;
    if (!confirm('Show the model solution? It opens in read-only tabs beside your files; your work is not changed.')) return;
    for (const [name, text] of Object.entries(this.bundle.solution ?? {})) this.editor.setDocument(`solution/${name}`, text, true);
    this.solutionShown = true;
    this.renderTabs();
    this.show(`solution/${this.bundle.manifest.files[0]}`);
  }
}

customElements.define('lab-workspace', LabWorkspace);
