import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { coursePaths } from './paths.ts';
import { courseSettings } from './settings.ts';

// The course file of the temp course below, not one named by the environment.
delete process.env['JOURNEY_COURSE_CONFIG'];
let root: string;
function courseWith(settings: object) {
  root = mkdtempSync(join(tmpdir(), 'journey-course-'));
  writeFileSync(join(root, 'course.json'), JSON.stringify(settings));
  return coursePaths(root);
}
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the scoring setting', () => {
  it('is all-or-nothing unless the teacher chooses proportional credit', () => {
    expect(courseSettings(courseWith({})).scoring).toBe('all-or-nothing');
    expect(courseSettings(courseWith({ scoring: 'proportional' })).scoring).toBe('proportional');
  });

  it('rejects anything else with the file, the field and the choices named', () => {
    expect(() => courseSettings(courseWith({ scoring: 'partial' }))).toThrow(/course\.json is not a valid course settings file:\n {2}- scoring: .*"all-or-nothing".*"proportional"/);
  });
});
