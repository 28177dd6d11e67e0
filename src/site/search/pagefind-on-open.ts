/**
 * Stands in for Pagefind's UI in Starlight's search component (see
 * integrations/stand-ins.ts). Starlight builds the real UI, some 26 kB
 * of script, as soon as every page is idle, though most readers never
 * search; this builds it when the search dialog first opens, and fetches it a
 * moment earlier, when the pointer or focus reaches the search button.
 */
type RealUi = typeof import('@pagefind/default-ui');

export class PagefindUI {
  constructor(options: { element: string } & Record<string, unknown>) {
    const mount = document.querySelector(options.element);
    const search = mount?.closest('site-search');
    const dialog = mount?.closest('dialog');
    if (!search || !dialog) return;
    let real: Promise<RealUi> | undefined;
    const fetchUi = () => (real ??= import('@pagefind/default-ui'));
    let built = false;
    const build = async () => {
      if (built || !dialog.open) return;
      built = true;
      const { PagefindUI: Real } = await fetchUi();
      new Real(options);
      // Starlight focuses the search box as the dialog opens, before there is one.
      if (dialog.open) search.querySelector<HTMLInputElement>('input')?.focus();
    };
    const button = search.querySelector('button[data-open-modal]');
    for (const type of ['pointerenter', 'focus', 'touchstart']) button?.addEventListener(type, fetchUi, { once: true, passive: true });
    new MutationObserver(build).observe(dialog, { attributes: true, attributeFilter: ['open'] });
    // Starlight constructs this when the page is first idle: a reader quick to search has opened it already.
    void build();
  }
}
