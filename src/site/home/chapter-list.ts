/**
 * The journey's chapters, written and planned, with their labs: read from the
 * chapter pages' frontmatter and the lab manifests, so the home page's cards
 * and the README's table never need keeping by hand.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadLabs, type Lab } from '../../course/labs.ts';
import type { Locale, TranslatedLocale } from '../../course/locale.ts';
import { localizeManifest } from '../../course/manifest-locale.ts';
import { courseLabs } from '../../course/offering.ts';
import type { CoursePaths } from '../../course/paths.ts';
import { courseSettings } from '../../course/settings.ts';
import { coursePages, pagesWithInfo, type PageInfo } from '../sidebar.ts';

/**
 * The chapters of the journey not written yet (COURSE.md numbers them). Once a
 * chapter page with that `sidebar.order` exists, the page is listed instead.
 */
const PLANNED: Record<number, string> = {
  1: 'Layers and encapsulation',
  2: 'DNS',
  3: 'CDN',
  4: 'Routing and ARP',
  5: 'TCP',
  6: 'HTTPS',
  7: 'Load balancing',
  8: 'WebSocket',
  9: 'RPC',
  10: 'CAS inventory',
  11: 'The whole journey',
};

/** The planned titles in Chinese, for the Chinese home page. */
const PLANNED_ZH: Record<number, string> = {
  1: '分层与封装',
  2: 'DNS',
  3: '内容分发网络（CDN）',
  4: '路由与 ARP',
  5: 'TCP',
  6: 'HTTPS',
  7: '负载均衡',
  8: 'WebSocket',
  9: '远程过程调用（RPC）',
  10: 'CAS 库存扣减',
  11: '完整的旅程',
};

export interface ChapterEntry {
  number: number;
  title: string;
  /** Set once the chapter is written. */
  page?: { slug: string; description: string };
  lab?: { id: string; title: string; summary: string };
}

/** A written chapter's entry: its journey number (the page's `sidebar.order`), page and lab. */
function writtenEntry(page: PageInfo, labs: readonly Lab[]): ChapterEntry {
  const lab = labs.find((l) => l.manifest.chapterPage === page.slug);
  return {
    number: page.order,
    title: page.title,
    page: { slug: page.slug, description: page.description },
    ...(lab ? { lab: { id: lab.id, title: lab.manifest.title, summary: lab.manifest.summary } } : {}),
  };
}

/** Every chapter of the journey in order: the written ones with their page and lab, the rest by their planned title. */
export function chapterList(paths: CoursePaths): ChapterEntry[] {
  const pages = pagesWithInfo(paths.content, 'chapters');
  const labs = loadLabs(paths);
  return Object.entries(PLANNED).map(([n, planned]) => {
    const page = pages.find((p) => p.order === Number(n));
    return page ? writtenEntry(page, labs) : { number: Number(n), title: planned };
  });
}

/**
 * This instance's chapters, for its home page: with course.json's `chapters`,
 * those alone in its order (numbers kept from the journey); without, the whole
 * journey, chapters to come included.
 */
export function courseChapterList(paths: CoursePaths, locale: Locale = 'en'): ChapterEntry[] {
  const settings = courseSettings(paths);
  const labs = courseLabs(paths, settings);
  const list = settings.chapters ? coursePages(paths, settings).map((page) => writtenEntry(page, labs)) : chapterList(paths);
  return locale === 'en' ? list : list.map((entry) => translatedEntry(entry, paths, locale));
}

/** An entry in a translated language: the translated page's title and description, the lab's translated words, English where a translation is missing. */
function translatedEntry(entry: ChapterEntry, paths: CoursePaths, locale: TranslatedLocale): ChapterEntry {
  if (!entry.page) return { ...entry, title: PLANNED_ZH[entry.number] ?? entry.title };
  const folder = join(paths.content, locale, 'chapters');
  const page = existsSync(folder) ? pagesWithInfo(join(paths.content, locale), 'chapters').find((p) => p.slug === entry.page!.slug) : undefined;
  const lab = entry.lab && loadLabs(paths).find((l) => l.id === entry.lab!.id);
  const words = lab && localizeManifest(lab.manifest, locale);
  return {
    ...entry,
    ...(page ? { title: page.title, page: { slug: entry.page.slug, description: page.description } } : {}),
    ...(words ? { lab: { id: lab.id, title: words.title, summary: words.summary } } : {}),
  };
}

/** Consecutive chapters not written yet, run together ("6–11"), between the written ones. */
export function groupPlanned(chapters: readonly ChapterEntry[]): (ChapterEntry | ChapterEntry[])[] {
  const out: (ChapterEntry | ChapterEntry[])[] = [];
  for (const chapter of chapters) {
    const last = out.at(-1);
    if (chapter.page) out.push(chapter);
    else if (Array.isArray(last)) last.push(chapter);
    else out.push([chapter]);
  }
  return out;
}

/** "6–11" for a run of chapters, "3" for one. */
export function numbers(run: readonly ChapterEntry[]): string {
  return run.length === 1 ? `${run[0]!.number}` : `${run[0]!.number}–${run.at(-1)!.number}`;
}
