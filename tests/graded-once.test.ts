// The suite's shared lab grade (tests/support/graded.ts): asked for twice at
// once, as workers side by side do, the lab is graded once and both askers get
// that grade.
import { describe, expect, it, vi } from 'vitest';
import { loadLab } from '../src/course/labs.ts';
import { coursePaths } from '../src/course/paths.ts';
import { gradeLab } from '../src/runners/node/grade.ts';
import { fixtureLabs } from './support/cli.ts';
import { gradedOnce } from './support/graded.ts';

vi.mock('../src/runners/node/grade.ts', { spy: true });

const paths = { ...coursePaths(), labs: fixtureLabs };
const adder = loadLab(paths, 'adder');

describe('gradedOnce', () => {
  it('grades once when asked twice at the same time, and gives both askers that grade', async () => {
    const [first, second] = await Promise.all([gradedOnce(paths, adder, 'solution'), gradedOnce(paths, adder, 'solution')]);
    expect(vi.mocked(gradeLab)).toHaveBeenCalledTimes(1);
    expect(second).toEqual(first);
    expect(first.score).toBe(first.max);
    expect(await gradedOnce(paths, adder, 'solution')).toEqual(first);
    expect(vi.mocked(gradeLab)).toHaveBeenCalledTimes(1);
  }, 60_000);
});
