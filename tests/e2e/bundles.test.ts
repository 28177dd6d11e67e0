// The built site ships no schema library: zod validates manifests and course
// settings at build time and in the CLI, never in a browser (the lab page, the
// grading worker and the WebContainer grader are all served from dist/); nor
// does the grading worker carry Sucrase's runtime check of its own options.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../support/cli.ts';

const dist = join(root, 'dist');

/** Every script a browser can load from the built site. */
function scripts(): string[] {
  return readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(m?js)$/.test(f));
}

describe('the built site', () => {
  it('has scripts to check (run `npm run build` first)', () => {
    expect(scripts().some((f) => /worker-.*\.js$/.test(f))).toBe(true);
    expect(scripts()).toContain(join('webcontainer', 'grader.mjs'));
  });

  it('ships no zod in any browser file', () => {
    const withZod = scripts().filter((f) => /\b(ZodError|\$ZodType|_zod)\b/.test(readFileSync(join(dist, f), 'utf8')));
    expect(withZod).toEqual([]);
  });

  it("leaves Sucrase's runtime options check out of the grading worker, which still strips types", () => {
    const worker = scripts().find((f) => /(^|\/)worker-[\w-]+\.js$/.test(f))!;
    const source = readFileSync(join(dist, worker), 'utf8');
    expect(source).not.toMatch(/createCheckers|strictCheck/);
    expect(source).toContain('typescript');
  });
});
