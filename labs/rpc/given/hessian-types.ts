/**
 * Given code: the JavaScript shape of the Hessian values the lab encodes.
 * Java has int, long and double where JavaScript has number and bigint, so:
 * a number that is a whole 32-bit value is an int, a bigint is a long, and
 * any other number, or one wrapped in Double, is a double.
 */

/** A Java double whose value happens to be whole (2.0 must not become the int 2). */
export class Double {
  readonly value: number;

  constructor(value: number) {
    this.value = value;
  }
}

/** A value of the lab's Hessian subset: null, boolean, int, long, double, string, binary, list, map. */
export type HessianValue =
  | null
  | boolean
  | number
  | bigint
  | Double
  | string
  | Uint8Array
  | HessianValue[]
  | Map<HessianValue, HessianValue>;
