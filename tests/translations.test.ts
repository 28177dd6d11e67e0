/**
 * Translation status: every English page has its Chinese counterpart, every
 * lab manifest its Chinese words, and a translation whose English page
 * changed after it is found outdated (from git history, in a scratch repo).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLabs } from '../src/course/labs.ts';
import { untranslatedStages } from '../src/course/manifest-locale.ts';
import { coursePaths } from '../src/course/paths.ts';
import { translationStatus } from '../src/site/translation-status.ts';
import { outdatedNotice } from '../src/site/translation-notice.ts';
import { contentLocale, joinCjk } from '../src/site/i18n/ui.ts';

describe('the course in Chinese', () => {
  it('has a content/zh-cn/ page for every English page the site builds', () => {
    const missing = translationStatus(coursePaths())
      .filter((page) => page.status === 'missing')
      .map((page) => page.translation);
    expect(missing, 'pages with no Chinese translation yet').toEqual([]);
  });

  it('has the title, summary and hints of every lab stage in Chinese', () => {
    const untranslated = Object.fromEntries(loadLabs(coursePaths()).map((lab) => [lab.id, untranslatedStages(lab.manifest, 'zh-cn')]));
    expect(Object.entries(untranslated).filter(([, stages]) => stages.length)).toEqual([]);
  });
});

describe('translation status from git history', () => {
  function scratch() {
    const root = mkdtempSync(join(tmpdir(), 'translations-'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root, stdio: 'pipe' });
    const write = (path: string, text: string) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    const commit = (message: string) => git('commit', '-qam', message);
    git('init', '-q', '-b', 'main');
    write('content/guides/a.mdx', 'A\n');
    write('content/guides/b.mdx', 'B\n');
    git('add', '.');
    commit('English');
    const status = () => Object.fromEntries(translationStatus({ root, content: join(root, 'content'), labs: join(root, 'labs'), workspace: join(root, 'workspace') }, []).map((p) => [p.english, p.status]));
    return { git, write, commit, status };
  }

  it('says missing, then current, then outdated once the English page changes, and current again after a new translation', () => {
    const { git, write, commit, status } = scratch();
    expect(status()).toEqual({ 'content/guides/a.mdx': 'missing', 'content/guides/b.mdx': 'missing' });
    write('content/zh-cn/guides/a.mdx', '甲\n');
    expect(status()['content/guides/a.mdx']).toBe('unknown');
    git('add', '.');
    commit('Chinese a');
    expect(status()['content/guides/a.mdx']).toBe('current');
    write('content/guides/a.mdx', 'A, longer\n');
    commit('English a grows');
    expect(status()['content/guides/a.mdx']).toBe('outdated');
    write('content/zh-cn/guides/a.mdx', '甲，更长\n');
    commit('Chinese a grows');
    expect(status()['content/guides/a.mdx']).toBe('current');
  });

  it('ignores English commits marked [i18n skip]', () => {
    const { git, write, commit, status } = scratch();
    write('content/zh-cn/guides/a.mdx', '甲\n');
    git('add', '.');
    commit('Chinese a');
    write('content/guides/a.mdx', 'A.\n');
    commit('Typo in a [i18n skip]');
    expect(status()['content/guides/a.mdx']).toBe('current');
  });

  it('finds a translation outdated when its branch never saw the English change, however late it was committed', () => {
    const { git, write, commit, status } = scratch();
    git('checkout', '-qb', 'translate');
    git('checkout', '-q', 'main');
    write('content/guides/a.mdx', 'A, changed on main\n');
    commit('English a changes');
    git('checkout', '-q', 'translate');
    write('content/zh-cn/guides/a.mdx', '甲\n');
    git('add', '.');
    commit('Chinese a, from the old English');
    git('checkout', '-q', 'main');
    git('merge', '-q', '--no-edit', 'translate');
    expect(status()['content/guides/a.mdx']).toBe('outdated');
  });
});

describe('the outdated notice', () => {
  it('links the translated page to its English page, under the site\'s base', () => {
    expect(outdatedNotice('zh-cn/chapters/dns', 'zh-cn', '/pj/')).toBe('本页翻译之后，英文原文又有改动。<a href="/pj/chapters/dns/">阅读英文原文</a>。');
    expect(outdatedNotice('zh-cn', 'zh-cn', '/')).toContain('<a href="/">');
  });
});

describe('Chinese text joined from pieces', () => {
  it('gets a space between Latin letters or digits and Chinese characters, and nowhere else', () => {
    expect(joinCjk('购物者 A', '询问', '边缘节点')).toBe('购物者 A 询问边缘节点');
    expect(joinCjk('边缘节点', '询问', 'shopper')).toBe('边缘节点询问 shopper');
    expect(joinCjk('源站', '回复', '屏蔽层')).toBe('源站回复屏蔽层');
  });
});

describe('the language of a page\'s content', () => {
  it('is the page\'s locale, except on Starlight\'s fallback pages, which show the English page', () => {
    expect(contentLocale({ currentLocale: 'zh-CN', locals: { starlightRoute: { isFallback: false } } })).toBe('zh-cn');
    expect(contentLocale({ currentLocale: 'zh-CN', locals: { starlightRoute: { isFallback: true } } })).toBe('en');
    expect(contentLocale({ currentLocale: 'zh-CN', locals: {} })).toBe('zh-cn');
    expect(contentLocale({ currentLocale: undefined, locals: {} })).toBe('en');
  });
});
