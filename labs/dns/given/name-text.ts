/**
 * Domain names in text form (RFC 1035 §2.3.4, §5.1) and their limits.
 *
 * In values a name is a dotted string without the trailing dot, and the root
 * is the empty string: 'www.example.com', 'example', ''. A trailing dot on
 * input is accepted and ignored. A label may hold any octet; in text a '.' or
 * '\' inside a label is written '\.' or '\\', and an octet outside printable
 * ASCII as '\DDD' in decimal (RFC 1035 §5.1), so every name read off the wire
 * has exactly one text form and writes back to the same bytes. parseName and
 * formatName convert between that text and label octets.
 */
import { DnsFormatError } from './errors.ts';

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
