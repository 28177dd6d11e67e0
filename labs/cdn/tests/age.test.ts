/**
 * Stage age: the current age of a stored response (RFC 9111 §4.2.3), worked
 * with numbers by hand, and the reuse decision (§4.2, §4.2.4, §5.2.1).
 */
import { describe, expect, it } from 'vitest';
import { currentAge, reuseDecision } from '@impl/age.ts';
import { T0, get, httpDate, ok } from './fixtures/messages.ts';

const s = (seconds: number) => T0 + seconds * 1000;

describe('current age (RFC 9111 §4.2.3)', () => {
  it('an Age that is not a whole number of seconds counts as 0 (RFC 9111 §5.1)', () => {
    for (const age of ['5x', 'x5', '-5', '2.5']) expect(currentAge(ok({ age }), { requestTime: T0, responseTime: T0 }, s(10)), age).toBe(10);
  });

  it('a response straight from the origin, with no delay, is as old as it has been resident', () => {
    expect(currentAge(ok(), { requestTime: T0, responseTime: T0 }, s(25))).toBe(25);
  });

  it('adds the Age field and the request\u2019s time in flight (corrected_age_value)', () => {
    // Age 30 from the shield, 2 s between sending the request and the response arriving, 10 s resident.
    expect(currentAge(ok({ age: '30' }), { requestTime: s(-2), responseTime: s(0) }, s(10))).toBe(42);
  });

  it('the apparent age from Date wins when it is larger (a cache upstream that sent no Age)', () => {
    // Date says the response left the origin 100 s before it arrived; Age says only 5.
    expect(currentAge(ok({ date: httpDate(-100), age: '5' }), { requestTime: s(-1), responseTime: s(0) }, s(20))).toBe(120);
  });

  it('a Date in the future (clock skew) gives an apparent age of 0, not a negative one', () => {
    expect(currentAge(ok({ date: httpDate(300) }), { requestTime: T0, responseTime: T0 }, s(7))).toBe(7);
    expect(currentAge(ok({ date: httpDate(300), age: '4' }), { requestTime: T0, responseTime: s(1) }, s(7))).toBe(11);
  });

  it('works in milliseconds and returns seconds, fractions included', () => {
    expect(currentAge(ok(), { requestTime: T0, responseTime: T0 + 250 }, T0 + 1750)).toBe(1.75);
  });

  it('an absent or invalid Age counts as 0', () => {
    expect(currentAge(ok({ age: 'old' }), { requestTime: T0, responseTime: T0 }, s(3))).toBe(3);
    expect(currentAge(ok({ age: '-50' }), { requestTime: T0, responseTime: T0 }, s(3))).toBe(3);
  });

  it('a missing Date means no apparent age', () => {
    expect(currentAge({ status: 200, headers: { age: '8' }, body: '' }, { requestTime: T0, responseTime: s(1) }, s(2))).toBe(10);
  });
});

describe('reuse decision (RFC 9111 §4.2, §4.2.4, §5.2.1)', () => {
  const res = (cc?: string) => ok(cc === undefined ? {} : { 'cache-control': cc });
  const req = (cc?: string) => get(cc === undefined ? {} : { 'cache-control': cc });

  it('fresh while the lifetime exceeds the age; stale from the moment they are equal (§4.2)', () => {
    expect(reuseDecision(req(), res('max-age=60'), 60, 59.999)).toBe('fresh');
    expect(reuseDecision(req(), res('max-age=60'), 60, 60)).toBe('validate');
    expect(reuseDecision(req(), res(), 0, 0)).toBe('validate');
  });

  it('no-cache in the response always validates, in either form (§5.2.2.4)', () => {
    expect(reuseDecision(req(), res('no-cache, max-age=600'), 600, 1)).toBe('validate');
    expect(reuseDecision(req(), res('max-age=600, no-cache="set-cookie"'), 600, 1)).toBe('validate');
  });

  it('no-cache in the request validates (§5.2.1.4), and so does Pragma: no-cache without Cache-Control (§5.4)', () => {
    expect(reuseDecision(req('no-cache'), res('max-age=600'), 600, 1)).toBe('validate');
    expect(reuseDecision(get({ pragma: 'no-cache' }), res('max-age=600'), 600, 1)).toBe('validate');
    expect(reuseDecision(get({ pragma: 'x, No-Cache' }), res('max-age=600'), 600, 1)).toBe('validate');
    expect(reuseDecision(get({ pragma: 'no-cache', 'cache-control': 'max-stale' }), res('max-age=600'), 600, 1)).toBe('fresh');
    expect(reuseDecision(get({ pragma: 'no-cache-please' }), res('max-age=600'), 600, 1)).toBe('fresh');
  });

  it("request max-age: validate when the age is above it, serve when it is equal (§5.2.1.1)", () => {
    expect(reuseDecision(req('max-age=30'), res('max-age=600'), 600, 31)).toBe('validate');
    expect(reuseDecision(req('max-age=30'), res('max-age=600'), 600, 30)).toBe('fresh');
    expect(reuseDecision(req('max-age=0'), res('max-age=600'), 600, 0.5)).toBe('validate');
  });

  it('request min-fresh: the response must stay fresh for at least that long (§5.2.1.3)', () => {
    expect(reuseDecision(req('min-fresh=20'), res('max-age=60'), 60, 40)).toBe('fresh');
    expect(reuseDecision(req('min-fresh=20'), res('max-age=60'), 60, 41)).toBe('validate');
  });

  it('request max-stale: stale by no more than the value is accepted (§5.2.1.2)', () => {
    expect(reuseDecision(req('max-stale=10'), res('max-age=60'), 60, 70)).toBe('stale-ok');
    expect(reuseDecision(req('max-stale=10'), res('max-age=60'), 60, 70.5)).toBe('validate');
    expect(reuseDecision(req('max-stale'), res('max-age=60'), 60, 1e6)).toBe('stale-ok');
    expect(reuseDecision(req('max-stale=10'), res('max-age=60'), 60, 30)).toBe('fresh');
  });

  it('never serves stale under must-revalidate, proxy-revalidate or s-maxage, even with max-stale (§4.2.4, §5.2.2.10)', () => {
    for (const cc of ['max-age=60, must-revalidate', 'max-age=60, proxy-revalidate', 's-maxage=60']) {
      expect(reuseDecision(req('max-stale'), res(cc), 60, 61), cc).toBe('validate');
      expect(reuseDecision(req('max-stale'), res(cc), 60, 59), cc).toBe('fresh');
    }
  });

  it('request directives with an invalid argument are ignored', () => {
    expect(reuseDecision(req('max-age=soon'), res('max-age=60'), 60, 10)).toBe('fresh');
    expect(reuseDecision(req('min-fresh=-5'), res('max-age=60'), 60, 10)).toBe('fresh');
    expect(reuseDecision(req('max-stale=lots'), res('max-age=60'), 60, 70)).toBe('validate');
  });

  it('reads directives in any case', () => {
    expect(reuseDecision(req('No-Cache'), res('max-age=60'), 60, 1)).toBe('validate');
    expect(reuseDecision(req(), res('NO-CACHE'), 60, 1)).toBe('validate');
    expect(reuseDecision(req('Max-Stale'), res('max-age=60'), 60, 100)).toBe('stale-ok');
  });
});
