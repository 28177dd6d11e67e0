/**
 * What this instance of the course offers: the chapters course.json's
 * `chapters` names, in its order, and their labs. The site, the sidebar, the
 * home page and `journey` read the course through here, so a chapter left out
 * vanishes from all of them at once.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { chapterOrder, pageFile } from './chapter-number.ts';
import { labIds, loadLabs, ManifestError, type Lab } from './labs.ts';
import type { CoursePaths } from './paths.ts';
import { chapterIds, courseSettings, settingsFile, type CourseSettings } from './settings.ts';

/** A chapter's journey number (its page's `sidebar.order`), or Infinity when the page states none. */
function journeyNumber(paths: CoursePaths, id: string): number {
  const page = pageFile(paths.content, `chapters/${id}`);
  return (page === undefined ? undefined : chapterOrder(readFileSync(page, 'utf8'))) ?? Infinity;
}

/** Ids of the chapters offered, in the course's order: course.json's `chapters`, or every chapter in journey order. */
export function offeredChapters(paths: CoursePaths, settings: CourseSettings = courseSettings(paths)): string[] {
  if (settings.chapters) return settings.chapters;
  return chapterIds(paths)
    .map((id) => ({ id, n: journeyNumber(paths, id) }))
    .sort((a, b) => a.n - b.n || a.id.localeCompare(b.id))
    .map(({ id }) => id);
}

/** The chapter id a lab belongs to (`chapters/dns` → `dns`). */
function chapterOfLab(lab: Lab): string {
  return lab.manifest.chapterPage.replace(/^chapters\//, '');
}

/** The labs of the offered chapters, in the course's order; a due date for a lab left out is an error naming it. */
export function courseLabs(paths: CoursePaths, settings: CourseSettings = courseSettings(paths)): Lab[] {
  const chapters = offeredChapters(paths, settings);
  const position = (lab: Lab) => chapters.indexOf(chapterOfLab(lab));
  const all = loadLabs(paths);
  const offered = all.filter((lab) => position(lab) >= 0).sort((a, b) => position(a) - position(b) || a.id.localeCompare(b.id));
  const dueLeftOut = Object.keys(settings.due).filter((id) => all.some((lab) => lab.id === id) && !offered.some((lab) => lab.id === id));
  if (dueLeftOut.length) {
    const problems = dueLeftOut.map((id) => ({ field: `due.${id}`, message: `lab "${id}" is not in this course: "chapters" leaves out chapters/${chapterOfLab(all.find((lab) => lab.id === id)!)}` }));
    throw new ManifestError(relative(paths.root, settingsFile(paths)), problems, 'course settings file');
  }
  return offered;
}

/** The chapters and labs on disk that this instance leaves out. */
export function leftOut(paths: CoursePaths, settings: CourseSettings = courseSettings(paths)): { chapters: string[]; labs: string[] } {
  const chapters = offeredChapters(paths, settings);
  const labs = courseLabs(paths, settings).map((lab) => lab.id);
  return { chapters: chapterIds(paths).filter((id) => !chapters.includes(id)), labs: labIds(paths).filter((id) => !labs.includes(id)) };
}
