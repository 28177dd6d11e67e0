/**
 * Resizable panes: each splitter sets one pane's size (a CSS variable on the
 * grid), by dragging or with the arrow keys, and the sizes are remembered in
 * this browser.
 */
import { readSetting, writeSetting } from './preferences.ts';

const STEP = 24;
/** Which keys move a splitter, by axis. */
const KEYS: Record<PaneSpec['axis'], Record<string, number>> = {
  x: { ArrowLeft: -STEP, ArrowRight: STEP },
  y: { ArrowUp: -STEP, ArrowDown: STEP },
};

export interface PaneSpec {
  splitter: HTMLElement;
  /** The CSS variable holding the pane's size in px, e.g. `--lw-left`. */
  variable: string;
  /** 'x': the splitter moves sideways (a width); 'y': up and down (a height). */
  axis: 'x' | 'y';
  initial: number;
  min: number;
  max: number;
  /** +1 when dragging right (or down) grows the pane, -1 when it shrinks it. */
  direction: 1 | -1;
}

/** Wires each splitter to its pane's size on `grid`. */
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
      const delta = KEYS[pane.axis][event.key];
      if (delta === undefined) return;
      event.preventDefault();
      width = apply(pane, width + delta * pane.direction, true);
    });
    pane.splitter.addEventListener('pointerdown', (event) => {
      event.preventDefault();
      pane.splitter.setPointerCapture(event.pointerId);
      const at = (e: PointerEvent) => (pane.axis === 'x' ? e.clientX : e.clientY);
      const start = at(event);
      const startWidth = width;
      const move = (e: PointerEvent) => (width = apply(pane, startWidth + (at(e) - start) * pane.direction, false));
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
