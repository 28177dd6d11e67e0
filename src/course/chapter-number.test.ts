import { describe, expect, it } from 'vitest';
import { chapterOrder } from './chapter-number.ts';

describe('chapterOrder', () => {
  it('reads sidebar.order in block and flow style', () => {
    expect(chapterOrder('---\ntitle: DNS\nsidebar:\n  label: DNS\n  order: 2\n---\n\nText.')).toBe(2);
    expect(chapterOrder('---\ntitle: DNS\nsidebar: { label: DNS, order: 3 }\n---\n')).toBe(3);
  });

  it('is undefined without front matter, without sidebar.order, or with an order outside the sidebar', () => {
    expect(chapterOrder('# No front matter\n\norder: 2\n')).toBeUndefined();
    expect(chapterOrder('---\ntitle: DNS\nsidebar:\n  label: DNS\n---\n')).toBeUndefined();
    expect(chapterOrder('---\norder: 4\ntitle: DNS\n---\n')).toBeUndefined();
  });
});
