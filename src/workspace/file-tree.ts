/**
 * The lab's files as labelled groups: the learner's files first, then any
 * read-only groups (the lab's given support code, tests, the solution once
 * revealed). Groups are data, so another kind of file is one more entry, not
 * new markup.
 */
import type { LabBundle } from '../course/lab-bundle.ts';
import { pageStrings } from './ui.ts';

export interface FileGroup {
  label: string;
  readOnly: boolean;
  /** Paths as the editor knows them; `shownAs` is what the tree prints. */
  files: { path: string; shownAs: string }[];
}

/** The groups to show for a bundle, with the solution's group only once it has been revealed. */
export function fileGroups(bundle: LabBundle, solutionShown: boolean): FileGroup[] {
  const group = (label: string, readOnly: boolean, paths: string[], prefix = '') => ({
    label,
    readOnly,
    files: paths.map((path) => ({ path, shownAs: path.slice(prefix.length) })),
  });
  const t = pageStrings();
  const groups = [group(t.yourFiles, false, bundle.manifest.files)];
  const given = Object.keys(bundle.given);
  if (given.length) groups.push(group(t.givenFiles, true, given.map((f) => `given/${f}`), 'given/'));
  groups.push(group(t.testFiles, true, Object.keys(bundle.tests), 'tests/'));
  if (solutionShown && bundle.solution) groups.push(group(t.solutionFiles, true, Object.keys(bundle.solution).map((f) => `solution/${f}`), 'solution/'));
  return groups.filter((g) => g.files.length);
}

/** Every read-only document a bundle opens in the editor, by editor path. */
export function readOnlyDocuments(bundle: LabBundle): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(bundle.given).map(([f, text]) => [`given/${f}`, text])),
    ...bundle.tests,
  };
}

/** Renders the groups into `host`; clicking a file calls `open`. Learner groups start open, read-only ones closed. */
export function renderFileTree(host: HTMLElement, groups: FileGroup[], open: (path: string) => void): void {
  const before = new Map([...host.querySelectorAll('details')].map((d) => [d.dataset['group'], d.open]));
  host.replaceChildren(
    ...groups.map((group) => {
      const details = document.createElement('details');
      details.dataset['group'] = group.label;
      details.open = before.get(group.label) ?? !group.readOnly;
      const summary = document.createElement('summary');
      summary.textContent = group.label;
      const list = document.createElement('ul');
      for (const file of group.files) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'tab';
        button.dataset['file'] = file.path;
        button.textContent = file.shownAs;
        button.title = file.path;
        button.setAttribute('aria-pressed', 'false');
        button.addEventListener('click', () => open(file.path));
        const item = document.createElement('li');
        item.append(button);
        list.append(item);
      }
      details.append(summary, list);
      return details;
    }),
  );
}
