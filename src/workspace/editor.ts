/**
 * The code editor: CodeMirror 6 with TypeScript highlighting. One EditorState
 * per file keeps each tab's own undo history; read-only tabs show the tests.
 */
import { basicSetup } from 'codemirror';
import { javascript } from '@codemirror/lang-javascript';
import { oneDark } from '@codemirror/theme-one-dark';
import { Compartment, EditorState, Prec, type Extension } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';

export interface EditorOptions {
  parent: HTMLElement;
  onChange(name: string, text: string): void;
  onRun(): void;
}

const theme = new Compartment();

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

/** A tabbed editor over named documents. */
export class TabbedEditor {
  private readonly view: EditorView;
  private readonly states = new Map<string, EditorState>();
  private readonly options: EditorOptions;
  private currentName: string | undefined;

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
      basicSetup,
      javascript({ typescript: true }),
      theme.of(isDark() ? dark : []),
      EditorView.lineWrapping,
      EditorState.readOnly.of(readOnly),
      // tabindex makes axe (and some screen readers) see the scroller's content as keyboard-reachable.
      EditorView.contentAttributes.of({ 'aria-label': `${name}${readOnly ? ' (read only)' : ''}`, tabindex: '0' }),
      keymap.of([{ key: 'Mod-Enter', run: () => (this.options.onRun(), true) }]),
      EditorView.updateListener.of((update) => {
        if (update.docChanged && !readOnly) this.options.onChange(name, update.state.doc.toString());
      }),
    ];
  }

  /** Adds or replaces a document (replacing starts a fresh undo history). */
  setDocument(name: string, text: string, readOnly = false): void {
    const state = EditorState.create({ doc: text, extensions: this.extensions(name, readOnly) });
    this.states.set(name, state);
    if (name === this.currentName) this.view.setState(state);
  }

  /** Shows a document. */
  show(name: string): void {
    if (this.currentName) this.states.set(this.currentName, this.view.state);
    const state = this.states.get(name);
    if (!state) return;
    this.currentName = name;
    this.view.setState(state);
  }

  get current(): string | undefined {
    return this.currentName;
  }

  /** The text of a document, including unsaved edits in the visible one. */
  text(name: string): string | undefined {
    return name === this.currentName ? this.view.state.doc.toString() : this.states.get(name)?.doc.toString();
  }

  focus(): void {
    this.view.focus();
  }
}
