import { describe, expect, it } from 'vitest';
import type { Element, Root } from 'hast';
import { rehypeScrollableTables } from './rehype-scrollable-tables.ts';

const cell = (tag: 'th' | 'td', text: string): Element => ({ type: 'element', tagName: tag, properties: {}, children: [{ type: 'text', value: text }] });
const table = (): Element => ({
  type: 'element',
  tagName: 'table',
  properties: {},
  children: [{ type: 'element', tagName: 'tr', properties: {}, children: [cell('th', 'field'), cell('th', 'bytes'), cell('td', 'x')] }],
});

describe('rehypeScrollableTables', () => {
  it('wraps each table once in a focusable, labelled region', () => {
    const tree: Root = { type: 'root', children: [table(), { type: 'element', tagName: 'p', properties: {}, children: [] }, table()] };
    rehypeScrollableTables()(tree);
    rehypeScrollableTables()(tree);
    const wrappers = tree.children.filter((n): n is Element => n.type === 'element' && n.tagName === 'div');
    expect(wrappers).toHaveLength(2);
    for (const w of wrappers) {
      expect(w.properties).toEqual({ className: ['table-scroll'], tabIndex: 0, role: 'region', ariaLabel: 'Table: field, bytes' });
      expect((w.children[0] as Element).tagName).toBe('table');
    }
  });
});
