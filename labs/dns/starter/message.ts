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
  throw new Error('TODO(records): one ByteWriter and one table; writeHeader, then writeQuestion/writeRecord for every entry');
}

/**
 * Reads a message that starts at `bytes[0]` (compression pointers count from
 * there): the header, then as many questions and records as its counts say.
 * bytesRead is where the last record ends; bytes after it are ignored.
 * Throws DnsFormatError (e.g. 'truncated' when a count promises more than follows).
 */
export function decodeMessage(bytes: Uint8Array): Decoded<Message> {
  throw new Error('TODO(records): decodeHeader, then decodeQuestion/decodeRecord count times each, moving the offset by bytesRead');
}
