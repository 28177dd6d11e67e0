/**
 * The model behind <HexView>: which field every byte belongs to, which colour
 * each field gets, and how the bytes break into rows — computed once at build
 * time, so the .astro file only prints it and the browser script only toggles
 * classes.
 */
import type { Locale, Localized } from '../../course/locale.ts';
import { en, type UiStrings } from '../i18n/en.ts';
import { fill } from '../i18n/words.ts';

/**
 * A text the legend shows: the same in every language (a mnemonic such as "QDCOUNT", a value such as "0x1a2b"),
 * or one per language, so the pages both languages share (they call the same example functions) read in theirs.
 */
export type HexText = string | Localized;

/** A legend text written in English and in Chinese. */
export function inBoth(english: string, chinese: string): Localized {
  return { en: english, 'zh-cn': chinese };
}

/** A legend text in one language. */
export function hexText(text: HexText, locale: Locale = 'en'): string {
  return typeof text === 'string' ? text : text[locale];
}

/** A field with its texts in one language, as a test or a page in that language reads it. */
export type HexFieldIn = Omit<HexField, 'name' | 'value' | 'note' | 'section'> & { name: string; value?: string; note?: string; section?: string };

/** Fields with every text in one language. */
export function fieldsIn(fields: readonly HexField[], locale: Locale = 'en'): HexFieldIn[] {
  return fields.map(({ name, value, note, section, ...rest }) => ({
    ...rest,
    name: hexText(name, locale),
    ...(value === undefined ? {} : { value: hexText(value, locale) }),
    ...(note === undefined ? {} : { note: hexText(note, locale) }),
    ...(section === undefined ? {} : { section: hexText(section, locale) }),
  }));
}

/** One field of a binary structure: a run of bytes with a name and, optionally, what it means. */
export interface HexField {
  /** Shown in the legend and the detail line, e.g. "ID" or "QNAME label". */
  name: HexText;
  /** First byte of the field, counted from the first byte shown. */
  offset: number;
  /** Number of bytes, at least 1. */
  length: number;
  /** The decoded value, e.g. "0x1a2b (6699)". */
  value?: HexText;
  /** What the field is for, with its source, e.g. "RFC 1035 §4.1.1". */
  note?: HexText;
  /** Fields of one group share a colour (e.g. every label of every name). Defaults to `section`, then "field". */
  group?: string;
  /** Legend heading the field is listed under, e.g. "Header" or "Answer 1". */
  section?: HexText;
}

/** A colour group, in the order the legend's key lists them; `label` is what the key says. */
export interface HexGroup {
  id: string;
  label: HexText;
}

/** Colour n's class, from the hues of the shared figure stylesheet (figures.css). */
export const PALETTE = ['fig-hue-blue', 'fig-hue-green', 'fig-hue-red', 'fig-hue-purple', 'fig-hue-orange', 'fig-hue-gray'] as const;

/** How many distinct colours there are; groups beyond it reuse them in turn. */
export const PALETTE_SIZE = PALETTE.length;

/** One byte in the grid. */
export interface HexCell {
  offset: number;
  /** Two lowercase hex digits. */
  hex: string;
  /** The byte as printable ASCII, or '.' */
  char: string;
  /** Index into `HexModel.fields`, or -1 for a byte no field covers (a gap). */
  field: number;
  /** Palette index of the field's group, or -1 for a gap. */
  colour: number;
  /** First byte of its field (or of a gap): drawn with a separator before it. */
  first: boolean;
}

/** One row of the grid. */
export interface HexRow {
  offset: number;
  /** The row's offset as four hex digits, as hex dumps print it. */
  label: string;
  cells: HexCell[];
  /** Empty cells after the last byte, so the ASCII column lines up. */
  padding: number;
}

/** A field as the legend shows it, its texts in the page's language. */
export interface HexFieldView extends Required<Pick<HexField, 'offset' | 'length'>> {
  name: string;
  index: number;
  value: string | undefined;
  note: string | undefined;
  group: string;
  section: string | undefined;
  colour: number;
  /** The field's bytes in hex, space-separated, e.g. "03 77 77 77". */
  bytesHex: string;
  /** Where the field is, in words: "bytes 12–15" or "byte 3". */
  where: string;
}

/** Fields under one legend heading, in byte order. */
export interface HexSection {
  title: string | undefined;
  fields: HexFieldView[];
}

/** Everything HexView renders. */
export interface HexModel {
  rows: HexRow[];
  /** All fields, sorted by offset; cells refer to them by index. */
  fields: HexFieldView[];
  /** Consecutive fields with the same `section`, for the legend. */
  sections: HexSection[];
  /** Colour groups actually used, in key order, each with its palette index and its label in the page's language. */
  groups: { id: string; label: string; colour: number }[];
  /** Runs of bytes that no field covers. */
  gaps: { offset: number; length: number }[];
}

/** Thrown for a field list that cannot describe the bytes: the message says which field and why. */
export class HexViewError extends Error {
  override name = 'HexViewError';
}

/** Options for buildHexModel. */
export interface HexModelOptions {
  /** The page's UI strings, for the byte ranges the legend shows; English by default. */
  t?: UiStrings;
  /** The page's language, for fields whose texts come in several; English by default. */
  locale?: Locale;
  /** Bytes per grid row; 16 by default, as in every hex dump. */
  bytesPerRow?: number;
  /** Colour groups in a fixed order, so that the same group gets the same colour in every view. Groups not listed follow in order of first use. */
  groups?: readonly HexGroup[];
}

/**
 * Lays out `bytes` as rows of cells and assigns each cell to the field that
 * covers it. Throws HexViewError for a byte outside 0–255, a field that is
 * empty, lies outside the bytes, or overlaps another field.
 */
export function buildHexModel(
  bytes: Uint8Array | readonly number[],
  fields: readonly HexField[],
  options: HexModelOptions = {},
): HexModel {
  const data = Array.from(bytes);
  data.forEach((byte, i) => {
    if (!Number.isInteger(byte) || byte < 0 || byte > 0xff) {
      throw new HexViewError(`byte ${i} is ${byte}; expected an integer from 0 to 255`);
    }
  });
  const bytesPerRow = options.bytesPerRow ?? 16;
  const t = options.t ?? en;
  const locale = options.locale ?? 'en';
  const say = (text: HexText | undefined) => (text === undefined ? undefined : hexText(text, locale));
  if (!Number.isInteger(bytesPerRow) || bytesPerRow < 1) {
    throw new HexViewError(`bytesPerRow is ${bytesPerRow}; expected a positive integer`);
  }

  const sorted = [...fields].sort((a, b) => a.offset - b.offset);
  for (const field of sorted) {
    if (!Number.isInteger(field.offset) || !Number.isInteger(field.length) || field.length < 1) {
      throw new HexViewError(`field "${hexText(field.name)}" has offset ${field.offset} and length ${field.length}; expected integers, length at least 1`);
    }
    if (field.offset < 0 || field.offset + field.length > data.length) {
      throw new HexViewError(
        `field "${hexText(field.name)}" covers bytes ${field.offset}–${field.offset + field.length - 1}, but there are only ${data.length} bytes (0–${data.length - 1})`,
      );
    }
  }
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1]!;
    const field = sorted[i]!;
    if (field.offset < before.offset + before.length) {
      throw new HexViewError(
        `field "${hexText(field.name)}" starts at byte ${field.offset}, inside "${hexText(before.name)}" (bytes ${before.offset}–${before.offset + before.length - 1})`,
      );
    }
  }

  // Colours: listed groups first, in their order, then the rest as they first appear.
  const groupOf = (field: HexField) => field.group ?? (field.section === undefined ? 'field' : hexText(field.section));
  const groupList: HexGroup[] = [...(options.groups ?? [])];
  for (const field of sorted) {
    const id = groupOf(field);
    if (!groupList.some((g) => g.id === id)) groupList.push({ id, label: id });
  }
  const colourOf = new Map(groupList.map((g, i) => [g.id, i % PALETTE_SIZE]));

  const views: HexFieldView[] = sorted.map((field, index) => {
    const group = groupOf(field);
    const slice = data.slice(field.offset, field.offset + field.length);
    const last = field.offset + field.length - 1;
    return {
      index,
      name: hexText(field.name, locale),
      offset: field.offset,
      length: field.length,
      value: say(field.value),
      note: say(field.note),
      group,
      section: say(field.section),
      colour: colourOf.get(group)!,
      bytesHex: slice.map(hex2).join(' '),
      where: field.length === 1 ? fill(t.hexByte, { n: field.offset }) : fill(t.hexByteRange, { from: field.offset, to: last }),
    };
  });

  // Which field covers each byte.
  const owner = new Array<number>(data.length).fill(-1);
  for (const view of views) owner.fill(view.index, view.offset, view.offset + view.length);

  const gaps: HexModel['gaps'] = [];
  owner.forEach((field, offset) => {
    if (field !== -1) return;
    const open = gaps.at(-1);
    if (open && open.offset + open.length === offset) open.length++;
    else gaps.push({ offset, length: 1 });
  });

  const rows: HexRow[] = [];
  for (let start = 0; start < data.length; start += bytesPerRow) {
    const cells: HexCell[] = [];
    for (let offset = start; offset < Math.min(start + bytesPerRow, data.length); offset++) {
      const byte = data[offset]!;
      const field = owner[offset]!;
      cells.push({
        offset,
        hex: hex2(byte),
        char: byte > 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.',
        field,
        colour: field === -1 ? -1 : views[field]!.colour,
        first: offset === 0 || owner[offset - 1] !== field,
      });
    }
    rows.push({ offset: start, label: start.toString(16).padStart(4, '0'), cells, padding: bytesPerRow - cells.length });
  }

  const sections: HexSection[] = [];
  for (const view of views) {
    const open = sections.at(-1);
    if (open && open.title === view.section) open.fields.push(view);
    else sections.push({ title: view.section, fields: [view] });
  }

  const used = new Set(views.map((v) => v.group));
  const groups = groupList.filter((g) => used.has(g.id)).map((g) => ({ id: g.id, label: hexText(g.label, locale), colour: colourOf.get(g.id)! }));

  return { rows, fields: views, sections, groups, gaps };
}

/** A byte as two lowercase hex digits. */
export function hex2(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}

/**
 * Where focus goes from legend item `index` (of `count`) for a key: ↓ and ↑
 * move by one, Home and End jump to the ends. Null for other keys, which the
 * browser keeps (Tab still moves through the items one by one).
 */
export function legendFocusAfter(index: number, count: number, key: string): number | null {
  switch (key) {
    case 'ArrowDown':
      return Math.min(index + 1, count - 1);
    case 'ArrowUp':
      return Math.max(index - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** The words the hex view's script needs (HexView.astro carries them in `data-words`). */
export const HEX_SCRIPT_WORDS = ['hexHint', 'colon', 'fullStop'] as const;
export type HexScriptWords = Pick<UiStrings, (typeof HEX_SCRIPT_WORDS)[number]>;

/** The line HexView shows for the field under the pointer or focus: name, where, value, note. */
export function fieldSummary(field: Pick<HexFieldView, 'name' | 'where' | 'value' | 'note'>, t: Pick<UiStrings, 'colon' | 'fullStop'>): string {
  const head = `${field.name} (${field.where})${field.value ? `${t.colon}${field.value}` : ''}`;
  return field.note ? `${head}${t.fullStop} ${field.note}` : head;
}
