/**
 * Stage cache-control: parsing the Cache-Control field as RFC 9111 §5.2 and
 * RFC 9110 §5.6 define it. Expected values come from the RFC's grammar, not
 * from any parser.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deltaSeconds, parseCacheControl } from '@impl/cache-control.ts';
import { MAX_DELTA_SECONDS } from '@impl/cache-types.ts';

/** The directives as a plain object, in the order parsed. */
function parsed(value: string | undefined): Record<string, string | true> {
  return Object.fromEntries(parseCacheControl(value));
}

describe('directives and arguments (RFC 9111 §5.2)', () => {
  it('an absent field has no directives', () => {
    expect(parsed(undefined)).toEqual({});
  });

  it('reads directives without and with arguments', () => {
    expect(parsed('public, max-age=60, stale-while-revalidate=30')).toEqual({ public: true, 'max-age': '60', 'stale-while-revalidate': '30' });
  });

  it('directive names are case-insensitive: they come out lower-cased (§5.2)', () => {
    expect(parsed('Max-Age=60, NO-STORE')).toEqual({ 'max-age': '60', 'no-store': true });
  });

  it('arguments keep their case', () => {
    expect(parsed('private="Set-Cookie"')).toEqual({ private: 'Set-Cookie' });
  });

  it('tolerates optional whitespace around list members (RFC 9110 §5.6.1)', () => {
    expect(parsed('  no-cache ,\tmax-age=5  ')).toEqual({ 'no-cache': true, 'max-age': '5' });
  });

  it('skips empty list members (RFC 9110 §5.6.1: "a recipient MUST accept empty list elements")', () => {
    expect(parsed(',, max-age=5 ,,public,')).toEqual({ 'max-age': '5', public: true });
  });

  it('an argument with nothing after "=" is an empty string (and so an invalid number later)', () => {
    expect(parsed('max-age=')).toEqual({ 'max-age': '' });
  });
});

describe('quoted strings (RFC 9110 §5.6.4)', () => {
  it('removes the quotes: max-age="5" means max-age=5 (§5.2: recipients accept both forms)', () => {
    expect(parsed('max-age="5"')).toEqual({ 'max-age': '5' });
  });

  it('a comma inside a quoted string does not split the list', () => {
    expect(parsed('no-cache="set-cookie, x-token", max-age=10')).toEqual({ 'no-cache': 'set-cookie, x-token', 'max-age': '10' });
  });

  it('a backslash escapes the next character (quoted-pair)', () => {
    expect(parsed('ext="a\\"b\\\\c", public')).toEqual({ ext: 'a"b\\c', public: true });
  });

  it('an unterminated quoted string drops that directive and everything after it', () => {
    expect(parsed('public, no-cache="set-cookie, max-age=10')).toEqual({ public: true });
  });

  it('text after a closing quote, up to the next comma, is ignored', () => {
    expect(parsed('private="x"y, max-age=3')).toEqual({ private: 'x', 'max-age': '3' });
  });
});

describe('duplicates and malformed members', () => {
  it('when a directive repeats, the first occurrence counts (§4.2.1)', () => {
    expect(parsed('max-age=10, max-age=600')).toEqual({ 'max-age': '10' });
  });

  it('repeats in other case are the same directive', () => {
    expect(parsed('max-age=10, MAX-AGE=600')).toEqual({ 'max-age': '10' });
  });

  it('two field lines joined by ", " are one list (RFC 9110 §5.3)', () => {
    expect(parsed('public, max-age=10' + ', ' + 's-maxage=30')).toEqual({ public: true, 'max-age': '10', 's-maxage': '30' });
  });

  it('a member whose name is not a token is ignored', () => {
    expect(parsed('=5, "quoted", max age=4, no-store')).toEqual({ 'no-store': true });
  });
});

describe('delta-seconds (RFC 9111 §1.2.2)', () => {
  const of = (value: string, name = 'max-age') => deltaSeconds(parseCacheControl(value), name);

  it('is undefined when the directive is absent', () => {
    expect(of('public')).toBeUndefined();
  });

  it('reads a non-negative whole number', () => {
    expect(of('max-age=0')).toBe(0);
    expect(of('max-age=86400')).toBe(86400);
    expect(of('max-age="120"')).toBe(120);
    expect(of('s-maxage=007', 's-maxage')).toBe(7);
  });

  it('is invalid with no argument, a sign, a fraction, spaces or letters', () => {
    for (const value of ['max-age', 'max-age=', 'max-age=-1', 'max-age=+5', 'max-age=1.5', 'max-age=5 6', 'max-age=abc', 'max-age=1e3']) {
      expect(of(value), value).toBe('invalid');
    }
  });

  it('a value too large for the cache is taken as 2^31 (§1.2.2)', () => {
    expect(MAX_DELTA_SECONDS).toBe(2147483648);
    expect(of('max-age=2147483648')).toBe(2147483648);
    expect(of('max-age=99999999999999999999')).toBe(2147483648);
    expect(of('max-age=2147483647')).toBe(2147483647);
  });

  it('any whole number in range reads back as itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_DELTA_SECONDS }), fc.boolean(), (n, quoted) => {
        expect(of(quoted ? `max-age="${n}"` : `max-age=${n}`)).toBe(n);
      }),
    );
  });
});

describe('robustness', () => {
  it('never throws, and every name it returns is a lower-case token', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'M', '-', '=', ',', '"', '\\', ' ', '5', '\t') }), (value) => {
        for (const name of parseCacheControl(value).keys()) expect(name).toMatch(/^[!#$%&'*+\-.^_`|~0-9a-z]+$/);
      }),
    );
  });
});
