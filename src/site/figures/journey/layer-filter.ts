/** The timeline table's layer filter (trip-figures.ts timelineTableHtml): shown once JavaScript runs, hiding the rows of unticked layers. */

/** Wires the filter of one `.tt` table. */
export function wireLayerFilter(table: HTMLElement): void {
  const filter = table.querySelector<HTMLFieldSetElement>('.tt-filter')!;
  filter.hidden = false;
  filter.addEventListener('change', () => {
    const shown = new Set([...filter.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value));
    for (const row of table.querySelectorAll<HTMLElement>('tbody tr')) row.hidden = !shown.has(row.dataset['layer'] ?? '');
  });
}
