// Node only: a real peer (Wireshark's tshark) decodes the pcap files netsim writes.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { needsTool } from '../../tests/support/host-tools.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePcap } from './pcap.ts';
import { topology } from './topology.ts';

/** Runs tshark on a file and returns its rows of tab-separated fields. */
function tshark(file: string, fields: readonly string[]): string[][] {
  const args = ['-r', file, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])];
  const result = spawnSync('tshark', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tshark ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout.trim().split('\n').map((line) => line.split('\t'));
}

function ethernet(dst: number[], src: number[], etherType: number, length: number): Uint8Array {
  const frame = new Uint8Array(length);
  frame.set(dst, 0);
  frame.set(src, 6);
  frame.set([etherType >> 8, etherType & 0xff], 12);
  return frame;
}

describe('pcap files open in tshark', () => {
  needsTool('tshark');
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'netsim-pcap-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('decodes the MACs and EtherTypes of hand-built frames', () => {
    const file = join(dir, 'frames.pcap');
    writeFileSync(
      file,
      writePcap([
        { timeMs: 0, bytes: ethernet([0xff, 0xff, 0xff, 0xff, 0xff, 0xff], [2, 0, 0, 0, 0, 1], 0x0806, 60) },
        { timeMs: 12.5, bytes: ethernet([2, 0, 0, 0, 0, 1], [2, 0, 0, 0, 0, 2], 0x0800, 1514) },
      ]),
    );
    expect(tshark(file, ['eth.src', 'eth.dst', 'eth.type', 'frame.time_relative', 'frame.len'])).toEqual([
      ['02:00:00:00:00:01', 'ff:ff:ff:ff:ff:ff', '0x0806', '0.000000000', '60'],
      ['02:00:00:00:00:02', '02:00:00:00:00:01', '0x0800', '0.012500000', '1514'],
    ]);
  });

  it('reads a capture taken from a simulation trace', () => {
    const net = topology({ seed: 1 })
      .host('a')
      .host('b', { behaviour: { onFrame: (ctx, iface, frame) => ctx.send(iface, frame) } })
      .link('a:eth0', 'b:eth0', { delayMs: 1.5, bandwidthBps: 1e6 });
    const a = net.device('a').iface('eth0');
    a.send(ethernet([2, 0, 0, 0, 0, 2], [2, 0, 0, 0, 0, 1], 0x88b5, 125)); // 88b5: IEEE local experimental
    net.run();
    const file = join(dir, 'trace.pcap');
    writeFileSync(file, writePcap(net.sim.trace.capture({ device: 'a', iface: 'eth0' })));
    // Sent at 0; echoed frame arrives after 1 ms + 1.5 ms each way = 5 ms.
    expect(tshark(file, ['frame.time_relative', 'eth.src', 'eth.type'])).toEqual([
      ['0.000000000', '02:00:00:00:00:01', '0x88b5'],
      ['0.005000000', '02:00:00:00:00:01', '0x88b5'],
    ]);
  });
});
