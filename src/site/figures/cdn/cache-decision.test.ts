import { describe, expect, it } from 'vitest';
import { decide, parseHeaderText, renderDecision, verdict } from './cache-decision.ts';

describe('the cache decision box', () => {
  it('reads a status line and Name: value lines, joining repeats and naming bad lines', () => {
    expect(parseHeaderText('HTTP/1.1 404 Not Found\nCache-Control: public\ncache-control: max-age=5\nnonsense')).toEqual({
      status: 404,
      fields: { 'cache-control': 'public, max-age=5' },
      problems: [{ line: 4, text: 'nonsense' }],
    });
  });

  it('a max-age=60 response 30 s after it arrived is fresh for 30 s more', () => {
    const d = decide('Cache-Control: public, max-age=60', '', 30);
    expect(d).toMatchObject({ storable: true, lifetime: 60, age: 30, reuse: 'fresh' });
    expect(verdict(d)).toBe('Served from the cache: fresh for another 30 s.');
  });

  it('counts the Age field and reports stale-while-revalidate time left', () => {
    const d = decide('Cache-Control: max-age=60, stale-while-revalidate=30\nAge: 50', '', 20);
    expect(d).toMatchObject({ age: 70, reuse: 'validate', swr: 20 });
    expect(verdict(d)).toMatch(/background/);
  });

  it('private is not stored; the request’s max-stale serves stale', () => {
    expect(decide('Cache-Control: private, max-age=60', '', 0).storable).toBe(false);
    expect(decide('Cache-Control: max-age=10', 'Cache-Control: max-stale=60', 30).reuse).toBe('stale-ok');
  });

  it('escapes what the reader typed', () => {
    expect(renderDecision(decide('<b>x', '', 0))).not.toContain('<b>');
  });

  it('names a bad line by where it is, in the page\'s language', () => {
    const d = decide('Cache-Control: max-age=5\nnonsense', 'oops', 0);
    expect(renderDecision(d)).toContain('response: line 2 is not &quot;Name: value&quot;: nonsense');
    const chinese = renderDecision(d, 'zh-cn');
    expect(chinese).toContain('响应：第 2 行不是 “Name: value” 格式：nonsense');
    expect(chinese).toContain('请求：第 1 行');
    expect(chinese).not.toMatch(/Storable|response:|Fresh\?/);
  });

  it('gives its verdict in Chinese with the same numbers', () => {
    expect(verdict(decide('Cache-Control: public, max-age=60', '', 30), 'zh-cn')).toBe('由缓存直接提供：还能保持新鲜 30 s。');
  });
});
