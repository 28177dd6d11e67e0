/**
 * Stage routing-table: CIDR prefixes (RFC 4632 §3.1), longest-prefix match
 * (RFC 1812 §5.2.4.3) and reading a real `route -n` table.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inPrefix, maskToPrefixLength, parseCidr, prefixMask } from '@impl/cidr.ts';
import { parseRouteN } from '@impl/route-n.ts';
import { RoutingTable } from '@impl/routing-table.ts';
import { formatCidr, type Route } from '@impl/route-types.ts';
import { errorOf, same } from './fixtures/harness.ts';
import { REAL_ROUTE_N, TYPICAL_ROUTE_N } from './fixtures/real-bytes.ts';

const SEE_LPM = 'RFC 1812 §5.2.4.3 (longest match)';
const SEE_CIDR = 'RFC 4632 §3.1 (CIDR prefixes)';

/** Runs `fn` and returns the error it throws, or fails saying what should have been thrown and why. */
function thrown(fn: () => unknown, why: string): unknown {
  let value: unknown;
  try {
    value = fn();
  } catch (error) {
    return error;
  }
  throw new Error(`expected a RangeError — ${why} — but it returned ${JSON.stringify(value)}`);
}

function expectRangeError(fn: () => unknown, why: string): void {
  const error = thrown(fn, why);
  expect(error, `expected a RangeError — ${why}`).toBeInstanceOf(RangeError);
}

/** A table from routes given as [cidr, nextHop or undefined, interface, metric?]. */
function table(rows: [string, string | undefined, string, number?][]): RoutingTable {
  const t = new RoutingTable();
  for (const [cidr, nextHop, iface, metric] of rows) {
    const [prefix, length] = cidr.split('/');
    t.addRoute({ prefix: prefix!, prefixLength: Number(length), nextHop, interface: iface, ...(metric === undefined ? {} : { metric }) });
  }
  return t;
}

/** A route's lookup result as "10.0.0.0/8 via 192.0.2.20 dev eth0", or "no route". */
function show(route: Route | undefined): string {
  if (route === undefined) return 'no route';
  return `${route.prefix}/${route.prefixLength} ${route.nextHop === undefined ? 'direct' : `via ${route.nextHop}`} dev ${route.interface}${route.metric ? ` metric ${route.metric}` : ''}`;
}

describe('CIDR prefixes', () => {
  it('turns a prefix length into a netmask, as an unsigned 32-bit number, including /0 and /32', () => {
    const masks = [0, 1, 8, 16, 24, 25, 31, 32].map((n) => [n, prefixMask(n)]);
    expect(masks, `${SEE_CIDR}: the mask has prefixLength one bits from the top. JavaScript shifts count modulo 32 and the top bit makes numbers negative unless you >>> 0`).toEqual([
      [0, 0],
      [1, 0x80000000],
      [8, 0xff000000],
      [16, 0xffff0000],
      [24, 0xffffff00],
      [25, 0xffffff80],
      [31, 0xfffffffe],
      [32, 0xffffffff],
    ]);
  });

  it('parses "10.0.0.0/8", "0.0.0.0/0" and "203.0.113.7/32"', () => {
    expect([parseCidr('10.0.0.0/8'), parseCidr('0.0.0.0/0'), parseCidr('203.0.113.7/32')], SEE_CIDR).toEqual([
      { prefix: '10.0.0.0', prefixLength: 8 },
      { prefix: '0.0.0.0', prefixLength: 0 },
      { prefix: '203.0.113.7', prefixLength: 32 },
    ]);
  });

  it('rejects a prefix with host bits set, a length above 32 and text that is not address/length', () => {
    expectRangeError(() => parseCidr('10.0.0.1/8'), '10.0.0.1/8 has a host bit set, so it names no network (ip route refuses it too)');
    expectRangeError(() => parseCidr('192.0.2.128/24'), '192.0.2.128/24 has a host bit set');
    expectRangeError(() => parseCidr('10.0.0.0/33'), 'an IPv4 prefix is at most 32 bits');
    expectRangeError(() => parseCidr('10.0.0.0'), 'there is no /length');
    expectRangeError(() => parseCidr('10.0.0/8'), '10.0.0 is not a dotted quad');
    expectRangeError(() => parseCidr('256.0.0.0/8'), '256 is not an octet');
    expectRangeError(() => parseCidr('0.0.0.0/33'), '0.0.0.0 has no host bits to set, so only the length check refuses /33');
    expectRangeError(() => parseCidr('x10.0.0.0/8'), 'the whole text must be address/length, with nothing before it');
    expectRangeError(() => parseCidr('10.0.0.0/8x'), 'nothing after the length either');
  });

  it('formats a prefix as address/length, and says in each error what was wrong', () => {
    expect([formatCidr({ prefix: '10.0.0.0', prefixLength: 8 }), formatCidr({ prefix: '0.0.0.0', prefixLength: 0 })], SEE_CIDR).toEqual(['10.0.0.0/8', '0.0.0.0/0']);
    const message = (fn: () => unknown) => String((errorOf(fn) as Error | undefined)?.message);
    expect(message(() => parseCidr('10.0.0.1/8')), 'a host-bits error names the network meant').toMatch(/10\.0\.0\.0\/8/);
    expect(message(() => parseCidr('10.0.0.0')), 'a syntax error quotes the text').toMatch(/"10\.0\.0\.0"/);
    expect(message(() => prefixMask(40)), 'a length error gives the length').toMatch(/40/);
    expect(message(() => maskToPrefixLength('255.0.255.0')), 'a netmask error quotes the netmask').toMatch(/255\.0\.255\.0/);
    const route = { prefix: '10.0.0.0', prefixLength: 8, interface: 'eth0' };
    expect(message(() => new RoutingTable().addRoute({ ...route, nextHop: 'gw' })), 'the bad next hop').toMatch(/"gw"/);
    expect(message(() => new RoutingTable().addRoute({ ...route, metric: -3 })), 'the bad metric').toMatch(/-3/);
    expect(message(() => new RoutingTable().addRoute({ ...route, interface: '' })), 'the missing interface').toMatch(/interface/);
  });

  it('turns only a whole number from 0 to 32 into a mask', () => {
    for (const length of [33, -1, 8.5, 64]) expectRangeError(() => prefixMask(length), `prefixMask(${length}): JavaScript would shift by ${length} mod 32 and return a mask for a length that does not exist`);
  });

  it('refuses an address with a leading zero, 010.0.0.1, as the layers lab does: inet_aton would read it as octal 8.0.0.1', () => {
    expectRangeError(() => parseCidr('010.0.0.0/8'), 'ipv4-address.ts: no leading zeros');
    expectRangeError(() => new RoutingTable().lookup('10.0.0.01'), 'a destination with a leading zero is refused, not routed as 10.0.0.1');
    const row = 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n010.0.0.0       0.0.0.0         255.0.0.0       U     0      0        0 eth0\n';
    expect((thrown(() => parseRouteN(row), '010.0.0.0 is not an address') as Error).message, 'route -n: the error names line 2').toMatch(/line 2/);
  });

  it('tells whether an address is in a prefix by comparing its first prefixLength bits', () => {
    const cases: [string, string, number, boolean][] = [
      ['10.255.255.255', '10.0.0.0', 8, true],
      ['11.0.0.0', '10.0.0.0', 8, false],
      ['192.0.2.127', '192.0.2.0', 25, true],
      ['192.0.2.128', '192.0.2.0', 25, false],
      ['255.255.255.255', '0.0.0.0', 0, true],
      ['203.0.113.7', '203.0.113.7', 32, true],
      ['203.0.113.6', '203.0.113.7', 32, false],
      ['128.0.0.1', '128.0.0.0', 1, true],
      ['127.255.255.255', '128.0.0.0', 1, false],
    ];
    const got = cases.map(([address, prefix, length]) => `${address} in ${prefix}/${length}: ${inPrefix(address, prefix, length)}`);
    expect(got, `${SEE_CIDR}: (address AND mask) == (prefix AND mask)`).toEqual(cases.map(([a, p, l, want]) => `${a} in ${p}/${l}: ${want}`));
  });

  it('reads a netmask as a prefix length, and rejects one whose one bits are not contiguous', () => {
    const masks = ['255.255.255.0', '0.0.0.0', '255.255.255.255', '255.255.255.128', '255.0.0.0', '254.0.0.0'];
    expect(masks.map(maskToPrefixLength), 'the number of leading one bits (route -n prints masks, not lengths)').toEqual([24, 0, 32, 25, 8, 7]);
    expectRangeError(() => maskToPrefixLength('255.0.255.0'), 'ones, then zeros, then ones again is no prefix length: a CIDR prefix (RFC 4632 §3.1) is its leading bits');
    expectRangeError(() => maskToPrefixLength('0.255.255.255'), 'a mask starts with its one bits');
  });

  it('maps every length to a mask and back', () => {
    const dotted = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 32 }), (length) => maskToPrefixLength(dotted(prefixMask(length))) === length),
      { numRuns: 100, includeErrorInReport: true },
    );
  });
});

describe('RoutingTable: longest-prefix match', () => {
  it('finds nothing in an empty table, and nothing outside every prefix when there is no default route', () => {
    expect(show(new RoutingTable().lookup('192.0.2.1')), 'an empty table has no route').toBe('no route');
    expect(show(table([['10.0.0.0/8', '192.0.2.1', 'eth0']]).lookup('11.0.0.1')), '11.0.0.1 is outside 10.0.0.0/8 and there is no default').toBe('no route');
  });

  it('sends everything else to the /0 default route', () => {
    const t = table([
      ['0.0.0.0/0', '192.0.2.1', 'eth0'],
      ['10.0.0.0/8', '192.0.2.20', 'eth0'],
    ]);
    expect(['8.8.8.8', '255.255.255.255', '0.0.0.0', '10.1.2.3'].map((a) => `${a}: ${show(t.lookup(a))}`), `${SEE_LPM}: 0.0.0.0/0 contains every address, and loses to any longer match`).toEqual([
      '8.8.8.8: 0.0.0.0/0 via 192.0.2.1 dev eth0',
      '255.255.255.255: 0.0.0.0/0 via 192.0.2.1 dev eth0',
      '0.0.0.0: 0.0.0.0/0 via 192.0.2.1 dev eth0',
      '10.1.2.3: 10.0.0.0/8 via 192.0.2.20 dev eth0',
    ]);
  });

  it('picks the longest of overlapping prefixes: /32 over /24 over /16 over /8 over /0', () => {
    const t = table([
      ['0.0.0.0/0', '192.0.2.1', 'eth0'],
      ['10.0.0.0/8', '192.0.2.8', 'eth0'],
      ['10.20.0.0/16', '192.0.2.16', 'eth1'],
      ['10.20.30.0/24', undefined, 'eth2'],
      ['10.20.30.40/32', '192.0.2.32', 'eth3'],
    ]);
    const destinations = ['10.20.30.40', '10.20.30.41', '10.20.31.1', '10.21.0.1', '11.0.0.1'];
    expect(destinations.map((a) => `${a}: ${show(t.lookup(a))}`), SEE_LPM).toEqual([
      '10.20.30.40: 10.20.30.40/32 via 192.0.2.32 dev eth3',
      '10.20.30.41: 10.20.30.0/24 direct dev eth2',
      '10.20.31.1: 10.20.0.0/16 via 192.0.2.16 dev eth1',
      '10.21.0.1: 10.0.0.0/8 via 192.0.2.8 dev eth0',
      '11.0.0.1: 0.0.0.0/0 via 192.0.2.1 dev eth0',
    ]);
  });

  it('does not depend on the order the routes were added in', () => {
    const rows: [string, string | undefined, string][] = [
      ['10.20.30.40/32', '192.0.2.32', 'eth3'],
      ['10.20.30.0/24', undefined, 'eth2'],
      ['10.0.0.0/8', '192.0.2.8', 'eth0'],
      ['0.0.0.0/0', '192.0.2.1', 'eth0'],
      ['10.20.0.0/16', '192.0.2.16', 'eth1'],
    ];
    const forward = table(rows);
    const backward = table([...rows].reverse());
    const destinations = ['10.20.30.40', '10.20.30.41', '10.20.31.1', '10.21.0.1', '11.0.0.1'];
    expect(destinations.map((a) => show(backward.lookup(a))), `${SEE_LPM}: the longest match wins, not the first or last route added`).toEqual(destinations.map((a) => show(forward.lookup(a))));
  });

  it('returns a directly connected route with no next hop: the datagram goes to the destination itself', () => {
    const t = table([['192.0.2.0/24', undefined, 'eth0']]);
    const route = t.lookup('192.0.2.77');
    expect(route, 'a route added without nextHop').toMatchObject({ prefix: '192.0.2.0', prefixLength: 24, interface: 'eth0' });
    expect(route?.nextHop, 'directly connected: no gateway').toBeUndefined();
  });

  it('breaks a tie between routes for the same prefix and length by the lowest metric, whichever was added first', () => {
    const lowFirst = table([
      ['0.0.0.0/0', '192.0.2.1', 'eth0', 100],
      ['0.0.0.0/0', '198.51.100.1', 'wlan0', 600],
    ]);
    const lowLast = table([
      ['0.0.0.0/0', '198.51.100.1', 'wlan0', 600],
      ['0.0.0.0/0', '192.0.2.1', 'eth0', 100],
    ]);
    const why = 'routing-table.ts: among routes for the same prefix and length, the lowest metric wins (as Linux does with a wired default at 100 and Wi-Fi at 600)';
    expect(show(lowFirst.lookup('8.8.8.8')), why).toBe('0.0.0.0/0 via 192.0.2.1 dev eth0 metric 100');
    expect(show(lowLast.lookup('8.8.8.8')), why).toBe('0.0.0.0/0 via 192.0.2.1 dev eth0 metric 100');
  });

  it('replaces a route when one with the same prefix, length and metric is added: the later one wins', () => {
    const t = table([
      ['10.0.0.0/8', '192.0.2.20', 'eth0'],
      ['192.0.2.0/24', undefined, 'eth0'],
      ['10.0.0.0/8', '192.0.2.30', 'eth1'],
    ]);
    expect(show(t.lookup('10.9.9.9')), 'routing-table.ts: same prefix, length and metric — the later route replaces the earlier (like `ip route replace`)').toBe('10.0.0.0/8 via 192.0.2.30 dev eth1');
    expect(t.routes.map(show), 'the table lists each route once, the replacement in the place of the route it replaced').toEqual(['10.0.0.0/8 via 192.0.2.30 dev eth1', '192.0.2.0/24 direct dev eth0']);
  });

  it('refuses a route whose prefix has host bits set or whose length is not 0–32', () => {
    expectRangeError(() => new RoutingTable().addRoute({ prefix: '10.0.0.1', prefixLength: 8, interface: 'eth0' }), '10.0.0.1/8 has host bits set');
    expectRangeError(() => new RoutingTable().addRoute({ prefix: '10.0.0.0', prefixLength: 33, interface: 'eth0' }), 'a prefix length is at most 32');
  });

  it('refuses a route whose next hop is not an address, whose metric is not a whole number ≥ 0, or that names no interface', () => {
    const base = { prefix: '10.0.0.0', prefixLength: 8, interface: 'eth0' };
    expectRangeError(() => new RoutingTable().addRoute({ ...base, nextHop: 'gateway' }), 'next hop "gateway" is not an IPv4 address');
    expectRangeError(() => new RoutingTable().addRoute({ ...base, metric: -1 }), 'a metric is never negative');
    expectRangeError(() => new RoutingTable().addRoute({ ...base, metric: 1.5 }), 'a metric is a whole number');
    expectRangeError(() => new RoutingTable().addRoute({ ...base, interface: '' }), 'a route leaves by some interface');
    const t = new RoutingTable();
    t.addRoute({ ...base, nextHop: '192.0.2.20', metric: 0 });
    expect(t.routes.length, 'a route with a real next hop and metric 0 is accepted').toBe(1);
  });

  it('agrees with a brute-force search over random tables with overlapping prefixes', () => {
    const octet = fc.constantFrom(0, 1, 10, 20, 128, 192, 255);
    const address = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
    const lengthArb = fc.constantFrom(0, 1, 7, 8, 9, 16, 23, 24, 25, 31, 32);
    const routeArb = fc.record({ address, length: lengthArb, metric: fc.constantFrom(0, 0, 0, 10, 100) });
    const toNumber = (a: string) => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
    const masked = (a: string, length: number) => {
      const n = length === 0 ? 0 : Math.floor(toNumber(a) / 2 ** (32 - length)) * 2 ** (32 - length);
      return [Math.floor(n / 2 ** 24) % 256, Math.floor(n / 2 ** 16) % 256, Math.floor(n / 2 ** 8) % 256, n % 256].join('.');
    };
    fc.assert(
      fc.property(fc.array(routeArb, { maxLength: 30 }), fc.array(address, { minLength: 1, maxLength: 20 }), (rows, destinations) => {
        const t = new RoutingTable();
        const added: Route[] = rows.map((r, i) => ({ prefix: masked(r.address, r.length), prefixLength: r.length, nextHop: `192.0.2.${i}`, interface: `if${i}`, metric: r.metric }));
        for (const route of added) t.addRoute(route);
        for (const destination of destinations) {
          // The model: every route that contains the destination; longest, then lowest metric, then the one added last.
          let best: Route | undefined;
          for (const r of added) {
            if (masked(destination, r.prefixLength) !== r.prefix) continue;
            if (best === undefined || r.prefixLength > best.prefixLength || (r.prefixLength === best.prefixLength && (r.metric! < best.metric! || (r.metric === best.metric && r.prefix === best.prefix)))) best = r;
          }
          same(show(t.lookup(destination)), show(best), `lookup(${destination}) in a table of ${added.length} routes: ${added.map(show).join('; ')} (${SEE_LPM})`);
        }
      }),
      { numRuns: 300, includeErrorInReport: true },
    );
  });
});

describe('route -n', () => {
  it('reads a real route -n table, gateway or direct, prefix length from Genmask, metric and interface', () => {
    expect(parseRouteN(REAL_ROUTE_N).map(show), 'each row: Destination/Genmask; Gateway when the flags have G; Metric; Iface').toEqual([
      '0.0.0.0/0 via 192.0.2.1 dev veth-a metric 100',
      '0.0.0.0/0 via 198.51.100.1 dev lan0 metric 600',
      '10.0.0.0/8 via 192.0.2.20 dev veth-a',
      '10.20.0.0/16 via 198.51.100.30 dev lan0',
      '10.20.30.0/24 via 192.0.2.40 dev veth-a',
      '192.0.2.0/24 direct dev veth-a',
      '198.51.100.0/24 direct dev lan0',
      '203.0.113.7/32 via 198.51.100.70 dev lan0',
    ]);
  });

  it('routes by the real table as the kernel would', () => {
    const t = new RoutingTable();
    for (const route of parseRouteN(REAL_ROUTE_N)) t.addRoute(route);
    const destinations = ['10.20.30.5', '10.20.99.1', '10.1.1.1', '203.0.113.7', '203.0.113.8', '192.0.2.77', '198.51.100.9', '8.8.8.8'];
    expect(destinations.map((a) => `${a}: ${show(t.lookup(a))}`), `${SEE_LPM}; the default with metric 100 beats the one with 600`).toEqual([
      '10.20.30.5: 10.20.30.0/24 via 192.0.2.40 dev veth-a',
      '10.20.99.1: 10.20.0.0/16 via 198.51.100.30 dev lan0',
      '10.1.1.1: 10.0.0.0/8 via 192.0.2.20 dev veth-a',
      '203.0.113.7: 203.0.113.7/32 via 198.51.100.70 dev lan0',
      '203.0.113.8: 0.0.0.0/0 via 192.0.2.1 dev veth-a metric 100',
      '192.0.2.77: 192.0.2.0/24 direct dev veth-a',
      '198.51.100.9: 198.51.100.0/24 direct dev lan0',
      '8.8.8.8: 0.0.0.0/0 via 192.0.2.1 dev veth-a metric 100',
    ]);
  });

  it('keeps a G route whose gateway is the destination itself (flannel), and reads U rows as directly connected', () => {
    const t = new RoutingTable();
    for (const route of parseRouteN(TYPICAL_ROUTE_N)) t.addRoute(route);
    expect(['10.244.3.17', '172.17.0.2', '192.168.1.50', '1.1.1.1'].map((a) => `${a}: ${show(t.lookup(a))}`), 'the flags decide: G means via the Gateway column, even when it is 10.244.3.0').toEqual([
      '10.244.3.17: 10.244.3.0/24 via 10.244.3.0 dev flannel.1',
      '172.17.0.2: 172.17.0.0/16 direct dev docker0',
      '192.168.1.50: 192.168.1.0/24 direct dev eth0 metric 100',
      '1.1.1.1: 0.0.0.0/0 via 192.168.1.1 dev eth0 metric 100',
    ]);
  });

  it('reads a table pasted with indentation, as it appears in documents', () => {
    const indented = REAL_ROUTE_N.split('\n').map((line) => (line ? `    ${line}` : line)).join('\n');
    expect(parseRouteN(indented).map(show), 'leading spaces on every line change nothing').toEqual(parseRouteN(REAL_ROUTE_N).map(show));
  });

  it('refuses rows whose Destination, Gateway or Genmask is not an address, or whose Metric is not a number', () => {
    const header = 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n';
    const rows = [
      ['10.0.0.x', '0.0.0.0', '255.0.0.0', '0'],
      ['10.0.0.0', 'router', '255.0.0.0', '0'],
      ['10.0.0.0', '0.0.0.0', '255.0.0', '0'],
      ['10.0.0.0', '0.0.0.0', '255.0.0.0', 'x0'],
      ['10.0.0.0', '0.0.0.0', '255.0.0.0', '0x'],
    ];
    for (const [destination, gateway, genmask, metric] of rows) {
      const text = `${header}${destination}  ${gateway}  ${genmask}  U  ${metric}  0  0 eth0\n`;
      const error = thrown(() => parseRouteN(text), `${destination} ${gateway} ${genmask} metric ${metric}`);
      expect(error, `a RangeError for the row ${destination} ${gateway} ${genmask} metric ${metric}`).toBeInstanceOf(RangeError);
      expect((error as Error).message, 'naming line 2').toMatch(/line 2/);
    }
    const long = `${header}10.0.0.0  0.0.0.0  255.0.0.0  U  0  0  0 eth0 extra\n`;
    expect((thrown(() => parseRouteN(long), 'nine columns') as Error).message, 'a row with a ninth column is refused too').toMatch(/line 2/);
  });

  it('names the line of a row it cannot read', () => {
    const bad = 'Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n10.0.0.0        0.0.0.0         255.0.255.0     U     0      0        0 eth0\n';
    const error = thrown(() => parseRouteN(bad), 'Genmask 255.0.255.0 is not contiguous');
    expect(error, 'a RangeError for the bad mask').toBeInstanceOf(RangeError);
    expect((error as Error).message, 'the message should name line 3, where the bad row is').toMatch(/line 3/);
    const short = 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n10.0.0.0        0.0.0.0         255.0.0.0       U     0      0        0\n';
    const missing = thrown(() => parseRouteN(short), 'the row has no Iface column');
    expect((missing as Error).message, 'the message should name line 2').toMatch(/line 2/);
  });
});
