/**
 * Domain names (RFC 1035 §3.1, §4.1.4).
 *
 * In values a name is a dotted string without the trailing dot, and the root
 * is the empty string: 'www.example.com', 'example', ''. A trailing dot on
 * input is accepted and ignored. A label may hold any octet; in text a '.' or
 * '\' inside a label is written '\.' or '\\', and an octet outside printable
 * ASCII as '\DDD' in decimal (RFC 1035 §5.1), so every name read off the wire
 * has exactly one text form and writes back to the same bytes. parseName and
 * formatName (complete below) convert between that text and label octets.
 *
 * On the wire a name is a sequence of labels, each a length octet (0–63) and
 * that many octets, ending with the zero-length root label. To save space a
 * message may end a name with a two-byte pointer to an earlier copy of the
 * rest of the name instead.
 */
import { ByteWriter, readBytes, readU16, readU8, type Decoded } from '@impl/bytes.ts';
import { DnsFormatError } from '@impl/errors.ts';

/** RFC 1035 §2.3.4: labels are 63 octets or less. */
export const MAX_LABEL_LENGTH = 63;
/** RFC 1035 §2.3.4: names are 255 octets or less, counting length octets and the root. */
export const MAX_NAME_LENGTH = 255;
/** RFC 1035 §4.1.4: a pointer holds a 14-bit offset, so only the first 16 KiB can be pointed at. */
export const MAX_POINTER_OFFSET = 0x3fff;

/**
 * Names already written in a message, for compression: each key is a name
 * suffix in text form exactly as written (case preserved), each value the
 * offset of its first label from the start of the message.
 */
export type CompressionTable = Map<string, number>;

/** Splits a name in text form into its labels' octets, undoing '\.' '\\' '\DDD' escapes. */
export function parseName(text: string): Uint8Array[] {
  if (text === '' || text === '.') return [];
  const labels: Uint8Array[] = [];
  let label: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '.') {
      if (label.length === 0) throw new DnsFormatError('invalid-text', `"${text}" has an empty label`);
      labels.push(Uint8Array.from(label));
      label = [];
      continue;
    }
    if (char === '\\') {
      const digits = /^\d{3}/.exec(text.slice(i + 1, i + 4));
      if (digits) {
        const octet = Number(digits[0]);
        if (octet > 0xff) throw new DnsFormatError('invalid-text', `"\\${digits[0]}" in "${text}" is not an octet`);
        label.push(octet);
        i += 3;
        continue;
      }
      const escaped = text.charCodeAt(i + 1);
      if (!(escaped > 0x20 && escaped < 0x7f)) {
        throw new DnsFormatError('invalid-text', `"${text}" has a "\\" not followed by a character or three digits`);
      }
      label.push(escaped);
      i += 1;
      continue;
    }
    const code = char.charCodeAt(0);
    if (!(code > 0x20 && code < 0x7f)) {
      // Internationalized names go on the wire as A-labels ("xn--…", RFC 5891); converting them is the application's job.
      throw new DnsFormatError('invalid-text', `"${text}" contains ${JSON.stringify(char)}; write it as \\DDD`);
    }
    label.push(code);
  }
  // A name ending in "." ends with the root; otherwise the last label is still open.
  if (label.length > 0) labels.push(Uint8Array.from(label));
  return labels;
}

/** Joins labels into the text form described at the top of this file. */
export function formatName(labels: readonly Uint8Array[]): string {
  return labels.map(formatLabel).join('.');
}

function formatLabel(label: Uint8Array): string {
  let text = '';
  for (const octet of label) {
    if (octet === 0x2e || octet === 0x5c) text += '\\' + String.fromCharCode(octet);
    else if (octet > 0x20 && octet < 0x7f) text += String.fromCharCode(octet);
    else text += '\\' + String(octet).padStart(3, '0');
  }
  return text;
}

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
