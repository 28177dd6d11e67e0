/**
 * The TCP state diagram of RFC 9293 §3.3.2 (Figure 5), drawn from the TCP lab's own
 * transition table (labs/tcp/solution/connection-states.ts): one box per state, one
 * arrow per row of TRANSITIONS. Only where each box sits is decided here, in the
 * RFC figure's arrangement; which arrows exist and what they say comes from the table.
 * Resets and aborts, which lead from nearly every state to CLOSED, are left out of the
 * picture (the chapter says so) — they would bury the rest.
 */
import { TRANSITIONS } from '../../../../labs/tcp/solution/connection-states.ts';
import { arrowGeometry, type Point } from '../../components/svg.ts';
import { TCP_STATES, type TcpEvent, type TcpState, type Transition } from '../../../../labs/tcp/given/state-types.ts';

/** The diagram's coordinate system. */
export const MACHINE_VIEW_BOX = { width: 420, height: 462 };

/** Room drawn on either side of the view box for edge labels that hang past the outer boxes. */
export const MACHINE_LABEL_MARGIN = 30;

/** Half the size of a state's box. */
const BOX = { halfWidth: 48, halfHeight: 14 };

/** A box in the diagram. CLOSED appears twice, as in RFC 9293 Figure 5: where connections start and where they end. */
export interface MachineNode {
  /** `data-part` id; both CLOSED boxes share the state but not the id. */
  id: string;
  state: TcpState;
  x: number;
  y: number;
}

/** An arrow for one row of the table. */
export interface MachineEdge {
  /** `data-part` id, from the row: `sm-<from>-<event>`. */
  id: string;
  transition: Transition;
  /** The label: what triggers the change, and what it sends (RFC 9293 Figure 5's "rcv SYN / snd SYN,ACK"). */
  label: string;
  /** The label as drawn, one or two lines. */
  lines: string[];
  /** SVG path data of the arrow's line, ending where the head begins. */
  path: string;
  /** The arrowhead, as SVG `points`. */
  head: string;
  /** Where the label's text is anchored. */
  labelAt: Point;
  anchor: 'start' | 'middle' | 'end';
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Columns and rows of the arrangement (centres of boxes). */
const COL = { left: 90, middle: 210, right: 330 };
const ROW = [24, 94, 164, 234, 304, 374, 444];

/** Where each state's box goes. */
const PLACES: Record<string, { state: TcpState; x: number; y: number }> = {
  'sm-CLOSED': { state: 'CLOSED', x: COL.middle, y: ROW[0]! },
  'sm-LISTEN': { state: 'LISTEN', x: COL.middle, y: ROW[1]! },
  'sm-SYN-RECEIVED': { state: 'SYN-RECEIVED', x: COL.left, y: ROW[2]! },
  'sm-SYN-SENT': { state: 'SYN-SENT', x: COL.right, y: ROW[2]! },
  'sm-ESTABLISHED': { state: 'ESTABLISHED', x: COL.middle, y: ROW[3]! },
  'sm-FIN-WAIT-1': { state: 'FIN-WAIT-1', x: COL.left, y: ROW[4]! },
  'sm-CLOSE-WAIT': { state: 'CLOSE-WAIT', x: COL.right, y: ROW[4]! },
  'sm-FIN-WAIT-2': { state: 'FIN-WAIT-2', x: COL.left, y: ROW[5]! },
  'sm-CLOSING': { state: 'CLOSING', x: COL.middle, y: ROW[5]! },
  'sm-LAST-ACK': { state: 'LAST-ACK', x: COL.right, y: ROW[5]! },
  'sm-TIME-WAIT': { state: 'TIME-WAIT', x: COL.left, y: ROW[6]! },
  'sm-CLOSED-end': { state: 'CLOSED', x: COL.right, y: ROW[6]! },
};

/** The boxes, in the order of TCP_STATES (the second CLOSED last). */
export const MACHINE_NODES: MachineNode[] = Object.entries(PLACES)
  .map(([id, place]) => ({ id, ...place }))
  .sort((a, b) => TCP_STATES.indexOf(a.state) - TCP_STATES.indexOf(b.state) || (a.id === 'sm-CLOSED' ? -1 : 1));

/** The `data-part` ids of every box showing `state`. */
export function nodeIdsOf(state: TcpState): string[] {
  return MACHINE_NODES.filter((n) => n.state === state).map((n) => n.id);
}

/** Events left out of the diagram: resets and aborts (any state → CLOSED). */
export const OMITTED_EVENTS: readonly TcpEvent[] = ['rcv-rst', 'abort'];

/** What triggers each event, as RFC 9293 Figure 5 words it (shortened). */
const TRIGGER: Record<TcpEvent, string> = {
  'passive-open': 'listen',
  'active-open': 'connect',
  'rcv-syn': 'rcv SYN',
  'rcv-syn-ack': 'rcv SYN,ACK',
  'rcv-ack-of-syn': 'rcv ACK of SYN',
  close: 'close',
  'rcv-fin': 'rcv FIN',
  'rcv-ack-of-fin': 'rcv ACK of FIN',
  'time-wait-timeout': 'timeout 2 MSL',
  'rcv-rst': 'rcv RST',
  abort: 'abort',
};

/** A row's label: "rcv SYN / snd SYN,ACK". */
export function transitionLabel(transition: Transition): string {
  return transition.send ? `${TRIGGER[transition.event]} / snd ${transition.send}` : TRIGGER[transition.event];
}

/** The `data-part` id of a row's arrow. */
export function edgeId(transition: Pick<Transition, 'from' | 'event'>): string {
  return `sm-${transition.from}-${transition.event}`;
}

/**
 * How each drawn arrow runs: which box it starts and ends at, an optional bend (a
 * control point of a quadratic curve), a sideways shift for arrows that share a pair
 * of boxes, and where the label goes relative to the middle of the arrow.
 */
interface Route {
  from: string;
  to: string;
  /** Moves both ends sideways (perpendicular), so two arrows between the same boxes do not overlap. */
  shift?: number;
  bend?: Point;
  /** Breaks the label after the trigger, for an arrow with little room beside it. */
  wrap?: boolean;
  label: { dx: number; dy: number; anchor: 'start' | 'middle' | 'end' };
}

/** Routes, keyed by the row's `from`/`event`; a test checks there is one for every drawn row. */
const ROUTES: Record<string, Route> = {
  'CLOSED/passive-open': { from: 'sm-CLOSED', to: 'sm-LISTEN', shift: -10, label: { dx: 12, dy: 4, anchor: 'start' } },
  'LISTEN/close': { from: 'sm-LISTEN', to: 'sm-CLOSED', shift: -10, label: { dx: -12, dy: 4, anchor: 'end' } },
  'CLOSED/active-open': { from: 'sm-CLOSED', to: 'sm-SYN-SENT', bend: { x: 336, y: 24 }, label: { dx: 12, dy: -14, anchor: 'start' } },
  'SYN-SENT/close': { from: 'sm-SYN-SENT', to: 'sm-CLOSED', bend: { x: 280, y: 70 }, label: { dx: 6, dy: 8, anchor: 'start' } },
  'LISTEN/rcv-syn': { from: 'sm-LISTEN', to: 'sm-SYN-RECEIVED', label: { dx: -10, dy: -8, anchor: 'end' } },
  'SYN-SENT/rcv-syn': { from: 'sm-SYN-SENT', to: 'sm-SYN-RECEIVED', label: { dx: 0, dy: -5, anchor: 'middle' } },
  'SYN-SENT/rcv-syn-ack': { from: 'sm-SYN-SENT', to: 'sm-ESTABLISHED', label: { dx: 10, dy: 12, anchor: 'start' } },
  'SYN-RECEIVED/rcv-ack-of-syn': { from: 'sm-SYN-RECEIVED', to: 'sm-ESTABLISHED', label: { dx: 8, dy: -6, anchor: 'start' } },
  'SYN-RECEIVED/close': { from: 'sm-SYN-RECEIVED', to: 'sm-FIN-WAIT-1', shift: 28, wrap: true, label: { dx: -6, dy: -2, anchor: 'end' } },
  'SYN-RECEIVED/rcv-fin': { from: 'sm-SYN-RECEIVED', to: 'sm-CLOSE-WAIT', bend: { x: 210, y: 350 }, label: { dx: 0, dy: 12, anchor: 'middle' } },
  'ESTABLISHED/close': { from: 'sm-ESTABLISHED', to: 'sm-FIN-WAIT-1', label: { dx: -8, dy: -6, anchor: 'end' } },
  'ESTABLISHED/rcv-fin': { from: 'sm-ESTABLISHED', to: 'sm-CLOSE-WAIT', label: { dx: 10, dy: -8, anchor: 'start' } },
  'FIN-WAIT-1/rcv-ack-of-fin': { from: 'sm-FIN-WAIT-1', to: 'sm-FIN-WAIT-2', label: { dx: -6, dy: 4, anchor: 'end' } },
  'FIN-WAIT-1/rcv-fin': { from: 'sm-FIN-WAIT-1', to: 'sm-CLOSING', label: { dx: 12, dy: -4, anchor: 'start' } },
  'CLOSING/rcv-ack-of-fin': { from: 'sm-CLOSING', to: 'sm-TIME-WAIT', label: { dx: 10, dy: 10, anchor: 'start' } },
  'FIN-WAIT-2/rcv-fin': { from: 'sm-FIN-WAIT-2', to: 'sm-TIME-WAIT', label: { dx: -6, dy: 4, anchor: 'end' } },
  'TIME-WAIT/time-wait-timeout': { from: 'sm-TIME-WAIT', to: 'sm-CLOSED-end', label: { dx: 0, dy: -6, anchor: 'middle' } },
  'CLOSE-WAIT/close': { from: 'sm-CLOSE-WAIT', to: 'sm-LAST-ACK', label: { dx: 6, dy: 4, anchor: 'start' } },
  'LAST-ACK/rcv-ack-of-fin': { from: 'sm-LAST-ACK', to: 'sm-CLOSED-end', label: { dx: 6, dy: 4, anchor: 'start' } },
};

/** The rows of TRANSITIONS the diagram draws: all but resets and aborts. */
export const DRAWN_TRANSITIONS: readonly Transition[] = TRANSITIONS.filter((t) => !OMITTED_EVENTS.includes(t.event));

/** The arrows, one per drawn row of the table. */
export const MACHINE_EDGES: MachineEdge[] = DRAWN_TRANSITIONS.map((transition) => {
  const key = `${transition.from}/${transition.event}`;
  const route = ROUTES[key];
  if (route === undefined) throw new Error(`tcp-state-machine: no route for the table's row ${key} → ${transition.to}; add one to ROUTES`);
  const from = PLACES[route.from]!;
  const to = PLACES[route.to]!;
  if (from.state !== transition.from || to.state !== transition.to) {
    throw new Error(`tcp-state-machine: the route for ${key} joins ${from.state} → ${to.state}, but the table says ${transition.from} → ${transition.to}`);
  }
  const label = transitionLabel(transition);
  const lines = route.wrap && transition.send ? [`${TRIGGER[transition.event]} /`, `snd ${transition.send}`] : [label];
  return { id: edgeId(transition), transition, label, lines, ...draw(from, to, route) };
});

/**
 * The box a connection is in after `change` (the box its arrow ends at), or the top
 * CLOSED box before any change. Only CLOSED has two boxes, so only it needs this.
 */
export function nodeAfter(state: TcpState, change?: Pick<Transition, 'from' | 'event'>): string {
  if (change !== undefined) {
    const route = ROUTES[`${change.from}/${change.event}`];
    if (route !== undefined && PLACES[route.to]!.state === state) return route.to;
  }
  return nodeIdsOf(state)[0]!;
}

/** Every `data-part` id of the diagram. */
export const MACHINE_PART_IDS: string[] = [...MACHINE_NODES.map((n) => n.id), ...MACHINE_EDGES.map((e) => e.id)];

/** The arrow between two boxes: from the edge of one box to the edge of the other, along a line or a bend. */
function draw(from: Point, to: Point, route: Route): Pick<MachineEdge, 'path' | 'head' | 'labelAt' | 'anchor'> {
  // Shift both ends sideways, perpendicular to the line between the centres.
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  const shift = route.shift ?? 0;
  const offset = { x: (-dy / length) * shift, y: (dx / length) * shift };
  const a = { x: from.x + offset.x, y: from.y + offset.y };
  const b = { x: to.x + offset.x, y: to.y + offset.y };
  const control = route.bend;
  // Leave each box towards the next point of the path.
  const start = boxExit(a, control ?? b);
  const end = boxExit(b, control ?? a);
  const toward = control ?? start;
  const { line, head } = arrowGeometry({ from: toward, to: end });
  const middle = control
    ? { x: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x, y: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y }
    : { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 };
  const path = control
    ? `M${round(start.x)} ${round(start.y)} Q${round(control.x)} ${round(control.y)} ${line.x2} ${line.y2}`
    : `M${round(start.x)} ${round(start.y)} L${line.x2} ${line.y2}`;
  return {
    path,
    head,
    labelAt: { x: round(middle.x + route.label.dx), y: round(middle.y + route.label.dy) },
    anchor: route.label.anchor,
  };
}

/** Where a ray from a box's centre towards `toward` leaves the box. */
export function boxExit(centre: Point, toward: Point): Point {
  const dx = toward.x - centre.x;
  const dy = toward.y - centre.y;
  if (dx === 0 && dy === 0) return centre;
  const scale = Math.min(dx === 0 ? Infinity : BOX.halfWidth / Math.abs(dx), dy === 0 ? Infinity : BOX.halfHeight / Math.abs(dy));
  return { x: centre.x + dx * scale, y: centre.y + dy * scale };
}

/** The box size, for drawing. */
export const MACHINE_BOX = { width: BOX.halfWidth * 2, height: BOX.halfHeight * 2 };
