/**
 * The site's links under course.json's `base` (a GitHub Pages project site
 * lives under `/<repo>/`), and what becomes of a link to a chapter or lab this
 * instance leaves out: it is no link at all, so no learner meets a 404.
 */
import { LOCALES, localePrefix } from '../course/locale.ts';

/** `path` (root-relative, such as `/labs/dns/`) under the site's base. */
export function withBase(path: string, base: string = import.meta.env.BASE_URL): string {
  return base.replace(/\/$/, '') + '/' + path.replace(/^\//, '');
}

/** The pages of the chapters and labs left out, in every language, as root-relative path prefixes. */
export function leftOutPrefixes(leftOut: { chapters: readonly string[]; labs: readonly string[] }): string[] {
  const english = [...leftOut.chapters.map((id) => `/chapters/${id}/`), ...leftOut.labs.map((id) => `/labs/${id}/`)];
  return LOCALES.flatMap((locale) => english.map((path) => `/${localePrefix(locale)}${path.slice(1)}`));
}

/** Where a link in the course's own content goes: under the base, or nowhere when its page is left out. */
export function courseHref(url: string, base: string, leftOutPages: readonly string[]): string | undefined {
  if (!url.startsWith('/') || url.startsWith('//')) return url;
  const path = url.replace(/[?#].*$/, '');
  const page = path.endsWith('/') ? path : `${path}/`;
  if (leftOutPages.some((prefix) => page.startsWith(prefix))) return undefined;
  return withBase(url, base);
}
