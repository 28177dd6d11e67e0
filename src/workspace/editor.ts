/**
 * The code editor: CodeMirror 6 with a light TypeScript highlighter. One
 * EditorState per file keeps each file's own undo history; read-only files
 * show tests, given code and the solution. Only what a learner needs to read
 * and type ships with the page (the page-weight budget); search loads on its
 * first use.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, indentOnInput, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { typescript } from '@codemirror/legacy-modes/mode/javascript';
import { tags } from '@lezer/highlight';
import { oneDark } from '@codemirror/theme-one-dark';
import { Compartment, EditorSelection, EditorState, Prec, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  type Command,
} from '@codemirror/view';
import { pageStrings } from './ui.ts';

export interface EditorOptions {
  parent: HTMLElement;
  onChange(name: string, text: string): void;
  onRun(): void;
}

const theme = new Compartment();
// The legacy mode names object members "property", which CodeMirror's default token table does not know.
const tsLanguage = StreamLanguage.define({ ...typescript, tokenTable: { property: tags.propertyName } });

/**
 * One Dark on a darker background, on which all its token colours meet WCAG AA
 * contrast (4.5:1); on its own #282c34 the red and grey ones do not.
 */
const DARK_BACKGROUND = '#1b1e23';
const dark: Extension = [
  oneDark,
  Prec.highest(EditorView.theme({ '&, .cm-gutters': { backgroundColor: DARK_BACKGROUND } }, { dark: true })),
];

function isDark(): boolean {
  return document.documentElement.dataset['theme'] === 'dark';
}

const searchSlot = new Compartment();
/** The starter diff (loaded on first use) and the read-only lock that goes with it. */
const compareSlot = new Compartment();
/** TypeScript diagnostics in the learner's files, once the first edit has loaded them. */
const diagnosticsSlot = new Compartment();

/** Ctrl/⌘+F: loads CodeMirror's search panel the first time it is asked for, then opens it. */
const openSearch: Command = (view) => {
  void import('@codemirror/search').then(({ search, openSearchPanel }) => {
    view.dispatch({ effects: searchSlot.reconfigure(search({ top: true })) });
    openSearchPanel(view);
  });
  return true;
};

/** An editor over named documents, one shown at a time. */
export class FileEditor {
  private readonly view: EditorView;
  private readonly states = new Map<string, EditorState>();
  private readonly options: EditorOptions;
  private currentName: string | undefined;
  private readonly writable = new Set<string>();
  private diagnostics: ((name: string) => Extension) | undefined;

  constructor(options: EditorOptions) {
    this.options = options;
    this.view = new EditorView({ parent: options.parent });
    // Follow Starlight's light/dark switch.
    new MutationObserver(() => this.view.dispatch({ effects: theme.reconfigure(isDark() ? dark : []) })).observe(
      document.documentElement,
      { attributes: true, attributeFilter: ['data-theme'] },
    );
  }

  private extensions(name: string, readOnly: boolean): Extension[] {
    return [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightSpecialChars(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      tsLanguage,
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      theme.of(isDark() ? dark : []),
      searchSlot.of([]),
      compareSlot.of([]),
      diagnosticsSlot.of(readOnly || !this.diagnostics ? [] : this.diagnostics(name)),
      EditorState.tabSize.of(2),
      EditorState.readOnly.of(readOnly),
      EditorView.editable.of(!readOnly),
      // tabindex makes axe (and some screen readers) see the scroller's content as keyboard-reachable.
      EditorView.contentAttributes.of({ 'aria-label': `${name}${readOnly ? pageStrings().readOnlySuffix : ''}`, tabindex: '0' }),
      keymap.of([
        { key: 'Mod-Enter', run: () => (this.options.onRun(), true) },
        { key: 'Mod-f', run: openSearch, scope: 'editor search-panel' },
        ...defaultKeymap,
        ...historyKeymap,
        // Tab indents; Escape then Tab leaves the editor (CodeMirror's keyboard trap escape).
        indentWithTab,
      ]),
      EditorView.updateListener.of((update) => {
        if (update.docChanged && !readOnly) this.options.onChange(name, update.state.doc.toString());
      }),
    ];
  }

  /** Adds or replaces a document (replacing starts a fresh undo history). */
  setDocument(name: string, text: string, readOnly = false): void {
    const state = EditorState.create({ doc: text, extensions: this.extensions(name, readOnly) });
    this.states.set(name, state);
    if (readOnly) this.writable.delete(name);
    else this.writable.add(name);
    if (name === this.currentName) this.view.setState(state);
  }

  /** Shows a document; with a line number, puts the cursor there and scrolls it into the middle. */
  show(name: string, line?: number): void {
    if (this.currentName) this.states.set(this.currentName, this.view.state);
    const state = this.states.get(name);
    if (!state) return;
    this.currentName = name;
    this.view.setState(state);
    if (line !== undefined) {
      const at = state.doc.line(Math.min(Math.max(line, 1), state.doc.lines)).from;
      this.view.dispatch({ selection: EditorSelection.cursor(at), effects: EditorView.scrollIntoView(at, { y: 'center' }) });
      this.view.focus();
    }
  }

  /** Shows the visible document's changes against `original` (read only meanwhile); undefined goes back to editing. */
  async compareWith(original: string | undefined): Promise<void> {
    if (original === undefined) {
      this.view.dispatch({ effects: compareSlot.reconfigure([]) });
      return;
    }
    const { unifiedMergeView, goToNextChunk } = await import('@codemirror/merge');
    const diff = unifiedMergeView({ original, mergeControls: false, syntaxHighlightDeletions: false });
    this.view.dispatch({ effects: compareSlot.reconfigure([diff, EditorState.readOnly.of(true), EditorView.editable.of(false)]) });
    // Straight to the first change: in a long file it may be far below.
    goToNextChunk(this.view);
  }

  /** Adds diagnostics to every editable document, present and future; `forFile` gives each file its extension. */
  enableDiagnostics(forFile: (name: string) => Extension): void {
    this.diagnostics = forFile;
    for (const name of this.writable) {
      const effects = diagnosticsSlot.reconfigure(forFile(name));
      if (name === this.currentName) this.view.dispatch({ effects });
      else this.states.set(name, this.states.get(name)!.update({ effects }).state);
    }
  }

  get current(): string | undefined {
    return this.currentName;
  }

  /** The text of a document, including edits in the visible one. */
  text(name: string): string | undefined {
    return name === this.currentName ? this.view.state.doc.toString() : this.states.get(name)?.doc.toString();
  }

  focus(): void {
    this.view.focus();
  }
}
