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

/** The fixed moment the reader's response "arrives" when it has no valid Date field. */
export const ARRIVAL = Date.UTC(2026, 0, 15, 12, 0, 0);

/** Header fields read from text, one `Name: value` a line; an optional first line `HTTP/1.1 404` sets the status. */
export interface ParsedHeaders {
  readonly status: number;
  readonly fields: Fields;
  readonly problems: readonly string[];
}

/** Reads `Name: value` lines (repeated names joined with ", ", as RFC 9110 §5.3 allows). */
export function parseHeaderText(text: string): ParsedHeaders {
  const fields: Record<string, string> = {};
  const problems: string[] = [];
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
      problems.push(`line ${i + 1} is not "Name: value": ${line}`);
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
  readonly problems: readonly string[];
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
    problems: [...res.problems.map((p) => `response: ${p}`), ...req.problems.map((p) => `request: ${p}`)],
  };
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);
const secs = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(1)} s`;

/** The verdict in one sentence, for the live region. */
export function verdict(d: Decision): string {
  if (!d.storable) return 'Not stored: a shared cache passes this response on and keeps nothing.';
  if (d.reuse === 'fresh') return `Served from the cache: fresh for another ${secs(d.lifetime - d.age)}.`;
  if (d.reuse === 'stale-ok') return 'Served stale from the cache: the request’s max-stale accepts it.';
  if (d.swr !== undefined && d.swr >= 0) return `Served stale at once, revalidated in the background (stale-while-revalidate, ${secs(d.swr)} left).`;
  return 'Validated first: the cache asks the origin (a conditional request if the response has an ETag or Last-Modified).';
}

/** The result as HTML (every value escaped). */
export function renderDecision(d: Decision): string {
  const rows: [string, string][] = [
    ['Storable (RFC 9111 §3)', d.storable ? 'yes' : 'no'],
    ['Freshness lifetime (§4.2.1)', d.storable ? `${secs(d.lifetime)}${d.heuristic ? ' — heuristic, 10 % of Date − Last-Modified (§4.2.2)' : ''}` : '—'],
    ['Current age (§4.2.3)', d.storable ? secs(d.age) : '—'],
    ['Fresh?', d.storable ? (d.lifetime > d.age ? 'yes' : `no, stale by ${secs(d.age - d.lifetime)}`) : '—'],
  ];
  if (d.storable && d.sie !== undefined) rows.push(['If the origin fails (RFC 5861 §4)', d.sie >= 0 ? `serve stale for ${secs(d.sie)} more` : 'stale-if-error window over']);
  const problems = d.problems.length ? `<ul class="cd-problems">${d.problems.map((p) => `<li>${escape(p)}</li>`).join('')}</ul>` : '';
  return (
    `<p class="cd-verdict"><strong>${escape(verdict(d))}</strong></p>` +
    `<dl class="cd-facts">${rows.map(([k, v]) => `<div><dt>${escape(k)}</dt><dd>${escape(v)}</dd></div>`).join('')}</dl>` +
    problems
  );
}
