import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProgressReader, progressKey, progressWriter, type ProgressChannel } from './progress-channel.ts';

let dir: string;
function channel(): ProgressChannel {
  dir = mkdtempSync(join(tmpdir(), 'journey-channel-test-'));
  const file = join(dir, 'progress.jsonl');
  writeFileSync(file, '');
  return { file, key: progressKey() };
}
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const start = (name: string) => ({ event: 'start' as const, file: '/t/s.test.ts', name });

describe('the progress channel', () => {
  it('reads what the writer wrote, each line once', () => {
    const c = channel();
    const write = progressWriter(c);
    const reader = new ProgressReader(c);
    write(start('a'));
    expect(reader.read()).toEqual([start('a')]);
    write(start('b'));
    expect(reader.read()).toEqual([start('b')]);
    expect(reader.read()).toEqual([]);
  });

  it('waits for the rest of a half-written line, even one cut inside a character', () => {
    const c = channel();
    const reader = new ProgressReader(c);
    const other = { ...c, file: join(dir, 'whole.jsonl') };
    writeFileSync(other.file, '');
    progressWriter(other)(start('naïve → test'));
    const line = readFileSync(other.file);
    const cut = line.indexOf(Buffer.from('→')) + 1;
    appendFileSync(c.file, line.subarray(0, cut));
    expect(reader.read()).toEqual([]);
    appendFileSync(c.file, line.subarray(cut));
    expect(reader.read()).toEqual([start('naïve → test')]);
  });

  it('ignores garbage, lines signed with another key, and replayed lines, and never throws', () => {
    const c = channel();
    const reader = new ProgressReader(c);
    const write = progressWriter(c);
    write(start('real'));
    const [real] = reader.read();
    const forger = progressWriter({ ...c, key: progressKey() });
    forger(start('forged'));
    appendFileSync(c.file, '{"event":"start","at":0,"name":"x","file":"/t/s.test.ts"}\nnot json at all\n{"body":1,"mac":2}\n');
    const replay = readFileSync(c.file, 'utf8').split('\n')[0] + '\n';
    appendFileSync(c.file, replay);
    expect(reader.read()).toEqual([]);
    expect(real).toEqual(start('real'));
    rmSync(c.file);
    expect(reader.read()).toEqual([]);
  });
});
