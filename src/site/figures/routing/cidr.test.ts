import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoutingTable } from '../../../../labs/routing/solution/routing-table.ts';
import {
  calculate,
  escapeHtml,
  firstDifferentBit,
  formatAddress,
  lookup,
  maskOf,
  parseAddress,
  parseTable,
  prefixLengthOf,
  resultHtml,
  summary,
  toBinary,
} from './cidr.ts';
import { CIDR_EXAMPLE_ADDRESSES, exampleLookup, exampleRoutes, exampleTableAsIpRoute, ROUTE_N_EXAMPLE } from './routing-examples.ts';

const addr = (text: string) => {
  const value = parseAddress(text);
  if (value === undefined) throw new Error(`bad address in test: ${text}`);
  return value;
};

describe('addresses, masks and bits', () => {
  it('parses dotted quads and nothing else', () => {
    expect(parseAddress('203.0.113.10')).toBe(0xcb00710a);
    expect(parseAddress(' 0.0.0.0 ')).toBe(0);
    expect(parseAddress('255.255.255.255')).toBe(0xffffffff);
    for (const bad of ['', '1.2.3', '1.2.3.4.5', '256.0.0.1', '1.2.3.x', '1..2.3', '-1.2.3.4', '1.2.3.4/24']) {
      expect(parseAddress(bad), bad).toBeUndefined();
    }
  });

  it('formats what it parses', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => parseAddress(formatAddress(n)) === n));
  });

  it('turns prefix lengths into masks and back, including /0 and /32', () => {
    expect(maskOf(0)).toBe(0);
    expect(maskOf(8)).toBe(0xff000000);
    expect(maskOf(20)).toBe(0xfffff000);
    expect(maskOf(32)).toBe(0xffffffff);
    for (let n = 0; n <= 32; n++) expect(prefixLengthOf(maskOf(n))).toBe(n);
    expect(prefixLengthOf(addr('255.0.255.0'))).toBeUndefined();
    expect(() => maskOf(33)).toThrow(RangeError);
  });

  it('writes 32 bits as four dotted octets', () => {
    expect(toBinary(addr('10.20.30.40'))).toBe('00001010.00010100.00011110.00101000');
  });

  it('finds the first bit where two addresses differ, counting from 1 at the left', () => {
    expect(firstDifferentBit(addr('10.20.30.40'), addr('10.20.30.40'))).toBeUndefined();
    expect(firstDifferentBit(addr('10.0.0.0'), addr('192.0.0.0'))).toBe(1);
    expect(firstDifferentBit(addr('10.20.30.40'), addr('10.20.31.0'))).toBe(24);
  });
});

describe('reading a routing table', () => {
  it('reads route -n output exactly as the routing lab’s own parser does', () => {
    const mine = parseTable(ROUTE_N_EXAMPLE);
    expect(mine.problems).toEqual([]);
    expect(mine.routes.map((r) => [formatAddress(r.network), r.prefixLength, r.gateway, r.device, r.metric])).toEqual(
      exampleRoutes().map((r) => [r.prefix, r.prefixLength, r.nextHop, r.interface, r.metric]),
    );
  });

  it('reads the same table in ip route form to the same routes', () => {
    const fromIpRoute = parseTable(exampleTableAsIpRoute());
    expect(fromIpRoute.problems).toEqual([]);
    expect(fromIpRoute.routes.map(({ source: _, ...r }) => r)).toEqual(parseTable(ROUTE_N_EXAMPLE).routes.map(({ source: _, ...r }) => r));
  });

  it('reads real ip route lines, ignoring what does not affect the lookup', () => {
    const { routes, problems } = parseTable(
      [
        'default via 192.168.1.1 dev wlan0 proto dhcp src 192.168.1.23 metric 600',
        '10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink',
        '192.168.1.0/24 dev wlan0 proto kernel scope link src 192.168.1.23 metric 600',
        'blackhole 10.99.0.0/16',
        '203.0.113.7 via 192.168.1.70 dev wlan0',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(routes.map((r) => [formatAddress(r.network), r.prefixLength, r.gateway, r.device, r.metric])).toEqual([
      ['0.0.0.0', 0, '192.168.1.1', 'wlan0', 600],
      ['10.244.1.0', 24, '10.244.1.0', 'flannel.1', 0],
      ['192.168.1.0', 24, undefined, 'wlan0', 600],
      ['10.99.0.0', 16, undefined, '', 0],
      ['203.0.113.7', 32, '192.168.1.70', 'wlan0', 0],
    ]);
  });

  it('reports lines it cannot read, with their number and why, and keeps the rest', () => {
    const { routes, problems } = parseTable('default via 192.0.2.1 dev eth0\n10.1.2.3/8 dev eth0\nnonsense here\n10.0.0.0 0.0.0.0 255.0.255.0 U 0 0 0 eth0\n');
    expect(routes).toHaveLength(1);
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(problems[0]!.message).toContain('the network is 10.0.0.0/8');
    expect(problems[2]!.message).toContain('not contiguous');
  });
});

describe('longest-prefix match', () => {
  const { routes } = parseTable(ROUTE_N_EXAMPLE);

  it('picks what the routing lab’s RoutingTable picks, for every example and for random addresses', () => {
    const check = (address: string) => {
      const chosen = lookup(addr(address), routes).chosen?.route;
      const lab = exampleLookup(address);
      expect([chosen && formatAddress(chosen.network), chosen?.prefixLength, chosen?.gateway, chosen?.metric], address).toEqual([
        lab?.prefix,
        lab?.prefixLength,
        lab?.nextHop,
        lab?.metric,
      ]);
    };
    for (const { address } of CIDR_EXAMPLE_ADDRESSES) check(address);
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.constantFrom('10.20.30.1', '10.20.1.1', '10.1.1.1', '203.0.113.7', '203.0.113.8', '192.0.2.99')), (address) => {
        check(address);
      }),
      { numRuns: 300 },
    );
  });

  it('prefers the longer prefix, then the lower metric, then the earlier route', () => {
    const table = parseTable('default via 192.0.2.1 dev a metric 600\ndefault via 192.0.2.2 dev b metric 100\n10.0.0.0/8 via 192.0.2.3 dev c\n10.0.0.0/8 via 192.0.2.4 dev d').routes;
    expect(lookup(addr('8.8.8.8'), table).chosen?.route.device).toBe('b');
    expect(lookup(addr('10.1.1.1'), table).chosen?.route.device).toBe('c');
  });

  it('answers no route when nothing matches', () => {
    const result = lookup(addr('8.8.8.8'), parseTable('10.0.0.0/8 dev eth0').routes);
    expect(result.chosen).toBeUndefined();
    expect(summary(result)).toContain('No route');
  });

  it('agrees with the lab on random tables', () => {
    const route = fc.record({ address: fc.integer({ min: 0, max: 0xffffffff }), length: fc.integer({ min: 0, max: 32 }), metric: fc.integer({ min: 0, max: 3 }) });
    fc.assert(
      fc.property(fc.array(route, { maxLength: 12 }), fc.integer({ min: 0, max: 0xffffffff }), (specs, address) => {
        const lines = specs.map((s, i) => `${formatAddress((s.address & maskOf(s.length)) >>> 0)}/${s.length} via 192.0.2.${i + 1} dev if${i} metric ${s.metric}`);
        const table = parseTable(lines.join('\n'));
        const lab = new RoutingTable();
        // The lab's table lets a later route with the same prefix and metric replace an earlier one; ours keeps the first, so skip those.
        const seen = new Set<string>();
        const kept = table.routes.filter((r) => {
          const key = `${r.network}/${r.prefixLength}/${r.metric}`;
          if (seen.has(key)) return false;
          seen.add(key);
          lab.addRoute({ prefix: formatAddress(r.network), prefixLength: r.prefixLength, nextHop: r.gateway, interface: r.device, metric: r.metric });
          return true;
        });
        const mine = lookup(address, kept).chosen?.route.device;
        expect(mine).toBe(lab.lookup(formatAddress(address))?.interface);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the result the calculator shows', () => {
  const table = exampleTableAsIpRoute();

  it('shows the chosen route and the AND in binary, with the network bits marked', () => {
    const { html, announcement } = calculate('10.20.30.40', table);
    expect(html).toContain('10.20.30.0/24');
    expect(html).toContain('<mark>00001010</mark>.<mark>00010100</mark>.<mark>00011110</mark>.00101000');
    expect(html).toContain('<mark>11111111</mark>.<mark>11111111</mark>.<mark>11111111</mark>.00000000');
    expect(html).toContain('yes — chosen');
    expect(announcement).toBe('5 of 8 routes match 10.20.30.40. Longest prefix: 10.20.30.0/24, so the datagram goes to the gateway 192.0.2.40, out of veth-a.');
  });

  it('marks a prefix boundary inside an octet', () => {
    const { html } = calculate('172.20.1.1', '172.16.0.0/12 dev eth0');
    expect(html).toContain('<mark>10101100</mark>.<mark>0001</mark>0100.00000001.00000001');
  });

  it('says why each other route lost', () => {
    const { html } = calculate('8.8.8.8', table);
    expect(html).toContain('yes, but a higher metric');
    expect(html).toContain('no, differs at bit');
    expect(calculate('10.20.30.40', table).html).toContain('yes, but a shorter prefix');
  });

  it('explains a bad address instead of failing', () => {
    const { html, announcement } = calculate('10.20.300.1', table);
    expect(announcement).toContain('is not an IPv4 address');
    expect(html).toContain('cc-error');
  });

  it('escapes whatever the user typed', () => {
    const { html } = calculate('<b>', table);
    expect(html).not.toContain('<b>');
    const withBadLine = calculate('10.0.0.1', '<img src=x onerror=alert(1)>\n10.0.0.0/8 dev "eth0"');
    expect(withBadLine.html).not.toMatch(/<img/);
    expect(withBadLine.html).toContain('&#60;img');
    expect(escapeHtml(`&<>"'`)).toBe('&#38;&#60;&#62;&#34;&#39;');
    expect(resultHtml(lookup(0, []))).toContain('no route matches');
  });
});

describe('the calculator in Chinese', () => {
  it('says what it found, and why a line was left out, in Chinese with the same numbers', () => {
    const { html, announcement } = calculate('10.20.30.40', 'default via 192.0.2.1 dev eth0\n10.20.30.0/24 via 192.0.2.40 dev veth-a\n10.1.2.3/8 dev x', 'zh-cn');
    expect(announcement).toBe('2 条路由中有 2 条匹配 10.20.30.40。最长前缀是 10.20.30.0/24，所以数据报交给网关 192.0.2.40，从 veth-a 发出。有 1 行未计入路由表。');
    expect(html).toContain('10.1.2.3/8 的主机位不为零：它所在的网络是 10.0.0.0/8');
    expect(html).not.toMatch(/>[^<]*(host bits|chosen|Every route|mask)/);
    expect(calculate('10.20.30', '', 'zh-cn').announcement).toContain('不是 IPv4 地址');
  });
});
