import { describe, expect, it } from 'vitest';
import { uiStrings } from '../../site/i18n/ui.ts';
import { webContainerSupport, type BrowserFacts } from './support.ts';

const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const base: BrowserFacts = { enabled: true, crossOriginIsolated: true, sharedArrayBuffer: true, online: true, userAgent: chrome, deviceMemoryGiB: 8 };

describe('whether to offer the full-Node runner', () => {
  it('offers it on an isolated desktop Chrome, without asking first', () => {
    expect(webContainerSupport(base)).toEqual({ ok: true, askFirst: false });
  });

  it('refuses with a reason and advice when the teacher switched it off, offline, or not isolated', () => {
    for (const [facts, reason] of [
      [{ enabled: false }, 'switched off'],
      [{ online: false }, 'offline'],
      [{ crossOriginIsolated: false }, 'not cross-origin isolated'],
      [{ sharedArrayBuffer: false }, 'SharedArrayBuffer'],
    ] as const) {
      const support = webContainerSupport({ ...base, ...facts });
      expect(support.ok).toBe(false);
      if (!support.ok) {
        expect(support.reason).toContain(reason);
        expect(support.advice).toContain('npx journey grade');
      }
    }
  });

  it('refuses Safari before 16.4 and asks first on iOS and low-memory devices', () => {
    const oldSafari = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 13_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.1 Safari/605.1.15';
    expect(webContainerSupport({ ...base, userAgent: oldSafari })).toMatchObject({ ok: false, reason: expect.stringContaining('Safari 16.1') });
    const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
    expect(webContainerSupport({ ...base, userAgent: iphone })).toEqual({ ok: true, askFirst: true });
    expect(webContainerSupport({ ...base, deviceMemoryGiB: 2 })).toEqual({ ok: true, askFirst: true });
  });

  it('says why not in the page\'s language', () => {
    const zh = uiStrings('zh-CN');
    expect(webContainerSupport({ ...base, enabled: false }, zh)).toEqual({ ok: false, reason: '本课程关闭了完整 Node 运行器。', advice: zh.fnLocal });
    const isolated = webContainerSupport({ ...base, crossOriginIsolated: false }, zh);
    expect(isolated.ok === false && isolated.advice).toMatch(/^网站需要.*Cross-Origin-Embedder-Policy: require-corp.*在你的电脑上运行 `npx journey grade <lab>`/);
    const oldSafari = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 13_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.1 Safari/605.1.15';
    expect(webContainerSupport({ ...base, userAgent: oldSafari }, zh)).toMatchObject({ reason: 'Safari 16.1 无法运行 WebContainer（需要 16.4 或更新版本）。' });
  });
});
