/**
 * A Hessian 2.0 codec for a subset of its types: null, boolean, int, long,
 * double, string, binary, untyped list and untyped map. It writes the same
 * compact forms as Caucho's Hessian2Output and hessian.js, and reads every
 * form they write for these types.
 * Grammar: http://hessian.caucho.com/doc/hessian-serialization.html (§3, §4).
 */
// given/bytes.ts reads and writes every width (readI32, readI64, readF64, writeU64…);
// given/errors.ts has TruncatedError and HessianError; given/hessian-types.ts the values.
import type { HessianValue } from '@impl/hessian-types.ts';

/** The Hessian 2.0 bytes of `value`. Throws RangeError for a value outside the subset (a long beyond 64 bits, a non-value). */
export function encode(value: HessianValue): Uint8Array {
  throw new Error('TODO(hessian): write the type code, in its compact form where the value fits one');
}

/** The value at the start of `bytes` and the offset just after it. Throws TruncatedError or HessianError. */
export function decodeValue(bytes: Uint8Array, offset = 0): { value: HessianValue; next: number } {
  throw new Error('TODO(hessian): read the type code, then what it says follows');
}

/** The one value `bytes` holds; throws HessianError if bytes are left after it. */
export function decode(bytes: Uint8Array): HessianValue {
  throw new Error('TODO(hessian): decode one value and check nothing is left');
}
