// Starlight route middleware: the hero's buttons (the home page's, the 404 page's) are links Starlight uses as
// written, so they get the site's base here, and a button to a chapter or lab this instance leaves out is dropped.
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { leftOut } from '../course/offering.ts';
import { coursePaths } from '../course/paths.ts';
import { courseHref, leftOutPrefixes } from './course-links.ts';

const leftOutPages = leftOutPrefixes(leftOut(coursePaths()));

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const hero = route.entry.data.hero;
  if (!hero?.actions) return;
  const actions = hero.actions.flatMap((action) => {
    const link = courseHref(action.link, import.meta.env.BASE_URL, leftOutPages);
    return link === undefined ? [] : [{ ...action, link }];
  });
  // A copy: the entry is shared between requests, and a second pass would add the base twice.
  route.entry = { ...route.entry, data: { ...route.entry.data, hero: { ...hero, actions } } };
});
