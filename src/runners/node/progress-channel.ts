/**
 * The Node runner's progress channel: lines each test worker appends,
 * synchronously, as each stage loads and each test starts and ends. Vitest
 * batches its own task updates, and a worker stuck in a synchronous loop never
 * sends them; these lines are already on disk, so the runner can name the
 * test that hung and keep the results before it.
 *
 * Learner code runs in the same process as the writer, so the reader trusts
 * nothing: a line counts only when it is whole, parses, carries a MAC made
 * with this run's key (which the setup takes out of reach before learner code
 * loads) and a sequence number above the last one from the same writer. Anything else is ignored.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { appendFileSync, closeSync, openSync, readSync } from 'node:fs';
import { threadId } from 'node:worker_threads';

/** One line of progress: a stage file loads, declares its tests, a test starts or ends. */
export type ProgressEntry =
  | { event: 'load'; file: string }
  | { event: 'tests'; file: string; names: string[] }
  | { event: 'start'; file: string; name: string }
  | { event: 'end'; file: string; name: string; passed: boolean; message?: string; durationMs: number }
  | { event: 'unhandled'; file: string; message: string };

/** Where the lines go and the key that signs them; handed to the test workers through Vitest's `provide`. */
export interface ProgressChannel {
  file: string;
  key: string;
}

/** A fresh key for one run. */
export function progressKey(): string {
  return randomBytes(32).toString('base64');
}

function mac(key: string, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64');
}

/** The test worker's side: appends signed, numbered lines. */
export function progressWriter(channel: ProgressChannel): (entry: ProgressEntry) => void {
  let seq = 0;
  return (entry) => {
    const body = JSON.stringify({ writer: `${process.pid}:${threadId}`, seq: ++seq, ...entry });
    appendFileSync(channel.file, JSON.stringify({ body, mac: mac(channel.key, body) }) + '\n');
  };
}

/** The runner's side: reads new whole lines since the last call, keeping only authentic ones. */
export class ProgressReader {
  private offset = 0;
  private partial: Buffer = Buffer.alloc(0);
  /** The last sequence number seen from each writer (each process or thread numbers its own lines). */
  private readonly lastSeq = new Map<string, number>();
  private readonly channel: ProgressChannel;

  constructor(channel: ProgressChannel) {
    this.channel = channel;
  }

  /** The entries written since the last read; never throws (a missing or mangled file reads as nothing new). */
  read(): ProgressEntry[] {
    const entries: ProgressEntry[] = [];
    let data: Buffer;
    try {
      data = Buffer.concat([this.partial, this.readNew()]);
    } catch {
      return entries;
    }
    // Split bytes, not text: a read may end inside a character the writer has half written.
    let start = 0;
    for (let end = data.indexOf(10); end !== -1; end = data.indexOf(10, start)) {
      const entry = this.verify(data.subarray(start, end).toString('utf8'));
      if (entry) entries.push(entry);
      start = end + 1;
    }
    this.partial = Buffer.from(data.subarray(start));
    return entries;
  }

  private readNew(): Buffer {
    const fd = openSync(this.channel.file, 'r');
    try {
      const chunks: Buffer[] = [];
      const buffer = Buffer.alloc(64 * 1024);
      for (;;) {
        const n = readSync(fd, buffer, 0, buffer.length, this.offset);
        if (n <= 0) break;
        chunks.push(Buffer.from(buffer.subarray(0, n)));
        this.offset += n;
      }
      return Buffer.concat(chunks);
    } finally {
      closeSync(fd);
    }
  }

  private verify(line: string): ProgressEntry | undefined {
    try {
      const { body, mac: given } = JSON.parse(line) as { body?: unknown; mac?: unknown };
      if (typeof body !== 'string' || typeof given !== 'string') return undefined;
      const expected = Buffer.from(mac(this.channel.key, body));
      const actual = Buffer.from(given);
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
      const { writer, seq, ...entry } = JSON.parse(body) as ProgressEntry & { writer: string; seq: number };
      if (!(seq > (this.lastSeq.get(writer) ?? 0))) return undefined;
      this.lastSeq.set(writer, seq);
      return entry as ProgressEntry;
    } catch {
      return undefined;
    }
  }
}
