/**
 * A whole DNS message (RFC 1035 §4.1): header, then the question, answer,
 * authority and additional sections. Encoding shares one compression table
 * across the message, so every repeated name suffix is written once.
 */
import { ByteWriter, type Decoded } from '@impl/bytes.ts';
import { HEADER_LENGTH, makeFlags, type Flags, type Message, type Question, type ResourceRecord } from '@impl/message-types.ts';
import type { CompressionTable } from '@impl/name-text.ts';
import { decodeHeader, writeHeader } from './header.ts';
import { decodeQuestion, writeQuestion } from './question.ts';
import { decodeRecord, writeRecord } from './record.ts';

/**
 * The message in wire form: the header with counts taken from the section
 * arrays, then questions, answers, authority, additional — all sharing one
 * CompressionTable, so each repeated name suffix is written once
 * (RFC 1035 §4.1.4). Table offsets count from the first header byte.
 */
export function encodeMessage(message: Message): Uint8Array {
  const writer = new ByteWriter();
  // Offsets in the table count from the first byte of the header, as pointers do.
  const table: CompressionTable = new Map();
  writeHeader(writer, {
    ...message,
    qdcount: message.questions.length,
    ancount: message.answers.length,
    nscount: message.authority.length,
    arcount: message.additional.length,
  });
  for (const question of message.questions) writeQuestion(writer, question, table);
  for (const record of [...message.answers, ...message.authority, ...message.additional]) writeRecord(writer, record, table);
  return writer.toBytes();
}

/**
 * Reads a message that starts at `bytes[0]` (compression pointers count from
 * there): the header, then as many questions and records as its counts say.
 * bytesRead is where the last record ends; bytes after it are ignored.
 * Throws DnsFormatError (e.g. 'truncated' when a count promises more than follows).
 */
export function decodeMessage(bytes: Uint8Array): Decoded<Message> {
  const { value: header } = decodeHeader(bytes, 0);
  let offset = HEADER_LENGTH;
  // Each entry takes at least one byte or throws, so every loop ends within the data.
  function section<T>(count: number, decode: (bytes: Uint8Array, offset: number) => Decoded<T>): T[] {
    const entries: T[] = [];
    for (let i = 0; i < count; i++) {
      const entry = decode(bytes, offset);
      entries.push(entry.value);
      offset += entry.bytesRead;
    }
    return entries;
  }
  const { id, qr, opcode, aa, tc, rd, ra, z, rcode } = header;
  const message: Message = {
    id,
    qr,
    opcode,
    aa,
    tc,
    rd,
    ra,
    z,
    rcode,
    questions: section(header.qdcount, decodeQuestion),
    answers: section(header.ancount, decodeRecord),
    authority: section(header.nscount, decodeRecord),
    additional: section(header.arcount, decodeRecord),
  };
  return { value: message, bytesRead: offset };
}
