/**
 * Logic for <CidrCalculator>: read a routing table (as `ip route` or
 * `route -n` prints it), test an address against every route the way a
 * router does — address AND mask, compared with the route's prefix — and pick
 * the route longest-prefix match chooses (RFC 1812 §5.2.4.3), lowest metric
 * first among equal prefixes, as Linux does. The same functions render the
 * result at build time (the worked example shown without JavaScript) and in
 * the browser, so both always agree. No lab code here: this runs on the page.
 */
import { escapeHtml } from '../../components/escape-html.ts';

/** One route of the table. */
export interface CalcRoute {
  /** Network address, host bits zero, as a 32-bit unsigned number. */
  network: number;
  /** 0–32. */
  prefixLength: number;
  /** Gateway, dotted; undefined for a directly connected network. */
  gateway: string | undefined;
  /** Interface name, or '' if the line named none. */
  device: string;
  /** Lower wins among routes with the same prefix. */
  metric: number;
  /** The line the route was read from, as typed. */
  source: string;
}

/** A line of the table that could not be read, and why. */
export interface TableProblem {
  /** 1-based line number. */
  line: number;
  text: string;
  message: string;
}

/** The table a user typed: the routes read, and the lines skipped with a reason. */
export interface ParsedTable {
  routes: CalcRoute[];
  problems: TableProblem[];
}

/** How one route relates to the address. */
export interface RouteMatch {
  route: CalcRoute;
  /** Index in the table. */
  index: number;
  /** address AND mask. */
  masked: number;
  /** True when `masked` equals the route's network. */
  matches: boolean;
  /** For a route that does not match, the first bit (1–32, from the left) where address and prefix differ. */
  firstDifference: number | undefined;
}

/** The whole answer for one address and one table. */
export interface Lookup {
  address: number;
  matches: RouteMatch[];
  /** The route longest-prefix match picks; undefined when nothing matches (not even a default route). */
  chosen: RouteMatch | undefined;
}

/** Parses a dotted quad; undefined unless it is exactly four decimal numbers 0–255. */
export function parseAddress(text: string): number | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** A 32-bit number as a dotted quad. */
export function formatAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}

/** The netmask of a prefix length as a 32-bit unsigned number: /24 → 0xffffff00, /0 → 0. */
export function maskOf(prefixLength: number): number {
  if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > 32) throw new RangeError(`a prefix length is 0–32, got ${prefixLength}`);
  // JavaScript shifts count modulo 32, so /0 needs its own case.
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

/** The prefix length of a contiguous netmask (255.255.240.0 → 20), or undefined for one like 255.0.255.0. */
export function prefixLengthOf(mask: number): number | undefined {
  for (let length = 0; length <= 32; length++) if (maskOf(length) === mask) return length;
  return undefined;
}

/** 32 bits as four dot-separated octets of binary digits: "00001010.00010100.00011110.00101000". */
export function toBinary(value: number): string {
  return [24, 16, 8, 0].map((shift) => ((value >>> shift) & 0xff).toString(2).padStart(8, '0')).join('.');
}

/**
 * Reads a routing table, one route a line, in either of Linux's two formats:
 *
 *   ip route:  default via 192.0.2.1 dev eth0 proto dhcp metric 100
 *              192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.10
 *              203.0.113.7 via 198.51.100.70 dev lan0          (no /len: a host route, /32)
 *   route -n:  10.0.0.0  192.0.2.20  255.0.0.0  UG  0  0  0  eth0
 *
 * The `route -n` title and column header, blank lines and `#` comments are
 * skipped; any other line that cannot be read becomes a problem, not an error.
 * A prefix with host bits set ("10.1.2.3/8") is a problem too: it names no network.
 */
export function parseTable(text: string): ParsedTable {
  const routes: CalcRoute[] = [];
  const problems: TableProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('Kernel IP routing table') || /^Destination\s/.test(line)) return;
    const result = /^\d+\.\d+\.\d+\.\d+\s+\d+\.\d+\.\d+\.\d+\s+\d+\.\d+\.\d+\.\d+\s/.test(line) ? parseRouteNLine(line) : parseIpRouteLine(line);
    if (typeof result === 'string') problems.push({ line: i + 1, text: line, message: result });
    else routes.push({ ...result, source: line });
  });
  return { routes, problems };
}

type ParsedRoute = Omit<CalcRoute, 'source'>;

function checkNetwork(address: number, prefixLength: number, written: string): string | undefined {
  const network = (address & maskOf(prefixLength)) >>> 0;
  return network === address ? undefined : `${written} has host bits set: the network is ${formatAddress(network)}/${prefixLength}`;
}

function parseRouteNLine(line: string): ParsedRoute | string {
  const columns = line.split(/\s+/);
  if (columns.length !== 8) return `a route -n row has 8 columns (Destination Gateway Genmask Flags Metric Ref Use Iface), this one has ${columns.length}`;
  const [destination, gateway, genmask, flags, metric, , , device] = columns as [string, string, string, string, string, string, string, string];
  const network = parseAddress(destination);
  const mask = parseAddress(genmask);
  if (network === undefined || mask === undefined || parseAddress(gateway) === undefined) return 'Destination, Gateway and Genmask must be IPv4 addresses';
  const prefixLength = prefixLengthOf(mask);
  if (prefixLength === undefined) return `Genmask ${genmask} is not contiguous ones followed by zeros`;
  if (!/^\d+$/.test(metric)) return `Metric "${metric}" is not a number`;
  const problem = checkNetwork(network, prefixLength, `${destination} with Genmask ${genmask}`);
  if (problem) return problem;
  return { network, prefixLength, gateway: flags.includes('G') ? gateway : undefined, device, metric: Number(metric) };
}

/** Route types `ip route show table all` can print before the destination; only unicast forwards, but all take part in the lookup. */
const ROUTE_TYPES = new Set(['unicast', 'local', 'broadcast', 'multicast', 'throw', 'unreachable', 'prohibit', 'blackhole', 'nat', 'anycast']);

function parseIpRouteLine(line: string): ParsedRoute | string {
  const words = line.split(/\s+/);
  if (ROUTE_TYPES.has(words[0]!)) words.shift();
  const destination = words.shift() ?? '';
  let network: number | undefined;
  let prefixLength: number;
  if (destination === 'default' || destination === '0/0') {
    network = 0;
    prefixLength = 0;
  } else {
    const match = /^([\d.]+)(?:\/(\d{1,2}))?$/.exec(destination);
    network = match ? parseAddress(match[1]!) : undefined;
    prefixLength = match?.[2] === undefined ? 32 : Number(match[2]);
    if (network === undefined || prefixLength > 32) return `"${destination}" is not a destination like 10.0.0.0/8, 203.0.113.7 or default`;
    const problem = checkNetwork(network, prefixLength, destination);
    if (problem) return problem;
  }
  let gateway: string | undefined;
  let device = '';
  let metric = 0;
  for (let i = 0; i < words.length; i++) {
    const key = words[i]!;
    const value = words[i + 1];
    if (key === 'via' || key === 'dev' || key === 'metric') {
      if (value === undefined) return `"${key}" needs a value after it`;
      i++;
      if (key === 'via') {
        if (parseAddress(value) === undefined) return `the gateway "${value}" is not an IPv4 address`;
        gateway = value;
      } else if (key === 'dev') device = value;
      else if (!/^\d+$/.test(value)) return `the metric "${value}" is not a number`;
      else metric = Number(value);
    }
    // Anything else (proto, scope, src, onlink, linkdown…) does not change the lookup.
  }
  return { network, prefixLength, gateway, device, metric };
}

/**
 * Tests `address` against every route and picks the winner: the longest
 * prefix that matches; among equally long ones, the lowest metric; then the
 * first in the table.
 */
export function lookup(address: number, routes: readonly CalcRoute[]): Lookup {
  const matches = routes.map((route, index): RouteMatch => {
    const masked = (address & maskOf(route.prefixLength)) >>> 0;
    const matched = masked === route.network;
    return { route, index, masked, matches: matched, firstDifference: matched ? undefined : firstDifferentBit(address, route.network) };
  });
  let chosen: RouteMatch | undefined;
  for (const m of matches) {
    if (!m.matches) continue;
    if (
      chosen === undefined ||
      m.route.prefixLength > chosen.route.prefixLength ||
      (m.route.prefixLength === chosen.route.prefixLength && m.route.metric < chosen.route.metric)
    ) {
      chosen = m;
    }
  }
  return { address, matches, chosen };
}

/** The first bit, counted 1–32 from the left, where two addresses differ; undefined when equal. */
export function firstDifferentBit(a: number, b: number): number | undefined {
  const diff = (a ^ b) >>> 0;
  return diff === 0 ? undefined : Math.clz32(diff) + 1;
}

/** A route as the result table names it: "10.20.0.0/16". */
export function formatPrefix(route: Pick<CalcRoute, 'network' | 'prefixLength'>): string {
  return route.prefixLength === 0 ? '0.0.0.0/0' : `${formatAddress(route.network)}/${route.prefixLength}`;
}

/** Where the chosen route sends the datagram, in words. */
export function describeNextHop(route: CalcRoute, address: number): string {
  const via = route.gateway ? `to the gateway ${route.gateway}` : `straight to ${formatAddress(address)}, which is on the link`;
  return route.device ? `${via}, out of ${route.device}` : via;
}

/** The one-sentence result a screen reader hears. */
export function summary(result: Lookup): string {
  const address = formatAddress(result.address);
  const count = result.matches.filter((m) => m.matches).length;
  const of = result.matches.length === 1 ? `${count} of 1 route matches ${address}` : `${count} of ${result.matches.length} routes match ${address}`;
  if (!result.chosen) return `${of}. No route: a router would drop the datagram and send ICMP Destination Unreachable.`;
  const route = result.chosen.route;
  const which = route.prefixLength === 0 ? `${formatPrefix(route)}, the default route` : formatPrefix(route);
  return `${of}. Longest prefix: ${which}, so the datagram goes ${describeNextHop(route, result.address)}.`;
}

export { escapeHtml };

/** Binary digits with the first `prefixLength` bits (the network part) wrapped in <mark>. */
function bitsHtml(value: number, prefixLength: number): string {
  let seen = 0;
  let open = false;
  let out = '';
  for (const char of toBinary(value)) {
    if (char === '.') {
      out += open ? '</mark>.' : '.';
      open = false;
      continue;
    }
    const inPrefix = seen < prefixLength;
    if (inPrefix && !open) {
      out += '<mark>';
      open = true;
    }
    if (!inPrefix && open) {
      out += '</mark>';
      open = false;
    }
    out += char;
    seen++;
  }
  return open ? `${out}</mark>` : out;
}

/**
 * The result as HTML (the same at build time and in the browser): the chosen
 * route and its bitwise AND in binary, then every route with whether it
 * matches. Everything typed by the user is escaped.
 */
export function resultHtml(result: Lookup, problems: readonly TableProblem[] = []): string {
  const address = formatAddress(result.address);
  const parts: string[] = [];
  const chosen = result.chosen;
  if (chosen) {
    const route = chosen.route;
    const mask = maskOf(route.prefixLength);
    parts.push(
      `<p class="cc-verdict"><strong>${escapeHtml(address)}</strong> → <strong>${escapeHtml(formatPrefix(route))}</strong>${route.prefixLength === 0 ? ', the default route' : ''}: ${escapeHtml(describeNextHop(route, result.address))}.</p>`,
      '<table class="fig-table cc-and"><caption>The bitwise AND for the chosen route</caption><tbody>',
      `<tr><th scope="row">address</th><td><code>${bitsHtml(result.address, route.prefixLength)}</code></td><td>${escapeHtml(address)}</td></tr>`,
      `<tr><th scope="row">AND mask /${route.prefixLength}</th><td><code>${bitsHtml(mask, route.prefixLength)}</code></td><td>${escapeHtml(formatAddress(mask))}</td></tr>`,
      `<tr class="cc-network"><th scope="row">= network</th><td><code>${bitsHtml(chosen.masked, route.prefixLength)}</code></td><td>${escapeHtml(formatAddress(chosen.masked))}</td></tr>`,
      `<tr><th scope="row">route’s prefix</th><td><code>${bitsHtml(route.network, route.prefixLength)}</code></td><td>${escapeHtml(formatAddress(route.network))} — equal, so it matches</td></tr>`,
      '</tbody></table>',
    );
  } else {
    parts.push(
      `<p class="cc-verdict"><strong>${escapeHtml(address)}</strong>: no route matches, not even a default route. A host reports “Network is unreachable”; a router drops the datagram and sends ICMP Destination Unreachable (RFC 1812 §5.2.7.1).</p>`,
    );
  }
  if (result.matches.length > 0) {
    parts.push(
      '<div class="fig-scroll fig-focus" tabindex="0" role="region" aria-label="Every route, tested (scrolls sideways)"><table class="fig-table cc-routes"><caption>Every route, tested</caption><thead><tr><th scope="col">Route</th><th scope="col">Next hop, interface</th><th scope="col">Metric</th><th scope="col">address AND mask</th><th scope="col">Match?</th></tr></thead><tbody>',
    );
    for (const m of result.matches) {
      const route = m.route;
      const isChosen = m === chosen;
      const verdict = isChosen
        ? '<strong>yes — chosen</strong>'
        : m.matches
          ? chosen && chosen.route.prefixLength === route.prefixLength
            ? route.metric > chosen.route.metric
              ? 'yes, but a higher metric'
              : 'yes, but listed later'
            : 'yes, but a shorter prefix'
          : `no, differs at bit ${m.firstDifference}`;
      parts.push(
        `<tr${isChosen ? ' class="cc-chosen"' : m.matches ? ' class="cc-also"' : ''}><td><code>${escapeHtml(formatPrefix(route))}</code></td><td>${escapeHtml([route.gateway ? `via ${route.gateway}` : 'on-link', route.device].filter(Boolean).join(', '))}</td><td>${route.metric}</td><td><code>${escapeHtml(formatAddress(m.masked))}</code></td><td>${verdict}</td></tr>`,
      );
    }
    parts.push('</tbody></table></div>');
  }
  if (problems.length > 0) {
    parts.push(`<p class="cc-problems-title">Lines left out of the table:</p><ul class="cc-problems">`);
    for (const p of problems) parts.push(`<li>line ${p.line}, <code>${escapeHtml(p.text)}</code>: ${escapeHtml(p.message)}</li>`);
    parts.push('</ul>');
  }
  return parts.join('');
}

/** What the calculator shows for the current inputs: HTML for the result area and a sentence for the live region. */
export function calculate(addressText: string, tableText: string): { html: string; announcement: string } {
  const table = parseTable(tableText);
  const address = parseAddress(addressText);
  if (address === undefined) {
    const message = `“${addressText.trim()}” is not an IPv4 address: four numbers from 0 to 255, separated by dots, like 10.20.30.40.`;
    return { html: `<p class="cc-verdict cc-error">${escapeHtml(message)}</p>`, announcement: message };
  }
  const result = lookup(address, table.routes);
  const problems = table.problems.length ? ` ${table.problems.length} line${table.problems.length === 1 ? ' was' : 's were'} left out of the table.` : '';
  return { html: resultHtml(result, table.problems), announcement: summary(result) + problems };
}

/** A table of routes as `ip route` would print it, one line each, for the calculator's text box. */
export function formatTable(routes: readonly Pick<CalcRoute, 'network' | 'prefixLength' | 'gateway' | 'device' | 'metric'>[]): string {
  return routes
    .map((r) => {
      const destination = r.prefixLength === 0 ? 'default' : r.prefixLength === 32 ? formatAddress(r.network) : `${formatAddress(r.network)}/${r.prefixLength}`;
      return [destination, r.gateway ? `via ${r.gateway}` : '', r.device ? `dev ${r.device}` : '', r.metric ? `metric ${r.metric}` : ''].filter(Boolean).join(' ');
    })
    .join('\n');
}
