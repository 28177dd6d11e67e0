/**
 * `journey new <id>`: a new chapter page and lab that pass every lab check at
 * once (solution full marks, a starter that fails every stage, type checks,
 * the embedded grader agreeing) and show each part of the format: a given
 * file, learner files, one test file per stage, a chapter ending with its lab
 * panel. The author then replaces the example with the real thing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { chapterOrder } from './chapter-number.ts';
import { idPattern } from './manifest.ts';
import type { CoursePaths } from './paths.ts';

/** A lab that cannot be scaffolded as asked (bad id, something already there). */
export class ScaffoldError extends Error {
  override name = 'ScaffoldError';
}

/** The next chapter number: one past the highest `sidebar.order` of the chapter pages. */
export function nextChapterNumber(paths: CoursePaths): number {
  const dir = join(paths.content, 'chapters');
  const orders = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.mdx?$/.test(f))
        .map((f) => chapterOrder(readFileSync(join(dir, f), 'utf8')) ?? 0)
    : [];
  return Math.max(0, ...orders) + 1;
}

function titleOf(id: string): string {
  return id.split('-').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
}

/** Every file of a new lab `id` and its chapter, by path relative to the labs and content folders. */
export function scaffoldFiles(id: string, chapter: number, title = titleOf(id)): { labs: Record<string, string>; content: Record<string, string> } {
  const manifest = {
    title,
    chapterPage: `chapters/${id}`,
    summary: `A 16-bit port number written to and read from the wire, big-endian: the example lab that \`journey new\` made. Replace it with what the ${title} chapter builds.`,
    files: ['port.ts'],
    given: ['bytes.ts'],
    stages: [
      {
        id: 'encode',
        title: 'Write a port',
        summary: 'Put a port number on the wire as two bytes, most significant first.',
        points: 10,
        runsIn: 'pure',
        hints: ['Network byte order is big-endian: the high byte goes first.', 'Check the range first, then return new Uint8Array([port >> 8, port & 0xff]).'],
      },
      {
        id: 'decode',
        title: 'Read a port',
        summary: 'Read a port number back from bytes at an offset, and refuse bytes that end too soon.',
        points: 10,
        runsIn: 'pure',
        hints: ['given/bytes.ts already reads a 16-bit number and throws when the bytes run out.', 'return readU16(bytes, offset).'],
      },
    ],
  };
  return {
    labs: {
      [`${id}/lab.json`]: JSON.stringify(manifest, null, 2) + '\n',
      [`${id}/tsconfig.json`]: '{ "extends": "../tsconfig.base.json" }\n',
      [`${id}/given/bytes.ts`]: GIVEN_BYTES,
      [`${id}/starter/port.ts`]: PORT_HEAD + STARTER_PORT,
      [`${id}/solution/port.ts`]: PORT_HEAD + SOLUTION_PORT,
      [`${id}/tests/encode.test.ts`]: ENCODE_TEST,
      [`${id}/tests/decode.test.ts`]: DECODE_TEST,
    },
    content: {
      [`chapters/${id}.mdx`]: chapterPage(id, title, chapter),
    },
  };
}

/** Writes a new lab and its chapter; refuses a bad id or anything already there. Returns the files written. */
export function scaffoldLab(paths: CoursePaths, id: string, options: { title?: string } = {}): string[] {
  if (!idPattern.test(id)) throw new ScaffoldError(`"${id}" is not a lab id: use kebab-case, such as "http-cache"`);
  const base = join(paths.labs, 'tsconfig.base.json');
  if (!existsSync(base)) throw new ScaffoldError(`${relative(paths.root, base)} is missing; every lab's tsconfig.json extends it`);
  const files = scaffoldFiles(id, nextChapterNumber(paths), options.title);
  const targets = [
    ...Object.entries(files.labs).map(([path, text]) => [join(paths.labs, path), text] as const),
    ...Object.entries(files.content).map(([path, text]) => [join(paths.content, path), text] as const),
  ];
  for (const there of [join(paths.labs, id), ...targets.map(([path]) => path)]) {
    if (existsSync(there)) throw new ScaffoldError(`${relative(paths.root, there)} already exists; choose another id`);
  }
  for (const [path, text] of targets) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return targets.map(([path]) => path);
}

function chapterPage(id: string, title: string, chapter: number): string {
  return `---
title: ${JSON.stringify(title)}
description: ${JSON.stringify(`Chapter ${chapter} of the journey: ${title}.`)}
sidebar:
  order: ${chapter}
---

import { LabPanel } from '@components';

Write the chapter here: what happens to the request at this point of its
journey, with figures built from the lab's solution (see
\`src/site/components/\`). The lab panel below comes from \`labs/${id}/lab.json\`.

<LabPanel lab="${id}" />
`;
}

const GIVEN_BYTES = `/**
 * Given code: the learner reads it and imports it as \`@impl/bytes.ts\`, but
 * never edits it. Given files import only other given files.
 */

/** Bytes that end before the field being read. */
export class TruncatedError extends Error {
  override name = 'TruncatedError';
}

/** The big-endian 16-bit number at \`offset\`; throws TruncatedError when fewer than two bytes are left. */
export function readU16(bytes: Uint8Array, offset: number): number {
  if (offset < 0 || offset + 2 > bytes.length) throw new TruncatedError(\`need 2 bytes at offset \${offset}, have \${Math.max(0, bytes.length - offset)}\`);
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}
`;

const PORT_HEAD = `/**
 * A port number on the wire (RFC 793 §3.1: 16 bits, network byte order).
 * The learner's file: the starter's doc comments are the specification.
 */
import { readU16 } from '@impl/bytes.ts';

/** The largest port number. */
export const MAX_PORT = 0xffff;
`;

const STARTER_PORT = `
/** The two bytes of \`port\`, most significant first; throws RangeError unless 0 ≤ port ≤ MAX_PORT is an integer. */
export function encodePort(port: number): Uint8Array {
  throw new Error(\`TODO(encode): write \${port} as two big-endian bytes\`);
}

/** The port number at \`offset\`; throws the given TruncatedError when the bytes end first. */
export function decodePort(bytes: Uint8Array, offset = 0): number {
  throw new Error(\`TODO(decode): read the port at offset \${offset} of \${bytes.length} bytes (the given readU16 does the reading)\`);
}
`;

const SOLUTION_PORT = `
/** The two bytes of \`port\`, most significant first; throws RangeError unless 0 ≤ port ≤ MAX_PORT is an integer. */
export function encodePort(port: number): Uint8Array {
  if (!Number.isInteger(port) || port < 0 || port > MAX_PORT) throw new RangeError(\`\${port} is not a port number (0–\${MAX_PORT})\`);
  return new Uint8Array([port >> 8, port & 0xff]);
}

/** The port number at \`offset\`; throws the given TruncatedError when the bytes end first. */
export function decodePort(bytes: Uint8Array, offset = 0): number {
  return readU16(bytes, offset);
}
`;

const ENCODE_TEST = `/** Stage encode: a port number as two bytes, network byte order (RFC 793 §3.1). */
import { describe, expect, it } from 'vitest';
import { expectBytes, fromHex } from '@lab-kit';
import { encodePort } from '@impl/port.ts';

const SEE = 'RFC 793 §3.1 (ports are 16 bits, most significant byte first)';

describe('encodePort', () => {
  it('writes 443 as 01 bb', () => {
    expectBytes(encodePort(443), fromHex('01 bb'), { what: 'port 443', fields: [{ name: 'port', offset: 0, length: 2 }], see: SEE });
  });

  it('writes 0 and 65535, the ends of the range', () => {
    expectBytes(encodePort(0), fromHex('00 00'), { what: 'port 0', see: SEE });
    expectBytes(encodePort(65535), fromHex('ff ff'), { what: 'port 65535', see: SEE });
  });

  it('refuses numbers that are not ports', () => {
    for (const bad of [-1, 65536, 1.5]) expect(() => encodePort(bad), \`encodePort(\${bad})\`).toThrow(RangeError);
  });
});
`;

const DECODE_TEST = `/** Stage decode: a port number read back from bytes, with the given reader's errors. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex } from '@lab-kit';
import { TruncatedError } from '@impl/bytes.ts';
import { decodePort, encodePort } from '@impl/port.ts';

describe('decodePort', () => {
  it('reads 01 bb as 443', () => {
    expect(decodePort(fromHex('01 bb'))).toBe(443);
  });

  it('reads at an offset', () => {
    expect(decodePort(fromHex('00 00 00 50'), 2)).toBe(80);
  });

  it('throws the given TruncatedError when one byte is left', () => {
    expect(() => decodePort(fromHex('01 bb 00'), 2)).toThrow(TruncatedError);
  });
});

describe('encodePort and decodePort', () => {
  it('round-trip every port', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffff }), (port) => decodePort(encodePort(port)) === port));
  });
});
`;
