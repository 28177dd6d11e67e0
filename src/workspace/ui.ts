/** The lab page's UI strings, in the page's language (Starlight sets `<html lang>` from the page's locale at build time). */
import { uiStrings, type UiStrings } from '../site/i18n/ui.ts';
import type { TestResult } from '../runners/result.ts';

/** The strings for this page's language; English outside a page (unit tests). */
export function pageStrings(): UiStrings {
  return uiStrings(globalThis.document?.documentElement.lang);
}

/** How a test's outcome is named on this page, for counts such as "3 passed". */
export function statusWords(t: UiStrings = pageStrings()): Record<TestResult['status'], string> {
  return { passed: t.statusPassed, failed: t.statusFailed, hung: t.statusHung, 'not-run': t.statusNotRun, skipped: t.statusSkipped };
}
