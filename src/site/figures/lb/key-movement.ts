/**
 * Logic for <KeyMovement>: which backend each of a few shopping-cart keys
 * goes to under a ketama ring, a Maglev table and plain modulo hashing, and
 * which keys moved when the reader added or removed a backend. The
 * assignments come from the load-balancing lab's reference HashRing and
 * MaglevTable; the same functions render the worked example at build time
 * and run in the browser on every change, so both always agree.
 */
import { fnv1a32 } from '../../../../labs/lb/given/hash.ts';
import { HashRing } from '../../../../labs/lb/solution/hash-ring.ts';
import { MaglevTable } from '../../../../labs/lb/solution/maglev.ts';
import type { Locale } from '../../../course/locale.ts';

/** The backends the reader can switch on and off, each with its colour family. */
export const KM_BACKENDS = [
  { name: 'A', hue: 'blue' },
  { name: 'B', hue: 'green' },
  { name: 'C', hue: 'red' },
  { name: 'D', hue: 'purple' },
  { name: 'E', hue: 'orange' },
] as const;

/** The keys shown: shoppers' carts. */
export const KM_KEYS: readonly string[] = Array.from({ length: 36 }, (_, i) => `cart:${1001 + i}`);

/** A small Maglev table, so every slot can be drawn; prime, as the paper requires. */
export const KM_TABLE_SIZE = 37;

/** The three ways to map a key to a backend the figure compares. */
export const KM_SCHEMES = ['ring', 'maglev', 'modulo'] as const;
export type Scheme = (typeof KM_SCHEMES)[number];

/** The figure's words in one language: the schemes, a key's and a slot's note, the rows' labels, the form and the live sentence. */
export interface KeyMovementWords {
  schemes: Record<Scheme, string>;
  was: (backend: string) => string;
  slot: (i: number) => string;
  moved: (count: number, of: number) => [before: string, strong: string, after: string];
  table: (last: number) => string;
  announce: (backends: readonly string[], moved: Record<Scheme, number>, of: number) => string;
  pool: string;
  worked: string;
  hint: string;
}

const EN: KeyMovementWords = {
  schemes: { ring: 'Ring (ketama, 160 points per backend)', maglev: `Maglev (table of ${KM_TABLE_SIZE} slots)`, modulo: 'Modulo (hash mod N)' },
  was: (backend) => ` (was ${backend})`,
  slot: (i) => `slot ${i}`,
  moved: (count, of) => [': ', `${count} of ${of}`, ' keys moved'],
  table: (last) => `The Maglev table behind it, slot 0 to ${last}`,
  announce: (backends, moved, of) => `Backends ${backends.join(', ')}. Keys moved: ring ${moved.ring}, Maglev ${moved.maglev}, modulo ${moved.modulo}, of ${of}.`,
  pool: 'Backends in the pool',
  worked: 'Worked example: backend E leaves a pool of A to E. Highlighted keys changed backend.',
  hint: 'Highlighted keys changed backend with your last change.',
};

/** The figure's words; the Chinese ones are typed by the English, so a missing key fails the type check. */
export const KEY_MOVEMENT_WORDS: Record<Locale, KeyMovementWords> = {
  en: EN,
  'zh-cn': {
    schemes: { ring: '哈希环（ketama，每个后端 160 个点）', maglev: `Maglev（${KM_TABLE_SIZE} 个槽位的表）`, modulo: '取模（hash mod N）' },
    was: (backend) => `（原为 ${backend}）`,
    slot: (i) => `槽位 ${i}`,
    moved: (count, of) => ['：', `${of} 个键中有 ${count} 个`, '更换了后端'],
    table: (last) => `背后的 Maglev 表，槽位 0 到 ${last}`,
    announce: (backends, moved, of) => `后端 ${backends.join('、')}。${of} 个键中更换了后端的：哈希环 ${moved.ring} 个，Maglev ${moved.maglev} 个，取模 ${moved.modulo} 个。`,
    pool: '池中的后端',
    worked: '示例：后端 E 离开由 A 到 E 组成的池。高亮的键更换了后端。',
    hint: '高亮的键在你上一次改动后更换了后端。',
  },
};

/** Every key's backend under each scheme, and the Maglev table itself. */
export interface Assignment {
  backends: string[];
  owners: Record<Scheme, string[]>;
  table: readonly string[];
}

/** Assigns every key for the given backends (at least one). */
export function assign(backends: readonly string[]): Assignment {
  const ring = new HashRing(backends);
  const maglev = new MaglevTable(backends, KM_TABLE_SIZE);
  return {
    backends: [...backends],
    owners: {
      ring: KM_KEYS.map((key) => ring.get(key)),
      maglev: KM_KEYS.map((key) => maglev.lookup(fnv1a32(key))),
      modulo: KM_KEYS.map((key) => backends[fnv1a32(key) % backends.length]!),
    },
    table: maglev.entries,
  };
}

/** How many keys each scheme moved from `before` to `after`. */
export function movedCounts(before: Assignment, after: Assignment): Record<Scheme, number> {
  const count = (s: Scheme) => after.owners[s].filter((owner, i) => owner !== before.owners[s][i]).length;
  return { ring: count('ring'), maglev: count('maglev'), modulo: count('modulo') };
}

const hue = (name: string) => KM_BACKENDS.find((b) => b.name === name)?.hue ?? 'gray';

/** The result as HTML: for each scheme a row of key cells (moved ones marked), then the Maglev table's slots. */
export function renderMovement(before: Assignment, after: Assignment, locale: Locale = 'en'): string {
  const w = KEY_MOVEMENT_WORDS[locale];
  const moved = movedCounts(before, after);
  const rows = KM_SCHEMES.map((scheme) => {
    const cells = after.owners[scheme].map((owner, i) => {
      const was = before.owners[scheme][i]!;
      const isMoved = was !== owner;
      const title = `${KM_KEYS[i]} → ${owner}${isMoved ? w.was(was) : ''}`;
      return `<li class="km-cell fig-hue-${hue(owner)}${isMoved ? ' is-moved' : ''}" title="${title}"><span aria-hidden="true">${owner}</span><span class="sr-only">${title}</span></li>`;
    });
    const [lead, count, tail] = w.moved(moved[scheme], KM_KEYS.length);
    return `<div class="km-row"><p class="km-label">${w.schemes[scheme]}${lead}<strong>${count}</strong>${tail}</p><ul class="km-cells">${cells.join('')}</ul></div>`;
  });
  const slots = after.table.map((owner, i) => {
    const isMoved = before.table[i] !== owner;
    return `<li class="km-slot fig-hue-${hue(owner)}${isMoved ? ' is-moved' : ''}" title="${w.slot(i)}: ${owner}${isMoved ? w.was(before.table[i]!) : ''}">${owner}</li>`;
  });
  return [
    ...rows,
    `<div class="km-row"><p class="km-label">${w.table(KM_TABLE_SIZE - 1)}</p><ul class="km-slots" aria-hidden="true">${slots.join('')}</ul></div>`,
  ].join('');
}

/** What a screen reader hears after a change. */
export function announce(before: Assignment, after: Assignment, locale: Locale = 'en'): string {
  return KEY_MOVEMENT_WORDS[locale].announce(after.backends, movedCounts(before, after), KM_KEYS.length);
}
