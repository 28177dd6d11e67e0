/**
 * An entry of the question section (RFC 1035 §4.1.2): QNAME, then QTYPE and
 * QCLASS as 16-bit numbers. A query carries one; the response repeats it.
 */
import { ByteWriter, readU16, type Decoded } from '@impl/bytes.ts';
import { typeCode, typeName, type TypeName } from '@impl/codes.ts';
import type { CompressionTable } from '@impl/name-text.ts';
import type { Question } from '@impl/message-types.ts';
import { decodeName, nameEncodingLength, writeName } from './name.ts';

/** Appends the question: its name (compressed against `table` when one is given), QTYPE (typeCode) and QCLASS. */
export function writeQuestion(writer: ByteWriter, question: Question, table?: CompressionTable): void {
  throw new Error('TODO(header-question): writeName, then QTYPE and QCLASS as 16-bit numbers');
}

/** The question on its own, name uncompressed. */
export function encodeQuestion(question: Question): Uint8Array {
  const writer = new ByteWriter();
  writeQuestion(writer, question);
  return writer.toBytes();
}

/** Reads the question at `offset` of a message; QTYPE becomes a name with typeName. Throws DnsFormatError 'truncated' if it is cut short. */
export function decodeQuestion(bytes: Uint8Array, offset: number): Decoded<Question> {
  throw new Error('TODO(header-question): decodeName, then read QTYPE and QCLASS right after the name');
}

/** Bytes the question takes uncompressed: its name, then 2 for QTYPE and 2 for QCLASS. */
export function questionEncodingLength(question: Question): number {
  throw new Error('TODO(header-question): the name’s length plus 4');
}
