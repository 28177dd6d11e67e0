/**
 * Domain names (RFC 1035 §3.1, §4.1.4).
 *
 * In values a name is in text form: a dotted string without the trailing
 * dot, the root being '' ('www.example.com', 'example', ''), with the
 * escapes that name-text.ts (given) describes; its parseName and formatName
 * convert between that text and label octets.
 *
 * On the wire a name is a sequence of labels, each a length octet (0–63) and
 * that many octets, ending with the zero-length root label. To save space a
 * message may end a name with a two-byte pointer to an earlier copy of the
 * rest of the name instead.
 */
import { ByteWriter, readBytes, readU16, readU8, type Decoded } from '@impl/bytes.ts';
import { DnsFormatError } from '@impl/errors.ts';
import { formatName, MAX_LABEL_LENGTH, MAX_NAME_LENGTH, MAX_POINTER_OFFSET, parseName, type CompressionTable } from '@impl/name-text.ts';

/**
 * Appends `name` in wire form: for each label (parseName) a length octet and
 * the label's octets, then the zero octet of the root.
 *
 * Throws DnsFormatError 'label-too-long' for a label over 63 octets and
 * 'name-too-long' for a name over 255 octets in uncompressed wire form, before
 * writing anything.
 *
 * Compression (stage "names"): with a `table`, before writing each label
 * look up the text of the rest of the name from that label on (formatName of
 * the remaining labels), longest first. If the table has it, write a pointer
 * to its offset — 0xc000 | offset as a 16-bit number — and stop: a pointer
 * ends a name. Otherwise record that suffix at `writer.length` (only if that
 * offset is at most MAX_POINTER_OFFSET) and write the label. The root alone is
 * never compressed. Without a table, nothing is compressed or recorded.
 */
export function writeName(writer: ByteWriter, name: string, table?: CompressionTable): void {
  throw new Error('TODO(header-question): write each label as a length octet plus its octets, then a zero octet; stage "names" adds the table lookups');
}

/** `name` in uncompressed wire form. */
export function encodeName(name: string): Uint8Array {
  const writer = new ByteWriter();
  writeName(writer, name);
  return writer.toBytes();
}

/** Bytes `name` takes uncompressed: a length octet per label, the labels, and the root's zero octet. */
export function nameEncodingLength(name: string): number {
  throw new Error('TODO(header-question): sum 1 + length over the labels of parseName(name), plus 1 for the root');
}

/**
 * Reads the name at `offset` and returns it in text form (formatName).
 * `bytes` is the whole message, starting at its first byte, because
 * compression pointers count from there. bytesRead counts only the bytes at
 * `offset`: up to and including the zero octet, or up to and including the
 * first pointer (what the pointer leads to was already counted elsewhere).
 *
 * A length octet's top two bits give its type: 00 a label of that length
 * (0 is the root), 11 a pointer whose other 14 bits and the next octet are
 * an offset. Throws DnsFormatError, never anything else and never looping:
 * - 'truncated': the data ends inside the name;
 * - 'bad-label-type': the top bits are 01 or 10;
 * - 'pointer-out-of-bounds': the pointer's target is at or past the end of `bytes`;
 * - 'pointer-forward': the target is at or after the pointer itself (RFC 1035
 *   allows only "a prior occurrence");
 * - 'pointer-loop': the target is before the pointer but not before where the
 *   run of labels being read began (the name's start, or the previous
 *   pointer's target) — so every pointer must jump strictly below the last
 *   place a pointer jumped to, which is what guarantees the loop ends;
 * - 'name-too-long': the labels read so far (plus the root) pass 255 octets.
 */
export function decodeName(bytes: Uint8Array, offset: number): Decoded<string> {
  throw new Error('TODO(header-question): read length-prefixed labels until the zero octet; stage "names" adds pointers and their checks');
}

/** Whether two names are the same name: ASCII letters compare case-insensitively (RFC 1035 §2.3.3, RFC 4343), nothing else does. */
export function namesEqual(a: string, b: string): boolean {
  throw new Error('TODO(names): compare the canonical forms of a and b');
}

/** Whether `name` is `domain` or below it, label by label: 'www.example.com' is in 'example.com', 'badexample.com' is not; every name is in ''. */
export function isSubdomain(name: string, domain: string): boolean {
  throw new Error("TODO(names): compare domain's labels with the last labels of name, ignoring ASCII case");
}

/** One spelling per name (A–Z lowered to a–z, minimal escapes, no trailing dot), for use as a Map key. */
export function canonicalName(name: string): string {
  throw new Error('TODO(names): parseName, lower the octets 0x41–0x5a by 0x20, formatName');
}
