/** Where things live in a course checkout, so no other module hard-codes a path. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root: the nearest folder above this file whose package.json is this course's. */
export function courseRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 20; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'packet-journey') return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error('cannot find the Packet Journey checkout (a package.json named "packet-journey") above ' + import.meta.url);
}

/**
 * Course paths. `JOURNEY_WORKSPACE` moves the learner's workspace,
 * `JOURNEY_LABS` the labs folder and `JOURNEY_CONTENT` the chapters' content
 * folder (the project's tests point them at temp dirs).
 */
export function coursePaths(root = courseRoot()) {
  return {
    root,
    labs: resolve(process.env.JOURNEY_LABS ?? join(root, 'labs')),
    content: resolve(process.env.JOURNEY_CONTENT ?? join(root, 'content')),
    workspace: resolve(process.env.JOURNEY_WORKSPACE ?? join(root, 'workspace')),
  };
}

export type CoursePaths = ReturnType<typeof coursePaths>;
