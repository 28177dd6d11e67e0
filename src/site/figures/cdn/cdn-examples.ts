/**
 * Worked numbers the CDN chapter quotes, computed by the lab's reference code
 * at build time: the Age calculation of RFC 9111 §4.2.3 term by term, and a
 * heuristic freshness lifetime (§4.2.2).
 */
import { currentAge } from '../../../../labs/cdn/solution/age.ts';
import { freshnessLifetime } from '../../../../labs/cdn/solution/freshness.ts';

const NOON = Date.UTC(2026, 0, 15, 12, 0, 0);
const clock = (ms: number) => new Date(ms).toISOString().slice(11, 23);

/** The edge asks at noon; the shield's answer (Age 30, origin Date 31 s earlier) arrives 400 ms later; a shopper asks 20 s after that. */
export function ageExample() {
  const requestTime = NOON;
  const responseTime = NOON + 400;
  const date = NOON - 31_000;
  const now = responseTime + 20_000;
  const ageValue = 30;
  const response = { status: 200, headers: { date: new Date(date).toUTCString(), age: String(ageValue), 'cache-control': 'max-age=60' }, body: '' };
  const apparentAge = Math.max(0, responseTime - date) / 1000;
  const responseDelay = (responseTime - requestTime) / 1000;
  const correctedAgeValue = ageValue + responseDelay;
  const age = currentAge(response, { requestTime, responseTime }, now);
  return {
    requestTime: clock(requestTime),
    responseTime: clock(responseTime),
    now: clock(now),
    dateField: response.headers.date,
    ageValue,
    apparentAge,
    responseDelay,
    correctedAgeValue,
    correctedInitialAge: Math.max(apparentAge, correctedAgeValue),
    residentTime: (now - responseTime) / 1000,
    currentAge: Math.round(age * 1000) / 1000,
    ageField: Math.floor(age),
    lifetime: freshnessLifetime(response, responseTime).seconds,
  };
}

/** A response with Last-Modified three days before its Date and no explicit lifetime. */
export function heuristicExample() {
  const lastModified = NOON - 3 * 86_400_000;
  const response = { status: 200, headers: { date: new Date(NOON).toUTCString(), 'last-modified': new Date(lastModified).toUTCString() }, body: '' };
  const { seconds } = freshnessLifetime(response, NOON);
  return { date: response.headers.date, lastModified: response.headers['last-modified'], seconds, hours: seconds / 3600 };
}
