/**
 * Logic for <CacheDecision>, the "what will a shared cache do with this
 * response?" box: read the header fields a reader typed, ask the CDN lab's
 * reference code (storability, freshness lifetime, age, reuse decision) and
 * render its answers. Runs at build time for the worked example and in the
 * browser on every keystroke.
 */
import { currentAge, reuseDecision } from '../../../../labs/cdn/solution/age.ts';
import { freshnessLifetime, isStorable } from '../../../../labs/cdn/solution/freshness.ts';
import { parseHttpDate } from '../../../../labs/cdn/solution/http-date.ts';
import { deltaSeconds, parseCacheControl } from '../../../../labs/cdn/solution/cache-control.ts';
import type { Fields } from '../../../../labs/cdn/given/http.ts';
import type { Locale } from '../../../course/locale.ts';

/** The fixed moment the reader's response "arrives" when it has no valid Date field. */
export const ARRIVAL = Date.UTC(2026, 0, 15, 12, 0, 0);

/** Header fields read from text, one `Name: value` a line; an optional first line `HTTP/1.1 404` sets the status. */
export interface ParsedHeaders {
  readonly status: number;
  readonly fields: Fields;
  readonly problems: readonly HeaderProblem[];
}

/** A line that is not `Name: value`: its number (from 1) and its text. */
export interface HeaderProblem {
  readonly line: number;
  readonly text: string;
}

/** Reads `Name: value` lines (repeated names joined with ", ", as RFC 9110 §5.3 allows). */
export function parseHeaderText(text: string): ParsedHeaders {
  const fields: Record<string, string> = {};
  const problems: HeaderProblem[] = [];
  let status = 200;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const statusLine = /^HTTP\/\d(?:\.\d)?\s+(\d{3})\b/i.exec(line);
    if (statusLine && i === 0) {
      status = Number(statusLine[1]);
      return;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : '';
    if (!/^[!#$%&'*+\-.^_`|~0-9a-z]+$/.test(name)) {
      problems.push({ line: i + 1, text: line });
      return;
    }
    const value = line.slice(colon + 1).trim();
    fields[name] = fields[name] === undefined ? value : `${fields[name]}, ${value}`;
  });
  return { status, fields, problems };
}

/** Everything the box shows. */
export interface Decision {
  readonly storable: boolean;
  readonly lifetime: number;
  readonly heuristic: boolean;
  readonly age: number;
  readonly reuse: 'fresh' | 'stale-ok' | 'validate';
  /** Seconds of stale-while-revalidate / stale-if-error left, when the response is stale and has them. */
  readonly swr: number | undefined;
  readonly sie: number | undefined;
  /** Bad lines, of the response's fields or of the request's. */
  readonly problems: readonly (HeaderProblem & { readonly in: 'response' | 'request' })[];
}

/** The reference cache's answers for a response (and the request that asks for it later), `elapsed` seconds after it arrived. */
export function decide(responseText: string, requestText: string, elapsed: number): Decision {
  const res = parseHeaderText(responseText);
  const req = parseHeaderText(requestText);
  const date = res.fields.date === undefined ? undefined : parseHttpDate(res.fields.date, ARRIVAL);
  const arrival = date ?? ARRIVAL;
  const response = { status: res.status, headers: res.fields, body: '' };
  const request = { method: 'GET', url: 'https://shop.example/api/suggest?q=a', headers: req.fields };
  const storable = isStorable(request, response);
  const { seconds: lifetime, heuristic } = freshnessLifetime(response, arrival);
  const age = currentAge(response, { requestTime: arrival, responseTime: arrival }, arrival + elapsed * 1000);
  const cc = parseCacheControl(res.fields['cache-control']);
  const window = (name: string) => {
    const s = deltaSeconds(cc, name);
    return typeof s === 'number' && age >= lifetime ? s - (age - lifetime) : undefined;
  };
  return {
    storable,
    lifetime,
    heuristic,
    age,
    reuse: reuseDecision(request, response, lifetime, age),
    swr: window('stale-while-revalidate'),
    sie: window('stale-if-error'),
    problems: [...res.problems.map((p) => ({ ...p, in: 'response' as const })), ...req.problems.map((p) => ({ ...p, in: 'request' as const }))],
  };
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);
const secs = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(1)} s`;

/** The box's words in one language: the verdicts, the facts' names and values, and the problems. */
export interface DecisionWords {
  notStored: string;
  fresh: (left: string) => string;
  staleOk: string;
  staleWhileRevalidate: (left: string) => string;
  validate: string;
  storable: string;
  lifetime: string;
  heuristic: string;
  age: string;
  isFresh: string;
  yes: string;
  no: string;
  staleBy: (by: string) => string;
  originFails: string;
  serveStale: (left: string) => string;
  staleIfErrorOver: string;
  problem: (p: Decision['problems'][number]) => string;
}

const EN: DecisionWords = {
  notStored: 'Not stored: a shared cache passes this response on and keeps nothing.',
  fresh: (left) => `Served from the cache: fresh for another ${left}.`,
  staleOk: 'Served stale from the cache: the request’s max-stale accepts it.',
  staleWhileRevalidate: (left) => `Served stale at once, revalidated in the background (stale-while-revalidate, ${left} left).`,
  validate: 'Validated first: the cache asks the origin (a conditional request if the response has an ETag or Last-Modified).',
  storable: 'Storable (RFC 9111 §3)',
  lifetime: 'Freshness lifetime (§4.2.1)',
  heuristic: ' — heuristic, 10 % of Date − Last-Modified (§4.2.2)',
  age: 'Current age (§4.2.3)',
  isFresh: 'Fresh?',
  yes: 'yes',
  no: 'no',
  staleBy: (by) => `no, stale by ${by}`,
  originFails: 'If the origin fails (RFC 5861 §4)',
  serveStale: (left) => `serve stale for ${left} more`,
  staleIfErrorOver: 'stale-if-error window over',
  problem: (p) => `${p.in}: line ${p.line} is not "Name: value": ${p.text}`,
};

/** The box's words in each language; the Chinese ones are typed by the English, so a missing key fails the type check. */
export const DECISION_WORDS: Record<Locale, DecisionWords> = {
  en: EN,
  'zh-cn': {
    notStored: '不存储：共享缓存把这个响应转交出去，自己什么也不留。',
    fresh: (left) => `由缓存直接提供：还能保持新鲜 ${left}。`,
    staleOk: '由缓存提供过期副本：请求的 max-stale 接受它。',
    staleWhileRevalidate: (left) => `立即提供过期副本，同时在后台重新验证（stale-while-revalidate，还剩 ${left}）。`,
    validate: '先验证：缓存去问源站（如果响应带有 ETag 或 Last-Modified，就发条件请求）。',
    storable: '可存储（RFC 9111 §3）',
    lifetime: '新鲜期（§4.2.1）',
    heuristic: ' —— 启发式，取 Date − Last-Modified 的 10 %（§4.2.2）',
    age: '当前年龄（§4.2.3）',
    isFresh: '新鲜吗？',
    yes: '是',
    no: '否',
    staleBy: (by) => `否，已过期 ${by}`,
    originFails: '源站故障时（RFC 5861 §4）',
    serveStale: (left) => `还可提供过期副本 ${left}`,
    staleIfErrorOver: 'stale-if-error 窗口已过',
    problem: (p) => `${p.in === 'response' ? '响应' : '请求'}：第 ${p.line} 行不是 “Name: value” 格式：${p.text}`,
  },
};

/** The verdict in one sentence, for the live region. */
export function verdict(d: Decision, locale: Locale = 'en'): string {
  const w = DECISION_WORDS[locale];
  if (!d.storable) return w.notStored;
  if (d.reuse === 'fresh') return w.fresh(secs(d.lifetime - d.age));
  if (d.reuse === 'stale-ok') return w.staleOk;
  if (d.swr !== undefined && d.swr >= 0) return w.staleWhileRevalidate(secs(d.swr));
  return w.validate;
}

/** The result as HTML (every value escaped). */
export function renderDecision(d: Decision, locale: Locale = 'en'): string {
  const w = DECISION_WORDS[locale];
  const rows: [string, string][] = [
    [w.storable, d.storable ? w.yes : w.no],
    [w.lifetime, d.storable ? `${secs(d.lifetime)}${d.heuristic ? w.heuristic : ''}` : '—'],
    [w.age, d.storable ? secs(d.age) : '—'],
    [w.isFresh, d.storable ? (d.lifetime > d.age ? w.yes : w.staleBy(secs(d.age - d.lifetime))) : '—'],
  ];
  if (d.storable && d.sie !== undefined) rows.push([w.originFails, d.sie >= 0 ? w.serveStale(secs(d.sie)) : w.staleIfErrorOver]);
  const problems = d.problems.length ? `<ul class="cd-problems">${d.problems.map((p) => `<li>${escape(w.problem(p))}</li>`).join('')}</ul>` : '';
  return (
    `<p class="cd-verdict"><strong>${escape(verdict(d, locale))}</strong></p>` +
    `<dl class="cd-facts">${rows.map(([k, v]) => `<div><dt>${escape(k)}</dt><dd>${escape(v)}</dd></div>`).join('')}</dl>` +
    problems
  );
}
