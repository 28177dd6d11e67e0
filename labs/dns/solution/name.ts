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
  const labels = parseName(name);
  checkLengths(labels, name);
  for (let i = 0; i < labels.length; i++) {
    if (table) {
      // Longest suffix first: labels[i..] is the whole name when i = 0.
      const suffix = formatName(labels.slice(i));
      const earlier = table.get(suffix);
      if (earlier !== undefined) {
        // RFC 1035 §4.1.4: a pointer is the two bits 11 followed by a 14-bit offset.
        writer.u16(0xc000 | earlier);
        return;
      }
      if (writer.length <= MAX_POINTER_OFFSET) table.set(suffix, writer.length);
    }
    const label = labels[i]!;
    writer.u8(label.length);
    writer.bytes(label);
  }
  writer.u8(0);
}

/** `name` in uncompressed wire form. */
export function encodeName(name: string): Uint8Array {
  const writer = new ByteWriter();
  writeName(writer, name);
  return writer.toBytes();
}

/** Bytes `name` takes uncompressed: a length octet per label, the labels, and the root's zero octet. */
export function nameEncodingLength(name: string): number {
  return parseName(name).reduce((sum, label) => sum + 1 + label.length, 1);
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
  const labels: Uint8Array[] = [];
  let wireLength = 1; // the root's zero octet
  let position = offset;
  // Start of the run of labels being read; every pointer must jump strictly below it.
  let segmentStart = offset;
  let bytesRead: number | undefined;
  // Ends: inside a run `position` only grows (bounded by the data), and each
  // pointer lowers `segmentStart`, which cannot go below 0.
  for (;;) {
    const length = readU8(bytes, position);
    const labelType = length & 0xc0;
    if (labelType === 0xc0) {
      const target = readU16(bytes, position) & 0x3fff;
      if (target >= bytes.length) {
        throw new DnsFormatError('pointer-out-of-bounds', `pointer to ${target}, message is ${bytes.length} bytes`, position);
      }
      // RFC 1035 §4.1.4: a pointer replaces the rest of a name with "a prior occurance of the same name".
      if (target >= position) {
        throw new DnsFormatError('pointer-forward', `pointer to ${target} does not point backwards`, position);
      }
      // RFC 9267 §2: jumping into the labels being read would read them again, forever.
      if (target >= segmentStart) {
        throw new DnsFormatError('pointer-loop', `pointer to ${target} leads back into this name`, position);
      }
      bytesRead ??= position + 2 - offset;
      position = segmentStart = target;
      continue;
    }
    if (labelType !== 0) {
      // 01 was EDNS's extended label type (RFC 6891 §5 deprecates it); 10 was never assigned.
      throw new DnsFormatError('bad-label-type', `length octet 0x${length.toString(16)} has reserved type bits`, position);
    }
    if (length === 0) {
      bytesRead ??= position + 1 - offset;
      break;
    }
    wireLength += 1 + length;
    if (wireLength > MAX_NAME_LENGTH) {
      throw new DnsFormatError('name-too-long', `name exceeds ${MAX_NAME_LENGTH} octets`, position);
    }
    labels.push(readBytes(bytes, position + 1, length));
    position += 1 + length;
  }
  return { value: formatName(labels), bytesRead };
}

/** Whether two names are the same name: ASCII letters compare case-insensitively (RFC 1035 §2.3.3, RFC 4343), nothing else does. */
export function namesEqual(a: string, b: string): boolean {
  return canonicalName(a) === canonicalName(b);
}

/** Whether `name` is `domain` or below it, label by label: 'www.example.com' is in 'example.com', 'badexample.com' is not; every name is in ''. */
export function isSubdomain(name: string, domain: string): boolean {
  const inner = foldedLabels(name);
  const outer = foldedLabels(domain);
  const skip = inner.length - outer.length;
  return skip >= 0 && outer.every((label, i) => sameOctets(label, inner[skip + i]!));
}

/** One spelling per name (A–Z lowered to a–z, minimal escapes, no trailing dot), for use as a Map key. */
export function canonicalName(name: string): string {
  return formatName(foldedLabels(name));
}

// RFC 4343 §2: only A–Z fold to a–z; every other octet compares exactly.
function foldedLabels(name: string): Uint8Array[] {
  return parseName(name).map((label) => label.map((octet) => (octet >= 0x41 && octet <= 0x5a ? octet + 0x20 : octet)));
}

function sameOctets(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((octet, i) => octet === b[i]);
}

function checkLengths(labels: readonly Uint8Array[], name: string): void {
  let wireLength = 1;
  for (const label of labels) {
    if (label.length > MAX_LABEL_LENGTH) {
      throw new DnsFormatError('label-too-long', `a label of "${name}" has ${label.length} octets, at most ${MAX_LABEL_LENGTH} allowed`);
    }
    wireLength += 1 + label.length;
  }
  if (wireLength > MAX_NAME_LENGTH) {
    throw new DnsFormatError('name-too-long', `"${name.slice(0, 40)}…" takes ${wireLength} octets, at most ${MAX_NAME_LENGTH} allowed`);
  }
}
