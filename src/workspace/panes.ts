/**
 * Resizable panes: each splitter sets one pane's width (a CSS variable on the
 * grid), by dragging or with the arrow keys, and the widths are remembered in
 * this browser.
 */
import { readSetting, writeSetting } from './preferences.ts';

const STEP = 24;

export interface PaneSpec {
  splitter: HTMLElement;
  /** The CSS variable holding the pane's width in px, e.g. `--lw-left`. */
  variable: string;
  initial: number;
  min: number;
  max: number;
  /** +1 when dragging right widens the pane, -1 when it narrows it. */
  direction: 1 | -1;
}

/** Wires each splitter to its pane width on `grid`. */
export function makeResizable(grid: HTMLElement, panes: PaneSpec[]): void {
  const sizes = readSetting<Record<string, number>>('panes', {});
  const apply = (pane: PaneSpec, width: number, save: boolean) => {
    const clamped = Math.round(Math.min(pane.max, Math.max(pane.min, width)));
    grid.style.setProperty(pane.variable, `${clamped}px`);
    pane.splitter.setAttribute('aria-valuenow', String(clamped));
    if (save) writeSetting('panes', { ...readSetting<Record<string, number>>('panes', {}), [pane.variable]: clamped });
    return clamped;
  };
  for (const pane of panes) {
    pane.splitter.setAttribute('aria-valuemin', String(pane.min));
    pane.splitter.setAttribute('aria-valuemax', String(pane.max));
    let width = apply(pane, sizes[pane.variable] ?? pane.initial, false);
    pane.splitter.addEventListener('keydown', (event) => {
      const delta = { ArrowLeft: -STEP, ArrowRight: STEP }[event.key];
      if (delta === undefined) return;
      event.preventDefault();
      width = apply(pane, width + delta * pane.direction, true);
    });
    pane.splitter.addEventListener('pointerdown', (event) => {
      event.preventDefault();
      pane.splitter.setPointerCapture(event.pointerId);
      const startX = event.clientX;
      const startWidth = width;
      const move = (e: PointerEvent) => (width = apply(pane, startWidth + (e.clientX - startX) * pane.direction, false));
      const up = () => {
        width = apply(pane, width, true);
        pane.splitter.removeEventListener('pointermove', move);
        pane.splitter.removeEventListener('pointerup', up);
      };
      pane.splitter.addEventListener('pointermove', move);
      pane.splitter.addEventListener('pointerup', up);
    });
  }
}
