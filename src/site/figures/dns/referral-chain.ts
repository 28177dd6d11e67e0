/**
 * The referral chain diagram of the DNS chapter, as data: where each box and
 * arrow goes in the SVG, and the steps that walk a cold-cache resolution of
 * www.shop.example — root, TLD, the shop's servers, a CNAME, and the global
 * load balancer. Names, addresses and TTLs match the lab's simulated
 * hierarchy (labs/dns/tests/fixtures/hierarchy.ts).
 */
import type { Step } from '../../components/step-through.ts';
import type { Point } from '../../components/svg.ts';

/** A box in the diagram. */
export interface ChainNode {
  /** `data-part` id, used by the steps. */
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  title: string;
  /** Smaller lines under the title. */
  lines: string[];
}

/** An arrow: a line from `from` to `to` with its head at `to`. */
export interface ChainArrow {
  id: string;
  /** A query (solid) or a response (dashed). */
  kind: 'query' | 'response';
  from: Point;
  to: Point;
  /** Read by screen readers only through the steps; kept here to document the arrow. */
  label: string;
}

/** The figure's words in one language: what a reader sees or a screen reader hears, by box id. */
export interface ReferralChainWords {
  label: string;
  title: string;
  desc: string;
  nodes: Record<string, Pick<ChainNode, 'title' | 'lines'>>;
  cache: string;
  query: string;
  reply: string;
}

/** The SVG's coordinate system; it scales to the width of the page. */
export const VIEW_BOX = { width: 420, height: 436 };

const SERVER = { x: 262, width: 148, height: 76 };
const serverY = [10, 123, 236, 349];

/** The boxes: the phone, the recursive resolver (with its cache), and four kinds of authoritative server. */
export const NODES: ChainNode[] = [
  { id: 'phone', x: 10, y: 10, width: 150, height: 64, title: 'Phone', lines: ['app + stub resolver'] },
  { id: 'resolver', x: 10, y: 176, width: 150, height: 104, title: 'Recursive resolver', lines: ['ISP’s or public'] },
  { id: 'root', ...server(0), title: 'Root servers', lines: ['zone “.”'] },
  { id: 'tld', ...server(1), title: 'TLD servers', lines: ['zone “example.”'] },
  { id: 'auth', ...server(2), title: 'Shop’s DNS', lines: ['zone “shop.example.”'] },
  { id: 'gslb', ...server(3), title: 'GSLB', lines: ['zone “gslb.example.”'] },
];

/** The cache drawn inside the resolver box; a part of its own so that steps can point at it. */
export const CACHE = { id: 'cache', x: 30, y: 240, width: 110, height: 28, title: 'cache' };

function server(row: number) {
  return { x: SERVER.x, y: serverY[row]!, width: SERVER.width, height: SERVER.height };
}

const resolver = NODES[1]!;
const phone = NODES[0]!;
const servers = NODES.slice(2);

/**
 * The arrows. Between the resolver and each server run a query (into the
 * server, above) and a response (out of it, below); their ends on the
 * resolver's side are spread down its right edge in the same order, so no two
 * lines cross.
 */
export const ARROWS: ChainArrow[] = [
  { id: 'ask-resolver', kind: 'query', from: { x: 60, y: phone.y + phone.height }, to: { x: 60, y: resolver.y }, label: 'query, RD=1' },
  { id: 'answer-phone', kind: 'response', from: { x: 110, y: resolver.y }, to: { x: 110, y: phone.y + phone.height }, label: 'answer' },
  ...servers.flatMap((node, i): ChainArrow[] => {
    const right = resolver.x + resolver.width;
    const edgeY = (slot: number) => resolver.y + 12 + (slot * (resolver.height - 24)) / 7;
    const middle = node.y + node.height / 2;
    return [
      { id: `ask-${node.id}`, kind: 'query', from: { x: right, y: edgeY(2 * i) }, to: { x: node.x, y: middle - 10 }, label: `query to ${node.title}` },
      { id: `from-${node.id}`, kind: 'response', from: { x: node.x, y: middle + 10 }, to: { x: right, y: edgeY(2 * i + 1) }, label: `reply from ${node.title}` },
    ];
  }),
];

/** The figure's words in English (the Chinese are in referral-chain.zh-cn.ts). */
export const REFERRAL_CHAIN_EN: ReferralChainWords = {
  label: 'How a recursive resolver finds www.shop.example, step by step',
  title: 'The referral chain for www.shop.example',
  desc:
    "The phone asks a recursive resolver, which asks the root servers, the TLD servers of example., the shop's " +
    "authoritative server and the global load balancer's servers in turn; solid arrows are queries, dashed arrows " +
    'replies. The numbered steps describe each message.',
  nodes: Object.fromEntries(NODES.map((node) => [node.id, { title: node.title, lines: node.lines }])),
  cache: CACHE.title,
  query: 'query',
  reply: 'reply',
};

/** Every `data-part` id in the diagram. */
export const PART_IDS: string[] = [...NODES.map((n) => n.id), CACHE.id, ...ARROWS.map((a) => a.id)];

/** A cold-cache resolution of www.shop.example A, one message per step. */
export const REFERRAL_STEPS: Step[] = [
  {
    title: 'The phone asks its recursive resolver',
    text: 'The app calls the system resolver (`getaddrinfo` or the platform’s equivalent). Nothing is cached on the phone, so the stub resolver sends one UDP query — `www.shop.example`, type A — to the recursive resolver the network configured, with RD=1: recursion desired, send me the final answer.',
    active: ['phone', 'ask-resolver', 'resolver'],
  },
  {
    title: 'The resolver starts at the root',
    text: 'Its cache holds nothing for this name or any zone above it, so it starts from the root servers, whose addresses it knows from its root hints. It asks the same question with RD=0: from here on it does the walking itself, one iterative query at a time.',
    active: ['resolver', 'ask-root', 'root'],
  },
  {
    title: 'The root refers it to `example.`',
    text: 'The root server does not know the address and does not look it up. It answers with a referral: no answer records, AA=0, the NS records of `example.` in the authority section, and their addresses (glue) in the additional section.',
    active: ['root', 'from-root', 'resolver'],
  },
  {
    title: 'It asks a server of `example.`',
    text: 'The resolver caches the delegation for as long as its TTL allows and sends the same question to one of the TLD’s servers, chosen from the glue.',
    active: ['resolver', 'ask-tld', 'tld'],
  },
  {
    title: '`example.` refers it to `shop.example`',
    text: 'Another referral: `shop.example` is served by `ns1.shop.example`, glue 192.0.2.80. The glue is essential here: the server’s name lies inside the zone it serves, so without the address the resolver could never reach it.',
    active: ['tld', 'from-tld', 'resolver'],
  },
  {
    title: 'It asks the shop’s own server',
    text: 'Third query, same question, now to the server that holds the `shop.example` zone.',
    active: ['resolver', 'ask-auth', 'auth'],
  },
  {
    title: 'The answer is an alias',
    text: 'The shop’s server answers with AA=1: `www.shop.example` is a CNAME for `shop.gslb.example`, TTL 300 s. The target lies in another zone, so this server can say no more.',
    active: ['auth', 'from-auth', 'resolver'],
  },
  {
    title: 'It restarts at the new name, from its cache',
    text: 'Now it needs `shop.gslb.example` A. The NS records of `example.` are already in its cache, so it skips the root and asks a TLD server directly.',
    active: ['resolver', 'cache', 'ask-tld', 'tld'],
  },
  {
    title: '`example.` refers it to `gslb.example`',
    text: 'A referral to the load balancer’s own name servers, again with glue.',
    active: ['tld', 'from-tld', 'resolver'],
  },
  {
    title: 'It asks the global load balancer',
    text: 'The GSLB is an authoritative server that computes its answers. It sees the query’s source address: the resolver’s, not the phone’s — unless the resolver adds an EDNS Client Subnet option.',
    active: ['resolver', 'ask-gslb', 'gslb'],
  },
  {
    title: 'The GSLB picks a data centre',
    text: 'Going by the query’s source address and by which data centres are healthy, it answers `shop.gslb.example` A 203.0.113.10 with AA=1 and a short TTL, 30 s, so that it can move clients elsewhere quickly.',
    active: ['gslb', 'from-gslb', 'resolver'],
  },
  {
    title: 'The phone gets its address',
    text: 'The resolver caches every record it learned, each for its own TTL, and answers the phone with the CNAME and the A record — the response shown byte by byte further down. Five queries for the resolver; one for the phone.',
    active: ['resolver', 'cache', 'answer-phone', 'phone'],
  },
];
