import { describe, expect, it } from 'vitest';
import { buildHexModel, fieldSummary, hex2, HexViewError, legendFocusAfter, PALETTE_SIZE, type HexField } from './hex-view.ts';
import { en } from '../i18n/en.ts';

const bytes = Array.from({ length: 20 }, (_, i) => i + 0x61); // "abcdefghijklmnopqrst"

describe('buildHexModel', () => {
  it('breaks the bytes into rows of 16 with hex offsets, padding the last row', () => {
    const model = buildHexModel(bytes, []);
    expect(model.rows.map((r) => [r.label, r.cells.length, r.padding])).toEqual([
      ['0000', 16, 0],
      ['0010', 4, 12],
    ]);
    expect(model.rows[1]!.cells[0]).toMatchObject({ offset: 16, hex: '71', char: 'q' });
  });

  it('honours bytesPerRow', () => {
    expect(buildHexModel(bytes, [], { bytesPerRow: 8 }).rows.map((r) => r.offset)).toEqual([0, 8, 16]);
  });

  it('assigns every byte to the field that covers it, whatever order the fields come in', () => {
    const fields: HexField[] = [
      { name: 'second', offset: 2, length: 3 },
      { name: 'first', offset: 0, length: 2 },
    ];
    const model = buildHexModel(bytes.slice(0, 5), fields);
    expect(model.fields.map((f) => f.name)).toEqual(['first', 'second']);
    expect(model.rows[0]!.cells.map((c) => c.field)).toEqual([0, 0, 1, 1, 1]);
    expect(model.rows[0]!.cells.map((c) => c.first)).toEqual([true, false, true, false, false]);
  });

  it('reports bytes no field covers as gaps, and marks where each gap starts', () => {
    const model = buildHexModel(bytes.slice(0, 10), [
      { name: 'a', offset: 2, length: 2 },
      { name: 'b', offset: 6, length: 1 },
    ]);
    expect(model.gaps).toEqual([
      { offset: 0, length: 2 },
      { offset: 4, length: 2 },
      { offset: 7, length: 3 },
    ]);
    const cells = model.rows[0]!.cells;
    expect(cells.filter((c) => c.field === -1).every((c) => c.colour === -1)).toBe(true);
    expect(cells.map((c) => c.first)).toEqual([true, false, true, false, true, false, true, true, false, false]);
  });

  it('gives every field of a group the same colour, listed groups first in their order', () => {
    const model = buildHexModel(bytes.slice(0, 4), [
      { name: 'x1', offset: 0, length: 1, group: 'x' },
      { name: 'y', offset: 1, length: 1, group: 'y' },
      { name: 'x2', offset: 2, length: 1, group: 'x' },
      { name: 'z', offset: 3, length: 1, group: 'z' },
    ], { groups: [{ id: 'unused', label: 'Unused' }, { id: 'y', label: 'Why' }] });
    expect(model.fields.map((f) => f.colour)).toEqual([2, 1, 2, 3]);
    // The key lists only groups in use, with their labels (unlisted groups are labelled by id).
    expect(model.groups).toEqual([
      { id: 'y', label: 'Why', colour: 1 },
      { id: 'x', label: 'x', colour: 2 },
      { id: 'z', label: 'z', colour: 3 },
    ]);
  });

  it('wraps colours around the palette', () => {
    const fields = Array.from({ length: PALETTE_SIZE + 1 }, (_, i) => ({ name: `f${i}`, offset: i, length: 1, group: `g${i}` }));
    const model = buildHexModel(bytes.slice(0, PALETTE_SIZE + 1), fields);
    expect(model.fields.at(-1)!.colour).toBe(0);
  });

  it('falls back to the section, then to one shared group, when a field has no group', () => {
    const model = buildHexModel(bytes.slice(0, 3), [
      { name: 'a', offset: 0, length: 1, section: 'Header' },
      { name: 'b', offset: 1, length: 1 },
      { name: 'c', offset: 2, length: 1 },
    ]);
    expect(model.fields.map((f) => f.group)).toEqual(['Header', 'field', 'field']);
  });

  it('describes each field for the legend: bytes in hex and where they are', () => {
    const model = buildHexModel([0x03, 0x77, 0x77, 0x77, 0x00], [
      { name: 'label', offset: 0, length: 4, value: '"www"' },
      { name: 'root', offset: 4, length: 1 },
    ]);
    expect(model.fields[0]).toMatchObject({ bytesHex: '03 77 77 77', where: 'bytes 0–3', value: '"www"' });
    expect(model.fields[1]).toMatchObject({ bytesHex: '00', where: 'byte 4', value: undefined });
  });

  it('groups consecutive fields of one section under one legend heading', () => {
    const model = buildHexModel(bytes.slice(0, 4), [
      { name: 'a', offset: 0, length: 1, section: 'Header' },
      { name: 'b', offset: 1, length: 1, section: 'Header' },
      { name: 'c', offset: 2, length: 1, section: 'Question' },
      { name: 'd', offset: 3, length: 1 },
    ]);
    expect(model.sections.map((s) => [s.title, s.fields.map((f) => f.name)])).toEqual([
      ['Header', ['a', 'b']],
      ['Question', ['c']],
      [undefined, ['d']],
    ]);
  });

  it('shows non-printable bytes as "." in the text column', () => {
    const cells = buildHexModel([0x00, 0x20, 0x41, 0x7f, 0xc0], []).rows[0]!.cells;
    expect(cells.map((c) => c.char).join('')).toBe('..A..');
  });

  it('accepts a Uint8Array', () => {
    expect(buildHexModel(new Uint8Array([1, 2]), []).rows[0]!.cells.map((c) => c.hex)).toEqual(['01', '02']);
  });

  describe('rejects a field list that cannot describe the bytes, naming the field', () => {
    it('a field past the end', () => {
      expect(() => buildHexModel([1, 2, 3], [{ name: 'RDATA', offset: 2, length: 4 }])).toThrow(
        new HexViewError('field "RDATA" covers bytes 2–5, but there are only 3 bytes (0–2)'),
      );
    });
    it('overlapping fields', () => {
      expect(() =>
        buildHexModel([1, 2, 3, 4], [
          { name: 'ID', offset: 0, length: 2 },
          { name: 'Flags', offset: 1, length: 2 },
        ]),
      ).toThrow(/field "Flags" starts at byte 1, inside "ID" \(bytes 0–1\)/);
    });
    it('an empty or fractional field', () => {
      expect(() => buildHexModel([1], [{ name: 'nothing', offset: 0, length: 0 }])).toThrow(/"nothing".*length at least 1/);
      expect(() => buildHexModel([1, 2], [{ name: 'half', offset: 0.5, length: 1 }])).toThrow(HexViewError);
    });
    it('a value that is not a byte', () => {
      expect(() => buildHexModel([1, 256], [])).toThrow(/byte 1 is 256/);
    });
  });
});

describe('hex2', () => {
  it('writes two lowercase digits', () => {
    expect([0, 10, 255].map(hex2)).toEqual(['00', '0a', 'ff']);
  });
});

describe('legendFocusAfter', () => {
  it('moves with the up and down arrows and stops at the ends', () => {
    expect(legendFocusAfter(3, 10, 'ArrowDown')).toBe(4);
    expect(legendFocusAfter(3, 10, 'ArrowUp')).toBe(2);
    expect(legendFocusAfter(9, 10, 'ArrowDown')).toBe(9);
    expect(legendFocusAfter(0, 10, 'ArrowUp')).toBe(0);
  });

  it('jumps with Home and End, and leaves Tab and other keys to the browser', () => {
    expect(legendFocusAfter(5, 10, 'Home')).toBe(0);
    expect(legendFocusAfter(5, 10, 'End')).toBe(9);
    expect(legendFocusAfter(5, 10, 'Tab')).toBeNull();
    expect(legendFocusAfter(5, 10, 'ArrowRight')).toBeNull();
  });
});

describe('fieldSummary', () => {
  it('says name, place, value and note', () => {
    expect(fieldSummary({ name: 'ID', where: 'bytes 0–1', value: '0x1a2b', note: 'Matches reply to query.' }, en)).toBe(
      'ID (bytes 0–1): 0x1a2b. Matches reply to query.',
    );
  });

  it('leaves out what the field does not have', () => {
    expect(fieldSummary({ name: 'RDATA', where: 'byte 9', value: undefined, note: undefined }, en)).toBe('RDATA (byte 9)');
  });
});
