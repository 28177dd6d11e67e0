import { describe, expect, it } from 'vitest';
import { decapsulate } from '../../../../labs/layers/solution/encapsulate.ts';
import { formatHexDump } from '../../../../labs/layers/solution/hexdump.ts';
import { verifyChecksum } from '../../../../labs/layers/solution/checksum.ts';
import { VETH_GET_TSHARK_X } from '../../../../labs/layers/tests/fixtures/captures.ts';
import { buildHexModel } from '../../components/hex-view.ts';
import { ipv4ChecksumWalk, LAYER_GROUPS, SEARCH_REQUEST, searchFrameExample } from './layers-frame.ts';
import { FCS_BYTES, stackRows, stackSteps, STACK_VIEW } from './layer-stack.ts';
import { checkSteps } from '../../components/step-through.ts';
import { expectSameSteps } from '../../../../tests/support/translated-steps.ts';


describe('the search request frame shown in the layers chapter', () => {
  const example = searchFrameExample();

  it('is byte for byte the frame captured from Linux', () => {
    expect(formatHexDump(example.bytes)).toBe(VETH_GET_TSHARK_X);
  });


  it('decodes back to the request, with every checksum correct', () => {
    const layers = decapsulate(example.bytes);
    expect(new TextDecoder().decode(layers.payload)).toBe(SEARCH_REQUEST);
    expect(layers.ipv4.ttl).toBe(64);
    expect(layers.tcp?.destinationPort).toBe(80);
  });

  it('has fields that cover every byte exactly once', () => {
    const model = buildHexModel(example.bytes, example.fields, { groups: example.groups });
    expect(model.gaps).toEqual([]);
    expect(model.fields.reduce((n, f) => n + f.length, 0)).toBe(example.bytes.length);
  });

  it('colours the bytes by layer: Ethernet, IPv4, TCP, HTTP, each a distinct colour over its own bytes', () => {
    const model = buildHexModel(example.bytes, example.fields, { groups: example.groups });
    expect(model.groups.map((g) => g.id)).toEqual(LAYER_GROUPS.map((g) => g.id));
    expect(new Set(model.groups.map((g) => g.colour)).size).toBe(4);
    const ranges = { ethernet: [0, 14], ipv4: [14, 34], tcp: [34, 66], http: [66, 152] } as const;
    for (const field of example.fields) {
      const [start, end] = ranges[field.group as keyof typeof ranges];
      expect(field.offset, `${field.name} starts in its layer`).toBeGreaterThanOrEqual(start);
      expect(field.offset + field.length, `${field.name} ends in its layer`).toBeLessThanOrEqual(end);
    }
    expect(example.sizes.map((s) => [s.id, s.bytes])).toEqual([
      ['ethernet', 14],
      ['ipv4', 20],
      ['tcp', 32],
      ['http', 86],
    ]);
  });

  it('names every field in words, with a value and a note', () => {
    for (const field of example.fields) {
      expect(field.name, `field at ${field.offset}`).not.toMatch(/^(ethernet|ipv4|tcp|payload)\./);
      expect(field.value, field.name).toBeTruthy();
      expect(field.note, field.name).toBeTruthy();
    }
    const named = (name: string) => example.fields.find((f) => f.name === name)!;
    expect(named('Time to Live').value).toBe('64');
    expect(named('EtherType').value).toBe('0x0800 (IPv4)');
    expect(named('Option: Timestamps').value).toBe('TSval 4110642164, TSecr 4270117879');
    expect(named('Window').value).toBe('63 × 2^10 = 64,512 bytes');
  });

  it('splits the HTTP bytes into its lines, which put together are the request', () => {
    const lines = example.fields.filter((f) => f.group === 'http');
    expect(lines.map((f) => f.name)).toEqual(['Request line', 'Host header', 'User-Agent header', 'Accept header', 'Empty line']);
    const text = lines.map((f) => new TextDecoder().decode(example.bytes.subarray(f.offset, f.offset + f.length))).join('');
    expect(text).toBe(SEARCH_REQUEST);
  });
});

describe('the RFC 1071 worked example', () => {
  const { bytes } = searchFrameExample();
  const walk = ipv4ChecksumWalk(bytes);

  it('lists the ten words of the header, with the checksum word as zero', () => {
    expect(walk.words).toHaveLength(10);
    expect(walk.words[5]).toEqual({ offset: 10, hex: '0x0000', holds: 'header checksum, as 0' });
    expect(walk.words.map((w) => w.hex).join(' ')).toBe('0x4500 0x008a 0xb9ce 0x4000 0x4006 0x0000 0xc000 0x020a 0xc000 0x0250');
  });

  it('sums, folds and complements to the checksum the frame carries, and the receiver gets all ones', () => {
    const raw = walk.words.reduce((n, w) => n + Number(w.hex), 0);
    expect(walk.rawSum).toBe(`0x${raw.toString(16).padStart(5, '0')}`);
    expect(Number(walk.folded)).toBe((raw & 0xffff) + (raw >>> 16));
    expect(Number(walk.checksum)).toBe(~Number(walk.folded) & 0xffff);
    expect(walk.checksum).toBe(walk.inFrame);
    expect(walk.verify).toBe('0xffff');
    expect(verifyChecksum(bytes.subarray(14, 34))).toBe(true);
  });
});

describe('the encapsulation diagram', () => {
  const { sizes } = searchFrameExample();
  const rows = stackRows(sizes);

  it('has one bar per layer, each the layer’s header in front of the bars above', () => {
    expect(rows.map((r) => r.cells.map((c) => c.layer))).toEqual([
      ['http'],
      ['tcp', 'http'],
      ['ipv4', 'tcp', 'http'],
      ['ethernet', 'ipv4', 'tcp', 'http', 'fcs'],
    ]);
    expect(rows.map((r) => r.total)).toEqual([86, 118, 138, 152 + FCS_BYTES]);
  });

  it('draws to scale, with the same bytes lined up in every bar and nothing past the edge', () => {
    const scale = rows[0]!.cells[0]!.width / 86;
    for (const row of rows) {
      for (const cell of row.cells) expect(cell.width).toBeCloseTo(cell.bytes * scale, 6);
      const http = row.cells.find((c) => c.layer === 'http')!;
      expect(http.x).toBeCloseTo(rows[0]!.cells[0]!.x, 6);
      const last = row.cells.at(-1)!;
      expect(last.x + last.width).toBeLessThanOrEqual(STACK_VIEW.width - STACK_VIEW.right + 1e-9);
    }
    expect(rows[3]!.cells[0]!.x).toBeCloseTo(STACK_VIEW.labelWidth, 6);
  });

  it('labels a cell only when its text fits', () => {
    for (const row of rows) for (const cell of row.cells) expect(cell.text.length * 6.5, `${row.id} ${cell.layer}`).toBeLessThanOrEqual(cell.width);
  });

  it('steps down the stack and back up, lighting only parts that exist', () => {
    const steps = stackSteps(sizes);
    expect(() => checkSteps(steps, rows.map((r) => r.id))).not.toThrow();
    expect(steps.map((s) => s.active)).toEqual([['row-http'], ['row-tcp'], ['row-ipv4'], ['row-ethernet'], ['row-http', 'row-tcp', 'row-ipv4', 'row-ethernet']]);
    expect(steps[3]!.text).toContain('176 byte-times');
  });

  it('steps in Chinese with the same numbers, parts and code', () => {
    const english = stackSteps(sizes);
    const chinese = stackSteps(sizes, 'zh-cn');
    expect(chinese[3]!.text).toContain('共 176 个字节时间');
    expect(chinese[0]!.title).toBe(english[0]!.title.replace(/^The app writes (\d+) bytes$/, '应用写入 $1 字节'));
    expectSameSteps(english, chinese);
  });
});
