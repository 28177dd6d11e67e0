/** The notice on a translated page whose English page changed after it (translation-status.ts finds which). */
import { localePrefix, type Locale } from '../course/locale.ts';
import { withBase } from './course-links.ts';
import { fill, uiStrings } from './i18n/ui.ts';

/** The notice's HTML for the page with Starlight id `id` (`zh-cn/chapters/dns`, or `zh-cn` for the home page), linking to its English page. */
export function outdatedNotice(id: string, locale: Locale, base: string): string {
  const t = uiStrings(locale);
  const rest = id.slice(localePrefix(locale).length);
  const english = withBase(rest ? `/${rest}/` : '/', base);
  return fill(t.outdatedNotice, { link: `<a href="${english}">${t.outdatedLink}</a>` });
}
