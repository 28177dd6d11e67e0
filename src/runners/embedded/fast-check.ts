/**
 * The part of fast-check the embedded graders serve as `fast-check`: the
 * functions the labs' tests (and `journey new`'s template) call, each named
 * here so the bundler leaves the rest of the library out of the grading
 * worker's download. fast-check.test.ts fails when a lab's test uses a
 * function missing here; the Node grader serves the whole library.
 */
import * as fc from 'fast-check';

/** What `fc.…` (the default import) and named imports of `fast-check` reach in the embedded graders. */
const served = {
  array: fc.array,
  assert: fc.assert,
  asyncProperty: fc.asyncProperty,
  bigInt: fc.bigInt,
  boolean: fc.boolean,
  // The grader's own: seed.ts fixes the seed before each run.
  configureGlobal: fc.configureGlobal,
  constant: fc.constant,
  constantFrom: fc.constantFrom,
  double: fc.double,
  integer: fc.integer,
  ipV4: fc.ipV4,
  letrec: fc.letrec,
  nat: fc.nat,
  noShrink: fc.noShrink,
  oneof: fc.oneof,
  option: fc.option,
  pre: fc.pre,
  property: fc.property,
  record: fc.record,
  sample: fc.sample,
  shuffledSubarray: fc.shuffledSubarray,
  string: fc.string,
  subarray: fc.subarray,
  tuple: fc.tuple,
  uint8Array: fc.uint8Array,
  uniqueArray: fc.uniqueArray,
  Arbitrary: fc.Arbitrary,
};

export default served;
