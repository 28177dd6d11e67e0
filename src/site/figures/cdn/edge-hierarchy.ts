/**
 * The CDN chapter's hierarchy step-through as data: boxes and arrows for three
 * shoppers, an edge, a regional shield and the origin, and one step per
 * message of a run of the reference edge (edge-run.ts), worded from what the
 * run actually did.
 */
import type { Locale } from '../../../course/locale.ts';
import { joinCjk } from '../../i18n/ui.ts';
import type { Step } from '../../components/step-through.ts';
import type { Point } from '../../components/svg.ts';
import { ORIGIN_CACHE_CONTROL, runEdgeHierarchy, type Delivery, type Place } from './edge-run.ts';

/** A box in the diagram. */
export interface HierarchyNode {
  readonly id: Place;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly subtitle: string;
}

/** An arrow between two boxes: requests run above (or left of) responses. */
export interface HierarchyArrow {
  readonly id: string;
  readonly kind: 'request' | 'response';
  readonly from: Point;
  readonly to: Point;
}

/** The SVG's coordinate system. */
export const VIEW_BOX = { width: 600, height: 230 };

const SHOPPER = { x: 10, width: 110, height: 56 };
const TIER = { y: 82, width: 118, height: 66 };

/** The boxes. */
export const NODES: readonly HierarchyNode[] = [
  { id: 'a', x: SHOPPER.x, y: 10, width: SHOPPER.width, height: SHOPPER.height, title: 'Shopper A', subtitle: 'phone, Singapore' },
  { id: 'b', x: SHOPPER.x, y: 87, width: SHOPPER.width, height: SHOPPER.height, title: 'Shopper B', subtitle: 'laptop, Singapore' },
  { id: 'c', x: SHOPPER.x, y: 164, width: SHOPPER.width, height: SHOPPER.height, title: 'Shopper C', subtitle: 'phone, Malaysia' },
  { id: 'edge', x: 190, y: TIER.y, width: TIER.width, height: TIER.height, title: 'Edge', subtitle: 'Singapore PoP' },
  { id: 'shield', x: 336, y: TIER.y, width: TIER.width, height: TIER.height, title: 'Shield', subtitle: 'regional cache' },
  { id: 'origin', x: 472, y: TIER.y, width: TIER.width, height: TIER.height, title: 'Origin', subtitle: 'shop’s servers' },
];

const node = (id: Place) => NODES.find((n) => n.id === id)!;

/** A request arrow and a response arrow between a shopper and the edge, or between two tiers. */
function link(from: Place, to: Place): HierarchyArrow[] {
  const a = node(from);
  const b = node(to);
  const ax = a.x + a.width;
  const bx = b.x;
  const ay = a.y + a.height / 2;
  const by = b.y + b.height / 2;
  // Shoppers fan in to three points on the edge's left side; tiers meet level.
  const target = from === 'a' || from === 'b' || from === 'c' ? by + (from === 'a' ? -22 : from === 'c' ? 22 : 0) : by;
  return [
    { id: `${from}-${to}`, kind: 'request', from: { x: ax, y: ay - 6 }, to: { x: bx, y: target - 6 } },
    { id: `${to}-${from}`, kind: 'response', from: { x: bx, y: target + 6 }, to: { x: ax, y: ay + 6 } },
  ];
}

/** The arrows. */
export const ARROWS: readonly HierarchyArrow[] = [...link('a', 'edge'), ...link('b', 'edge'), ...link('c', 'edge'), ...link('edge', 'shield'), ...link('shield', 'origin')];

/** Every `data-part` id in the diagram. */
export const PART_IDS: readonly string[] = [...NODES.map((n) => n.id), ...ARROWS.map((a) => a.id)];

/** The origin's max-age, as the steps quote it. */
const LIFETIME = /max-age=(\d+)/.exec(ORIGIN_CACHE_CONTROL)![1];

/** The words of the steps in one language. */
interface HierarchyWords {
  names: Record<Place, string>;
  /** A tier as the subject of a sentence ("The edge"). */
  who: Record<'edge' | 'shield', string>;
  seconds: string;
  conditionalAsk: (etag: string) => string;
  originGets: (conditional: boolean) => string;
  originDoes: (conditional: boolean) => string;
  hit: (who: string) => string;
  collapsed: (who: string) => string;
  revalidate: (who: string, lifetime: string) => string;
  miss: (who: string) => string;
  asks: (from: string, to: string) => string;
  answers: (from: string, to: string) => string;
  toOne: (name: string, response: string) => string;
  list: string;
  stop: string;
}

const WORDS: Record<Locale, HierarchyWords> = {
  en: {
    names: { a: 'shopper A', b: 'shopper B', c: 'shopper C', edge: 'the edge', shield: 'the shield', origin: 'the origin' },
    who: { edge: 'The edge', shield: 'The shield' },
    seconds: 's',
    conditionalAsk: (etag) => `\`GET /api/suggest?q=a\` with \`If-None-Match: ${etag}\``,
    originGets: (conditional) => `the origin gets ${conditional ? 'a conditional request' : 'the request'}`,
    originDoes: (conditional) => (conditional ? 'It still has that representation, so it can answer 304 Not Modified without a body.' : 'It runs the search and answers with the suggestions.'),
    hit: (who) => `${who} has a fresh copy: a hit, answered at once without going upstream.`,
    collapsed: (who) => `${who} is already fetching this URL for another client, so it does not ask again: this request waits for that fetch (request collapsing).`,
    revalidate: (who, lifetime) => `${who}’s stored copy is older than its ${lifetime} s lifetime: stale. It asks upstream whether it is still good, with a conditional request.`,
    miss: (who) => `${who} has nothing stored for this URL and sends a request upstream.`,
    asks: (from, to) => `${from} asks ${to}`,
    answers: (from, to) => `${from} answers ${to}`,
    toOne: (name, response) => `To ${name}: ${response}.`,
    list: ', ',
    stop: '. ',
  },
  'zh-cn': {
    names: { a: '购物者 A', b: '购物者 B', c: '购物者 C', edge: '边缘节点', shield: '屏蔽层', origin: '源站' },
    who: { edge: '边缘节点', shield: '屏蔽层' },
    seconds: '秒',
    conditionalAsk: (etag) => `带 \`If-None-Match: ${etag}\` 的 \`GET /api/suggest?q=a\``,
    originGets: (conditional) => `源站收到${conditional ? '一个条件请求' : '请求'}`,
    originDoes: (conditional) => (conditional ? '它仍然持有那个表示，所以可以回答不带正文的 304 Not Modified。' : '它执行搜索，并以搜索建议作答。'),
    hit: (who) => `${who}有一份新鲜的副本：缓存命中，不必向上游请求就立即作答。`,
    collapsed: (who) => `${who}已经在为另一个客户端获取这个 URL，所以不再重复请求：这个请求等待那次获取的结果（请求合并）。`,
    revalidate: (who, lifetime) => `${who}存储的副本已超过 ${lifetime} 秒的寿命：过期了。它用一个条件请求向上游询问这份副本是否仍然可用。`,
    miss: (who) => `${who}没有存储这个 URL 的任何内容，于是向上游发送请求。`,
    asks: (from, to) => joinCjk(from, '询问', to),
    answers: (from, to) => joinCjk(from, '回复', to),
    toOne: (name, response) => `回复${name}：${response}。`,
    list: '、',
    stop: '。',
  },
};

/** `1.234 s`, the run's clock. */
function clock(ms: number, w: HierarchyWords): string {
  return `${(ms / 1000).toFixed(3)} ${w.seconds}`;
}

/** What a response carried that matters here: status, Age, Cache-Status. */
function describeResponse(d: Delivery): string {
  const r = d.response!;
  const parts = [`\`${r.status}\``];
  if (r.headers.age !== undefined) parts.push(`\`Age: ${r.headers.age}\``);
  if (r.headers['cache-status'] !== undefined) parts.push(`\`Cache-Status: ${r.headers['cache-status']}\``);
  if (d.from === 'origin') parts.push(`\`Cache-Control: ${r.headers['cache-control']}\``, `\`ETag: ${r.headers.etag}\``);
  return parts.join(', ');
}

function requestStep(d: Delivery, w: HierarchyWords): Step {
  const conditional = d.request!.headers['if-none-match'];
  const asked = conditional ? w.conditionalAsk(conditional) : '`GET /api/suggest?q=a`';
  const active = [d.from, `${d.from}-${d.to}`, d.to];
  if (d.to === 'origin') return { title: `${clock(d.at, w)} — ${w.originGets(!!conditional)}`, text: `${asked}${w.stop}${w.originDoes(!!conditional)}`, active };
  const who = w.who[d.to as 'edge' | 'shield'];
  const outcome = d.outcome === 'hit' ? w.hit(who) : d.outcome === 'collapsed' ? w.collapsed(who) : d.outcome === 'revalidate' ? w.revalidate(who, LIFETIME!) : w.miss(who);
  return { title: `${clock(d.at, w)} — ${w.asks(w.names[d.from], w.names[d.to])}`, text: `${asked}${w.stop}${outcome}`, active };
}

function responseStep(group: Delivery[], w: HierarchyWords): Step {
  const first = group[0]!;
  const active = [first.from, ...group.flatMap((d) => [`${d.from}-${d.to}`, d.to])];
  const to = group.map((d) => w.names[d.to]).join(w.list);
  const lines = group.map((d) => (group.length > 1 ? w.toOne(w.names[d.to], describeResponse(d)) : `${describeResponse(d)}${w.stop.trim()}`));
  return { title: `${clock(first.at, w)} — ${w.answers(w.names[first.from], to)}`, text: lines.join(w.stop === '. ' ? ' ' : ''), active };
}

/** The steps for a run, in `locale`: one per request, and one per batch of responses leaving one place at one time. */
export function hierarchySteps(deliveries: readonly Delivery[], locale: Locale = 'en'): Step[] {
  const w = WORDS[locale];
  const steps: Step[] = [];
  for (let i = 0; i < deliveries.length; i++) {
    const d = deliveries[i]!;
    if (d.request) {
      steps.push(requestStep(d, w));
      continue;
    }
    const group = [d];
    while (deliveries[i + 1]?.response && deliveries[i + 1]!.from === d.from && deliveries[i + 1]!.at === d.at) group.push(deliveries[++i]!);
    steps.push(responseStep(group, w));
  }
  return steps;
}

const RUN = runEdgeHierarchy();

/** The chapter's run and its steps in each language, computed once at build time. */
export const HIERARCHY_STEPS: Record<Locale, Step[]> = { en: hierarchySteps(RUN), 'zh-cn': hierarchySteps(RUN, 'zh-cn') };

/** The figure's other words in each language: its names, title, description (around the origin's policy), box labels and key. */
export const HIERARCHY_WORDS: Record<Locale, { label: string; scroll: string; title: string; desc: (policy: string) => string; boxes: Record<Place, { title: string; subtitle: string }>; request: string; response: string }> = {
  en: {
    label: 'Three shoppers, an edge, a shield and the origin, one message at a time',
    scroll: 'Edge, shield and origin (scrolls sideways on a narrow screen)',
    title: 'Edge, shield and origin',
    desc: (policy) =>
      'Three shoppers on the left send their requests to one edge cache; the edge asks a regional shield cache, which asks the origin. ' +
      'Solid arrows are requests, dashed arrows responses. The numbered steps describe each message, with the time, Age and Cache-Status the ' +
      `reference edge produced; the origin sends Cache-Control: ${policy}.`,
    boxes: Object.fromEntries(NODES.map((n) => [n.id, { title: n.title, subtitle: n.subtitle }])) as Record<Place, { title: string; subtitle: string }>,
    request: 'request',
    response: 'response',
  },
  'zh-cn': {
    label: '三位购物者、一个边缘节点、一个屏蔽层和源站，逐条报文展开',
    scroll: '边缘节点、屏蔽层与源站（窄屏上可横向滚动）',
    title: '边缘节点、屏蔽层与源站',
    desc: (policy) =>
      '左边的三位购物者把请求发给同一个边缘缓存；边缘节点询问区域屏蔽层缓存，屏蔽层再询问源站。实线箭头是请求，虚线箭头是响应。' +
      `编号的步骤说明每条报文，以及参考实现的边缘节点给出的时间、Age 和 Cache-Status；源站发送 Cache-Control: ${policy}。`,
    boxes: {
      a: { title: '购物者 A', subtitle: '手机，新加坡' },
      b: { title: '购物者 B', subtitle: '笔记本，新加坡' },
      c: { title: '购物者 C', subtitle: '手机，马来西亚' },
      edge: { title: '边缘节点', subtitle: '新加坡 PoP' },
      shield: { title: '屏蔽层', subtitle: '区域缓存' },
      origin: { title: '源站', subtitle: '商店的服务器' },
    },
    request: '请求',
    response: '响应',
  },
};

/** The caching policy the origin sends in the run, for the figure's caption. */
export const HIERARCHY_POLICY = ORIGIN_CACHE_CONTROL;
