/**
 * The load-balancing lab's recorded references stay true: the ketama answers
 * recorded from the `hashring` package (labs/lb/tests/fixtures/ketama-golden.ts,
 * which the browser grader reads without the library) still match the
 * library, and the lab's given MD5 agrees with node:crypto.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { md5 } from '../labs/lb/given/hash.ts';
import { ketamaGolden, type HashRingClass } from '../labs/lb/tests/fixtures/ketama-golden-source.ts';
import { KETAMA_GOLDEN } from '../labs/lb/tests/fixtures/ketama-golden.ts';

const require = createRequire(import.meta.url);

describe('load-balancing lab references', () => {
  it('the recorded ketama rings are what hashring answers (re-record with labs/lb/tests/fixtures/capture-ketama.ts)', () => {
    expect(ketamaGolden(require('hashring') as HashRingClass)).toEqual(KETAMA_GOLDEN);
  });

  it('the given md5 matches node:crypto on any text, across block boundaries', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 150 }), (text) => {
        expect(Buffer.from(md5(text)).toString('hex')).toBe(createHash('md5').update(text).digest('hex'));
      }),
    );
  });
});
