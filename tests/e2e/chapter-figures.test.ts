// What a reader sees of the chapters' figures and code on a phone: labels big
// enough to read, code that says what language it is, and the lab panel's words.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBuiltSite } from '../support/built-site.ts';
import { root } from '../support/cli.ts';

/** The smallest a diagram's label may render at 390 px, CSS px: Apple's and Material's floor for caption text. */
const MIN_LABEL_PX = 11;

const site = useBuiltSite({ viewport: { width: 390, height: 900 } });
const chapters = readdirSync(join(root, 'content', 'chapters')).map((f) => f.replace(/\.mdx?$/, ''));

describe('chapter figures on a 390 px phone', () => {
  it.each(chapters)(`%s: every diagram label renders at ${MIN_LABEL_PX} px or more, inside its picture`, async (chapter) => {
    await site.page.goto(`${site.url}/chapters/${chapter}/`);
    const small = await site.page.evaluate((min) => {
      const found: string[] = [];
      for (const text of document.querySelectorAll<SVGTextElement>('main svg text')) {
        const label = text.textContent?.trim();
        if (!label) continue;
        // Hidden parts (another step's frame, a badge not in use) are measured when they show; the CTM is the same.
        const matrix = text.getScreenCTM();
        if (!matrix) continue;
        const scale = Math.hypot(matrix.a, matrix.b);
        const px = parseFloat(getComputedStyle(text).fontSize) * scale;
        const where = `"${label.slice(0, 40)}" in svg.${text.closest('svg')!.getAttribute('class')}`;
        if (px < min) found.push(`${px.toFixed(1)} px: ${where}`);
        // A label drawn past its picture's edge is cut off.
        const box = text.getBoundingClientRect();
        const frame = text.closest('svg')!.getBoundingClientRect();
        if (box.width > 0 && (box.left < frame.left - 1 || box.right > frame.right + 1)) found.push(`cut off at the picture's edge: ${where}`);
      }
      return found;
    }, MIN_LABEL_PX);
    expect(small).toEqual([]);
  });

  it.each(chapters)('%s: the page never scrolls sideways; a wide figure scrolls inside its own box', async (chapter) => {
    await site.page.goto(`${site.url}/chapters/${chapter}/`);
    const widths = await site.page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  });
});

describe('chapter code and lab panel', () => {
  it.each(chapters)('%s: every code block names its language, so it is highlighted or marked as plain output', async (chapter) => {
    await site.page.goto(`${site.url}/chapters/${chapter}/`);
    const blocks = await site.page.evaluate(() =>
      [...document.querySelectorAll('main pre')].map((pre) => ({ language: pre.getAttribute('data-language'), start: pre.textContent!.slice(0, 40) })),
    );
    expect(blocks.length).toBeGreaterThan(0);
    // Expressive Code marks a fence without a language "plaintext"; output blocks say `text` on purpose.
    expect(blocks.filter((b) => b.language === null || b.language === 'plaintext')).toEqual([]);
    expect(blocks.some((b) => b.language === 'sh')).toBe(true);
  });

  it('highlights the lab panel’s commands and keeps the space before the tests folder', async () => {
    await site.page.goto(`${site.url}/chapters/dns/`);
    const panel = site.page.locator('.lab-panel');
    expect(await panel.textContent()).toMatch(/the files in labs\/dns\/tests\//);
    const commands = panel.locator('pre[data-language="sh"]');
    expect(await commands.count()).toBe(1);
    expect(await commands.locator('span[style*="--0:"]').count()).toBeGreaterThan(3);
  });

  it('lets a wide code block scroll to its last column on a phone, and says so', async () => {
    await site.page.goto(`${site.url}/chapters/routing/`);
    const block = site.page.locator('main .expressive-code', { has: site.page.locator('pre', { hasText: 'Kernel IP routing table' }) });
    const pre = block.locator('pre');
    const reach = await pre.evaluate((element) => {
      element.scrollLeft = element.scrollWidth;
      const range = document.createRange();
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf('Iface');
        if (at >= 0) {
          range.setStart(node, at);
          range.setEnd(node, at + 5);
          break;
        }
      }
      const word = range.getBoundingClientRect();
      const box = element.getBoundingClientRect();
      return { overflows: element.scrollWidth > element.clientWidth, visible: word.width > 0 && word.left >= box.left && word.right <= box.right };
    });
    expect(reach).toEqual({ overflows: true, visible: true });
    // A reader must see that it scrolls: shadows fixed to the box's edges, covered by the text's own background where nothing is hidden.
    const background = await pre.evaluate((element) => getComputedStyle(element).backgroundAttachment);
    expect(background.split(', ').slice(0, 4)).toEqual(['local', 'local', 'scroll', 'scroll']);
  });

  it('keeps the state machine at full size on a phone, in a region that scrolls and shows it', async () => {
    await site.page.goto(`${site.url}/chapters/tcp/`);
    const region = site.page.locator('.fig-scroll', { has: site.page.locator('svg.tt-machine') }).first();
    const shape = await region.evaluate((element) => ({
      overflows: element.scrollWidth > element.clientWidth,
      attachments: getComputedStyle(element).backgroundAttachment.split(', '),
      focusable: element.tabIndex === 0 && element.getAttribute('role') === 'region',
    }));
    expect(shape).toEqual({ overflows: true, attachments: ['local', 'local', 'scroll', 'scroll'], focusable: true });
  });
});
