/** The lab kit: assertion helpers every lab's graders share. */
export { LabAssertionError } from './assertion.ts';
export { expectBytes, toHex, fromHex, firstDifference, fieldAt, type ByteField, type ExpectBytesOptions } from './bytes.ts';
export { Transcript } from './transcript.ts';
