/**
 * The CDN chapter's hierarchy step-through as data: boxes and arrows for three
 * shoppers, an edge, a regional shield and the origin, and one step per
 * message of a run of the reference edge (edge-run.ts), worded from what the
 * run actually did.
 */
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

const NAMES: Record<Place, string> = { a: 'shopper A', b: 'shopper B', c: 'shopper C', edge: 'the edge', shield: 'the shield', origin: 'the origin' };

/** `1.234 s`, the run's clock. */
function clock(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
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

function requestStep(d: Delivery): Step {
  const conditional = d.request!.headers['if-none-match'];
  const asked = conditional ? `\`GET /api/suggest?q=a\` with \`If-None-Match: ${conditional}\`` : '`GET /api/suggest?q=a`';
  const active = [d.from, `${d.from}-${d.to}`, d.to];
  if (d.to === 'origin') {
    return {
      title: `${clock(d.at)} — the origin gets ${conditional ? 'a conditional request' : 'the request'}`,
      text: `${asked}. ${conditional ? 'It still has that representation, so it can answer 304 Not Modified without a body.' : 'It runs the search and answers with the suggestions.'}`,
      active,
    };
  }
  const who = d.to === 'edge' ? 'The edge' : 'The shield';
  const outcome =
    d.outcome === 'hit'
      ? `${who} has a fresh copy: a hit, answered at once without going upstream.`
      : d.outcome === 'collapsed'
        ? `${who} is already fetching this URL for another client, so it does not ask again: this request waits for that fetch (request collapsing).`
        : d.outcome === 'revalidate'
          ? `${who}’s stored copy is older than its ${LIFETIME} s lifetime: stale. It asks upstream whether it is still good, with a conditional request.`
          : `${who} has nothing stored for this URL and sends a request upstream.`;
  return { title: `${clock(d.at)} — ${NAMES[d.from]} asks ${NAMES[d.to]}`, text: `${asked}. ${outcome}`, active };
}

function responseStep(group: Delivery[]): Step {
  const first = group[0]!;
  const active = [first.from, ...group.flatMap((d) => [`${d.from}-${d.to}`, d.to])];
  const to = group.map((d) => NAMES[d.to]).join(', ');
  const lines = group.map((d) => (group.length > 1 ? `To ${NAMES[d.to]}: ${describeResponse(d)}.` : `${describeResponse(d)}.`));
  return { title: `${clock(first.at)} — ${NAMES[first.from]} answers ${to}`, text: lines.join(' '), active };
}

/** The steps for a run: one per request, and one per batch of responses leaving one place at one time. */
export function hierarchySteps(deliveries: readonly Delivery[]): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < deliveries.length; i++) {
    const d = deliveries[i]!;
    if (d.request) {
      steps.push(requestStep(d));
      continue;
    }
    const group = [d];
    while (deliveries[i + 1]?.response && deliveries[i + 1]!.from === d.from && deliveries[i + 1]!.at === d.at) group.push(deliveries[++i]!);
    steps.push(responseStep(group));
  }
  return steps;
}

/** The chapter's run and its steps, computed once at build time. */
export const HIERARCHY_STEPS: Step[] = hierarchySteps(runEdgeHierarchy());

/** The caching policy the origin sends in the run, for the figure's caption. */
export const HIERARCHY_POLICY = ORIGIN_CACHE_CONTROL;
