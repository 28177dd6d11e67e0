// Starlight route middleware: the hero's buttons (the home page's, the 404 page's) are links Starlight uses as
// written, so they get the site's base here, and a button to a chapter or lab this instance leaves out is dropped.
// On Chinese pages the sidebar's Labs link goes to the Chinese lab list, and a translation whose English page
// changed since gets a notice (translation-status.ts).
import { defineRouteMiddleware, type StarlightRouteData } from '@astrojs/starlight/route-data';
import { leftOut } from '../course/offering.ts';
import { coursePaths } from '../course/paths.ts';
import { localePrefix, pageLocale } from '../course/locale.ts';
import { courseHref, leftOutPrefixes, withBase } from './course-links.ts';
import { outdatedTranslations } from './translation-status.ts';
import { outdatedNotice } from './translation-notice.ts';

const leftOutPages = leftOutPrefixes(leftOut(coursePaths()));
const outdated = new Set(outdatedTranslations(coursePaths()).map((page) => page.translation));

/** The sidebar with its link to the English lab list pointed at the same list in `prefix`'s language. */
function localizedSidebar(entries: StarlightRouteData['sidebar'], prefix: string): StarlightRouteData['sidebar'] {
  const labs = withBase('/labs/');
  return entries.map((entry) =>
    entry.type === 'group' ? { ...entry, entries: localizedSidebar(entry.entries, prefix) } : entry.href === labs ? { ...entry, href: withBase(`/${prefix}labs/`) } : entry,
  );
}

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const locale = pageLocale(route.lang);
  if (locale !== 'en') route.sidebar = localizedSidebar(route.sidebar, localePrefix(locale));
  let data = route.entry.data;
  // The entry's file path, relative to the project, for a page built from content/ (StarlightPage pages have none).
  const file = route.entry.filePath?.replace(/^\.\//, '');
  if (file && outdated.has(file) && !route.isFallback) data = { ...data, banner: { content: outdatedNotice(route.id, locale, import.meta.env.BASE_URL) } };
  const hero = data.hero;
  if (hero?.actions) {
    const actions = hero.actions.flatMap((action) => {
      const link = courseHref(action.link, import.meta.env.BASE_URL, leftOutPages);
      return link === undefined ? [] : [{ ...action, link }];
    });
    data = { ...data, hero: { ...hero, actions } };
  }
  // A copy: the entry is shared between requests, and a second pass would add the base twice.
  if (data !== route.entry.data) route.entry = { ...route.entry, data };
});
