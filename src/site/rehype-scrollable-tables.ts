/**
 * Wraps every Markdown table in a focusable scroll region: on a phone a wide
 * table scrolls sideways, and a keyboard user must be able to scroll it too
 * (axe: scrollable-region-focusable). The region is labelled by the table's
 * first header row, so a screen reader says what it holds.
 */
import type { Element, Root, Text } from 'hast';
import { visit } from 'unist-util-visit';

function textOf(node: Element | Text): string {
  return node.type === 'text' ? node.value : node.children.map((c) => (c.type === 'element' || c.type === 'text' ? textOf(c) : '')).join('');
}

/** The words of a table's header cells, for the region's label. */
function headerWords(table: Element): string {
  let cells: string[] = [];
  visit(table, 'element', (node: Element) => {
    if (node.tagName === 'th' && cells.length < 4) cells.push(textOf(node).trim());
  });
  cells = cells.filter(Boolean);
  return cells.length ? `Table: ${cells.join(', ')}` : 'Table';
}

export function rehypeScrollableTables() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      if (parent.type === 'element' && (parent.properties?.['className'] as string[] | undefined)?.includes('table-scroll')) return;
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['table-scroll'], tabIndex: 0, role: 'region', ariaLabel: headerWords(node) },
        children: [node],
      };
    });
  };
}
