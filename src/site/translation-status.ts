/**
 * Which pages are translated, and whether each translation is still in step
 * with its English page, read from the content tree and git history (the
 * check Lunaria makes, in the course's own terms). A translation is outdated
 * when the last commit that changed its English page is not in the history
 * of the last commit that changed the translation: the translator never saw
 * that change. Commits whose message contains `[i18n skip]` (a typo fix, a
 * reflowed paragraph) do not count as changes to the English page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TRANSLATED_LOCALES, type TranslatedLocale } from '../course/locale.ts';
import { leftOut } from '../course/offering.ts';
import type { CoursePaths } from '../course/paths.ts';

/** A commit-message marker: this change to an English page needs no re-translation. */
export const SKIP_MARKER = '[i18n skip]';

export interface PageTranslation {
  locale: TranslatedLocale;
  /** The English page, relative to the checkout's root (`content/chapters/dns.mdx`). */
  english: string;
  /** Where its translation lives or belongs (`content/zh-cn/chapters/dns.mdx`). */
  translation: string;
  /** `unknown`: no git history to compare (a download without .git), or the translation is not committed yet. */
  status: 'missing' | 'outdated' | 'current' | 'unknown';
}

/** The English .md/.mdx pages under `dir` (the locales' folders left out), relative to `dir`. */
function englishPages(dir: string, sub = ''): string[] {
  return readdirSync(join(dir, sub), { withFileTypes: true }).flatMap((entry) => {
    const path = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return (TRANSLATED_LOCALES as readonly string[]).includes(path) ? [] : englishPages(dir, path);
    return /\.mdx?$/.test(entry.name) ? [path] : [];
  });
}

/** Git's output, trimmed, or undefined when git fails (or exits non-zero). */
function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** The last commit that changed `file` (skip-marked commits left out), or undefined without one. */
function lastChange(root: string, file: string): string | undefined {
  return git(root, ['log', '-1', '--format=%H', '--fixed-strings', '--invert-grep', `--grep=${SKIP_MARKER}`, '--', file]) || undefined;
}

/** Whether commit `a` is in the history of commit `b`. */
function isAncestor(root: string, a: string, b: string): boolean {
  // The answer is the exit status alone: 0 (empty output) yes, 1 no.
  return git(root, ['merge-base', '--is-ancestor', a, b]) !== undefined;
}

/** Every English page this instance builds (left-out chapters aside), with its translation's status in each language. */
export function translationStatus(paths: CoursePaths, leftOutChapters: readonly string[] = leftOut(paths).chapters): PageTranslation[] {
  const left = new Set(leftOutChapters.map((id) => `chapters/${id}`));
  const pages = englishPages(paths.content).filter((page) => !left.has(page.replace(/\.mdx?$/, '')));
  const content = relative(paths.root, paths.content);
  return TRANSLATED_LOCALES.flatMap((locale) =>
    pages.map((page): PageTranslation => {
      const english = join(content, page);
      const translation = join(content, locale, page);
      if (!existsSync(join(paths.root, translation))) return { locale, english, translation, status: 'missing' };
      const translated = lastChange(paths.root, translation);
      const changed = lastChange(paths.root, english);
      if (!translated || !changed) return { locale, english, translation, status: 'unknown' };
      return { locale, english, translation, status: isAncestor(paths.root, changed, translated) ? 'current' : 'outdated' };
    }),
  );
}

/** The translations whose English page changed after them. */
export function outdatedTranslations(paths: CoursePaths): PageTranslation[] {
  return translationStatus(paths).filter((page) => page.status === 'outdated');
}
