/**
 * <lab-workspace>: the in-browser lab. It loads the lab's bundle, restores
 * the learner's files from IndexedDB (saving every edit) and the last result,
 * grades the pure stages in a Web Worker, and makes resets, imports and
 * solutions undoable. Heavy parts (the full-Node runner, zip handling, the
 * starter diff) load when first used.
 */
import type { LabBundle } from '../course/lab-bundle.ts';
import type { BootStep } from '../runners/container/boot.ts';
import type { GradeResult } from '../runners/result.ts';
import { WorkerRunner } from '../runners/worker/worker-runner.ts';
import { FileEditor } from './editor.ts';
import { browserSupport } from './full-node-support.ts';
import { fileGroups, readOnlyDocuments, renderFileTree } from './file-tree.ts';
import { setUpHints } from './hints.ts';
import { makeResizable } from './panes.ts';
import { recordProgress } from './progress.ts';
import { showResults, summaryText } from './results-view.ts';
import { fill, pageLocale } from '../site/i18n/ui.ts';
import { pageStrings } from './ui.ts';
import { loadFiles, loadLastResult, popSnapshot, pushSnapshot, saveFiles, saveLastResult, snapshotCount, type Files } from './storage.ts';

const runner = new WorkerRunner(() => new Worker(new URL('../runners/worker/worker.ts', import.meta.url), { type: 'module' }));
const SAVE_DELAY_MS = 250;
const t = pageStrings();

/** How the page names each step of a full-Node run (boot.ts's steps, then the grading). */
const FULL_NODE_STEPS: Record<BootStep | 'grading', string> = {
  'loading the WebContainer library': t.fnStepLibrary,
  'booting Node (first time: about 10 s)': t.fnStepBooting,
  ready: t.fnStepReady,
  grading: t.fnStepGrading,
};
/** Below this width the workspace shows one pane at a time (focus mode); keep in step with lab-workspace.css. */
const ONE_PANE_QUERY = '(max-width: 63.99rem)';

type View = 'stages' | 'code' | 'results';

class LabWorkspace extends HTMLElement {
  private bundle!: LabBundle;
  private editor!: FileEditor;
  private files: Files = {};
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  /** Settles when the run going on (if any) ends. */
  private runEnded: Promise<void> = Promise.resolve();
  private endRun: () => void = () => undefined;
  private solutionShown = false;
  private diffShown = false;
  private diagnosticsStarted = false;

  private byPart<T extends HTMLElement>(name: string): T {
    return this.querySelector<T>(`[data-part="${name}"]`)!;
  }

  async connectedCallback(): Promise<void> {
    try {
      const response = await fetch(this.dataset['bundle']!);
      if (!response.ok) throw new Error(fill(t.labLoadFailed, { status: `${response.status} ${response.statusText}`.trim() }));
      this.bundle = (await response.json()) as LabBundle;
      const saved = (await loadFiles(this.bundle.id)) ?? {};
      // Files the learner never touched (or a file added to the lab later) come from the starter.
      this.files = Object.fromEntries(this.bundle.manifest.files.map((f) => [f, saved[f] ?? this.bundle.starter[f]!]));
      this.setUp();
      const last = await loadLastResult(this.bundle.id);
      if (last) this.showResult(last, { restoredAt: last.at });
      this.toggleAttribute('data-ready', true);
    } catch (error) {
      this.status(fill(t.startFailed, { error: (error as Error).message, lab: this.dataset['lab']! }), true);
    }
  }

  private setUp(): void {
    this.editor = new FileEditor({
      parent: this.byPart('editor'),
      onChange: (name, text) => {
        this.files[name] = text;
        this.scheduleSave();
        this.startDiagnostics();
      },
      onRun: () => void this.run(),
    });
    for (const [name, text] of Object.entries(this.files)) this.editor.setDocument(name, text);
    for (const [path, text] of Object.entries(readOnlyDocuments(this.bundle))) this.editor.setDocument(path, text, true);
    this.renderTree();
    this.show(this.bundle.manifest.files[0]!);
    this.setUpLayout();
    setUpHints(this, this.bundle.id);

    this.byPart('run').addEventListener('click', () => void this.run());
    // Ctrl/⌘+Enter runs from anywhere in the workspace, not only inside the editor.
    this.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void this.run();
      }
    });
    this.querySelector('[data-part="run-node"]')?.addEventListener('click', () => void this.runInFullNode());
    // Load the grading worker and the packages this lab's tests use once the page is idle: the first run is then quick, and still works if the network drops.
    const lab = { manifest: this.bundle.manifest, learnerFiles: this.files, givenFiles: this.bundle.given, testFiles: this.bundle.tests };
    (globalThis.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200)))(() => void runner.warm(lab));
    this.byPart('reset-file').addEventListener('click', () => void this.resetFile());
    this.byPart('reset-lab').addEventListener('click', () => void this.replaceAll(this.bundle.starter, t.reasonResetLab));
    this.byPart('undo').addEventListener('click', () => void this.undo());
    this.byPart('export').addEventListener('click', () => void this.exportZip());
    this.byPart('diff').addEventListener('click', () => void this.toggleDiff());
    const input = this.byPart<HTMLInputElement>('import-file');
    this.byPart('import').addEventListener('click', () => input.click());
    input.addEventListener('change', () => void this.importZip(input));
    // The button exists only when the course shows solutions (and then the bundle has them).
    this.querySelector('[data-part="solution"]')?.addEventListener('click', () => this.showSolution());
    // A file and line named in a failure message opens there.
    this.byPart('results').addEventListener('click', (event) => {
      const link = (event.target as HTMLElement).closest<HTMLElement>('[data-goto]');
      if (!link) return;
      this.setView('code');
      this.show(link.dataset['goto']!, Number(link.dataset['line']));
    });
    addEventListener('pagehide', () => void this.flush());
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && void this.flush());
    void this.updateUndo();
  }

  /** Resizable panes on wide screens; on narrow ones a switch between stages, code and results. */
  private setUpLayout(): void {
    const splitter = (side: string) => this.querySelector<HTMLElement>(`[data-splitter="${side}"]`)!;
    makeResizable(this.byPart('grid'), [
      { splitter: splitter('left'), variable: '--lw-left', axis: 'x', initial: 280, min: 200, max: 560, direction: 1 },
      { splitter: splitter('bottom'), variable: '--lw-bottom', axis: 'y', initial: 240, min: 120, max: 900, direction: -1 },
    ]);
    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-view-button]')) {
      button.addEventListener('click', () => this.setView(button.dataset['viewButton'] as View));
    }
    // The workspace fills the window below its own top edge, so the page itself does not scroll on a laptop.
    const fit = () => this.style.setProperty('--lw-top', `${Math.max(0, this.getBoundingClientRect().top + scrollY)}px`);
    fit();
    addEventListener('resize', fit);
  }

  private setView(view: View): void {
    this.dataset['view'] = view;
    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-view-button]')) {
      button.setAttribute('aria-pressed', String(button.dataset['viewButton'] === view));
    }
  }

  private renderTree(): void {
    renderFileTree(this.byPart('tree'), fileGroups(this.bundle, this.solutionShown), (path) => this.show(path));
  }

  private show(name: string, line?: number): void {
    if (this.diffShown) void this.toggleDiff();
    this.editor.show(name, line);
    this.byPart('current').textContent = name + (name in this.files ? '' : t.readOnlySuffix);
    for (const tab of this.querySelectorAll<HTMLButtonElement>('.tab')) {
      tab.setAttribute('aria-pressed', String(tab.dataset['file'] === name));
      // A file opened from a link shows in the tree too, its group unfolded.
      if (tab.dataset['file'] === name) tab.closest('details')!.open = true;
    }
    const diff = this.byPart<HTMLButtonElement>('diff');
    diff.disabled = !(name in this.files);
  }

  /** TypeScript diagnostics load with the first edit, never before: most visits that only read or run need none. */
  private startDiagnostics(): void {
    if (this.diagnosticsStarted) return;
    this.diagnosticsStarted = true;
    void import('./typescript/diagnostics.ts')
      .then(({ typescriptDiagnostics }) => {
        this.editor.enableDiagnostics(
          typescriptDiagnostics({
            lab: this.bundle.id,
            given: this.bundle.given,
            learner: () => this.files,
            environmentUrl: this.dataset['typescript']!,
            problems: this.byPart('problems'),
            betweenRuns: () => this.runEnded,
          }),
        );
      })
      .catch((error: unknown) => this.status(fill(t.typecheckFailed, { error: (error as Error).message }), true));
  }

  private scheduleSave(): void {
    clearTimeout(this.saveTimer);
    this.byPart('saved').textContent = t.saving;
    this.saveTimer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  private async flush(): Promise<void> {
    clearTimeout(this.saveTimer);
    await saveFiles(this.bundle.id, this.files);
    this.byPart('saved').textContent = t.saved;
  }

  private status(message: string, isError = false): void {
    const box = this.byPart('status');
    box.textContent = message;
    box.dataset['kind'] = isError ? 'error' : 'info';
  }

  /** While a run is going, both run buttons are disabled: never a button that looks enabled and does nothing. */
  private setBusy(busy: boolean, label = t.running): void {
    this.running = busy;
    if (busy) this.runEnded = new Promise((resolve) => (this.endRun = resolve));
    else this.endRun();
    this.toggleAttribute('data-running', busy);
    for (const part of ['run', 'run-node']) {
      const button = this.querySelector<HTMLButtonElement>(`[data-part="${part}"]`);
      if (button) button.disabled = busy;
    }
    this.byPart('run-label').textContent = busy ? label : t.runTests;
  }

  async run(): Promise<void> {
    if (this.running) return;
    this.setBusy(true);
    try {
      const result = await runner.grade({
        lab: this.bundle.id,
        target: 'workspace',
        manifest: this.bundle.manifest,
        learnerFiles: this.files,
        givenFiles: this.bundle.given,
        testFiles: this.bundle.tests,
        ...(this.bundle.scoring ? { scoring: this.bundle.scoring } : {}),
      });
      this.graded(result);
    } catch (error) {
      this.status(fill(t.gradingFailed, { error: (error as Error).message }), true);
    } finally {
      this.setBusy(false);
    }
  }

  /** The full-Node runner, on the learner's click: boots once per tab; any failure leaves the worker runner as it was. */
  async runInFullNode(): Promise<void> {
    if (this.running) return;
    const support = browserSupport(this.dataset['webcontainer'] === 'true');
    if (!support.ok) {
      this.status(fill(t.fullNodeUnavailable, { reason: support.reason, advice: support.advice }), true);
      return;
    }
    if (support.askFirst && !confirm(t.confirmFullNode)) return;
    this.setBusy(true, t.fullNodeBusy);
    // A boot that lost the race to a failure goes on in the background: its later steps must not cover the failure.
    let attempt = true;
    try {
      const { gradeInFullNode } = await import('./full-node.ts');
      const result = await gradeInFullNode({
        bundle: this.bundle,
        files: this.files,
        graderUrl: this.dataset['grader']!,
        terminalHost: this.byPart('terminal'),
        onStep: (step) => attempt && this.status(fill(t.fullNodeStep, { step: FULL_NODE_STEPS[step] })),
      });
      this.status(t.gradedFullNode);
      this.graded(result);
    } catch (error) {
      this.status(fill(t.fullNodeFailed, { error: (error as Error).message, command: `\`npx journey grade ${this.bundle.id}\`` }), true);
    } finally {
      attempt = false;
      this.setBusy(false);
    }
  }

  /** A fresh result: kept for the next visit, counted in progress, announced, and brought into view. */
  private graded(result: GradeResult): void {
    void saveLastResult(result);
    recordProgress(result);
    this.showResult(result);
    this.byPart('announce').textContent = summaryText(result);
    const summary = this.querySelector<HTMLElement>('.results .summary')!;
    summary.scrollIntoView({ block: 'nearest' });
    // In focus mode the results replace the code, so focus goes with them; on a laptop it stays in the editor.
    if (matchMedia(ONE_PANE_QUERY).matches) {
      this.setView('results');
      summary.scrollIntoView({ block: 'start' });
      summary.focus({ preventScroll: true });
    }
    this.dispatchEvent(new CustomEvent('graded', { detail: result }));
  }

  private showResult(result: GradeResult, options: { restoredAt?: string } = {}): void {
    const openable = [...this.bundle.manifest.files, ...Object.keys(readOnlyDocuments(this.bundle))];
    showResults(this.byPart('results'), result, { files: openable, tests: this.bundle.tests, stageTitles: JSON.parse(this.dataset['stageTitles'] ?? '{}'), ...options });
    this.byPart('view-score').textContent = `${result.score}/${result.max}`;
    for (const stage of result.stages) {
      const badge = this.querySelector<HTMLElement>(`[data-stage-badge="${stage.id}"]`);
      if (badge && stage.status !== 'not-run') {
        badge.textContent = `${stage.earned}/${stage.points}`;
        badge.dataset['status'] = stage.status;
      }
    }
    // The stage to work on next stands out in the list, as its results stand open.
    const next = result.stages.find((s) => s.status === 'failed')?.id;
    for (const item of this.querySelectorAll<HTMLElement>('[data-stage-item]')) {
      if (item.dataset['stageItem'] === next) item.setAttribute('aria-current', 'step');
      else item.removeAttribute('aria-current');
    }
  }

  private async replaceAll(files: Files, reason: string): Promise<void> {
    await pushSnapshot(this.bundle.id, this.files, reason);
    this.files = { ...this.files, ...files };
    for (const [name, text] of Object.entries(files)) this.editor.setDocument(name, text);
    await this.flush();
    await this.updateUndo();
    this.status(fill(t.done, { reason }));
  }

  private async resetFile(): Promise<void> {
    const name = this.editor.current;
    if (!name || !(name in this.files)) return this.status(t.chooseFileToReset, true);
    await this.replaceAll({ [name]: this.bundle.starter[name]! }, fill(t.reasonResetFile, { file: name }));
  }

  private async undo(): Promise<void> {
    const snapshot = await popSnapshot(this.bundle.id);
    if (!snapshot) return;
    this.files = { ...this.files, ...snapshot.files };
    for (const [name, text] of Object.entries(snapshot.files)) this.editor.setDocument(name, text);
    await this.flush();
    await this.updateUndo();
    this.status(fill(t.undone, { reason: snapshot.reason }));
  }

  private async updateUndo(): Promise<void> {
    const count = await snapshotCount(this.bundle.id);
    const undo = this.byPart<HTMLButtonElement>('undo');
    undo.disabled = count === 0;
    undo.setAttribute('aria-label', count ? fill(t.undoCount, { n: count }) : t.undo);
    const badge = undo.querySelector<HTMLElement>('[data-count]')!;
    badge.textContent = String(count);
    badge.hidden = count === 0;
  }

  /** Shows the current file's changes against the starter (read only while shown), or back to editing. */
  private async toggleDiff(): Promise<void> {
    const name = this.editor.current;
    const button = this.byPart<HTMLButtonElement>('diff');
    if (!name || !(name in this.files)) return;
    this.diffShown = !this.diffShown;
    button.setAttribute('aria-pressed', String(this.diffShown));
    this.byPart('diff-note').hidden = !this.diffShown;
    await this.editor.compareWith(this.diffShown ? this.bundle.starter[name]! : undefined);
  }

  private async exportZip(): Promise<void> {
    const { workspaceZip } = await import('../course/workspace-zip.ts');
    const bytes = workspaceZip(this.bundle.id, this.files);
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${this.bundle.id}.zip`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.status(fill(t.exported, { lab: this.bundle.id }));
  }

  private async importZip(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const [{ readWorkspaceZip, WorkspaceZipError }, { ZIP_WORDS }] = await Promise.all([import('../course/workspace-zip.ts'), import('../course/workspace-zip-words.ts')]);
    try {
      const lab = [{ id: this.bundle.id, files: this.bundle.manifest.files, given: this.bundle.manifest.given }];
      const { files } = readWorkspaceZip(new Uint8Array(await file.arrayBuffer()), lab, ZIP_WORDS[pageLocale(document.documentElement.lang)]);
      await this.replaceAll(files, fill(t.reasonImport, { file: file.name }));
    } catch (error) {
      const reason = error instanceof WorkspaceZipError ? error.message : String(error);
      this.status(fill(t.importFailed, { file: file.name, reason }), true);
    }
  }

  private showSolution(): void {
    if (this.solutionShown) return;
    if (!confirm(t.confirmSolution)) return;
    for (const [name, text] of Object.entries(this.bundle.solution ?? {})) this.editor.setDocument(`solution/${name}`, text, true);
    this.solutionShown = true;
    this.renderTree();
    this.show(`solution/${this.bundle.manifest.files[0]}`);
  }
}

customElements.define('lab-workspace', LabWorkspace);
