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
  writeName(writer, question.name, table);
  writer.u16(typeCode(question.type));
  writer.u16(question.class);
}

/** The question on its own, name uncompressed. */
export function encodeQuestion(question: Question): Uint8Array {
  const writer = new ByteWriter();
  writeQuestion(writer, question);
  return writer.toBytes();
}

/** Reads the question at `offset` of a message; QTYPE becomes a name with typeName. Throws DnsFormatError 'truncated' if it is cut short. */
export function decodeQuestion(bytes: Uint8Array, offset: number): Decoded<Question> {
  const name = decodeName(bytes, offset);
  const at = offset + name.bytesRead;
  const question: Question = { name: name.value, type: typeName(readU16(bytes, at)), class: readU16(bytes, at + 2) };
  return { value: question, bytesRead: name.bytesRead + 4 };
}

/** Bytes the question takes uncompressed: its name, then 2 for QTYPE and 2 for QCLASS. */
export function questionEncodingLength(question: Question): number {
  return nameEncodingLength(question.name) + 4;
}
