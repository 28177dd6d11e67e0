/**
 * One connection from the order service to the inventory service carrying
 * four calls at once, run at build time on a simulated clock: every frame is
 * written by the RPC lab's reference frame and Hessian codecs, and each side
 * reads the other's bytes with the reference streaming decoder. The server
 * works on the calls in parallel, so the responses come back in the order the
 * work finishes; the client matches them by request id in its in-flight
 * table, times out the slow call, and drops its response when it comes late.
 */
import { decodeValue } from '../../../../labs/rpc/solution/hessian.ts';
import { encodeFrame, FrameDecoder } from '../../../../labs/rpc/solution/frame.ts';
import type { Frame } from '../../../../labs/rpc/given/frame-layout.ts';
import type { HessianValue } from '../../../../labs/rpc/given/hessian-types.ts';
import type { Step } from '../../components/step-through.ts';
import { RESERVE, requestBody, requestFrame, responseBody, responseFrame, type Call } from './dubbo-invocation.ts';

/** A call of the scenario: what is asked, how long the server works on it, and what it answers. */
export interface PlannedCall {
  call: Call;
  serviceMs: number;
  result: HessianValue;
}

/** What the step-through runs. */
export interface Scenario {
  /** One-way delay between the two services, inside one data center. */
  oneWayMs: number;
  /** The deadline the client gives every call. */
  timeoutMs: number;
  /** Sent one per millisecond from 0 ms, with request ids 1, 2, 3… */
  calls: PlannedCall[];
}

const stock = (sku: string): Call => ({ method: 'stock', args: [{ name: 'sku', java: 'String', value: sku }] });

/** Four calls, one of which (the reservation, waiting on a lock) outlasts its deadline. */
export const SCENARIO: Scenario = {
  oneWayMs: 1,
  timeoutMs: 800,
  calls: [
    { call: stock('SKU-1042'), serviceMs: 120, result: 37 },
    { call: stock('SKU-2177'), serviceMs: 20, result: 5 },
    { call: RESERVE, serviceMs: 1300, result: true },
    { call: stock('SKU-3310'), serviceMs: 60, result: 0 },
  ],
};

/** Something the client saw happen on the connection. */
export interface WireEvent {
  /** The step-through's part id of the event's arrow or mark. */
  part: string;
  kind: 'request' | 'response' | 'timeout' | 'late';
  requestId: bigint;
  /** Client time: when it sent, received, or gave up. */
  atMs: number;
  /** e.g. stock("SKU-1042"). */
  summary: string;
  /** The frame as it crossed the wire (not for a timeout). */
  bytes?: Uint8Array;
  /** The result a response carried. */
  result?: HessianValue;
  /** Request ids in the client's in-flight table after the event. */
  waiting: bigint[];
  /** Responses the client dropped so far because no call waited for them. */
  late: number;
}

/** `stock("SKU-1042")`, from the arguments. */
export function callSummary(call: Call): string {
  return `${call.method}(${call.args.map((a) => JSON.stringify(a.value)).join(', ')})`;
}

/** Runs the scenario and returns what happened at the client, in time order. */
export function runCalls(scenario: Scenario = SCENARIO): WireEvent[] {
  const agenda: { at: number; seq: number; run: () => void }[] = [];
  let seq = 0;
  let now = 0;
  const at = (time: number, run: () => void) => agenda.push({ at: time, seq: seq++, run });

  // The client: its in-flight table (request id → the call's summary) and its decoder.
  const inFlight = new Map<bigint, string>();
  const clientDecoder = new FrameDecoder();
  let late = 0;
  // The server: its decoder, and the work each request id needs (the scenario's, looked up by the id it reads).
  const serverDecoder = new FrameDecoder();
  const work = new Map<bigint, PlannedCall>();

  const events: WireEvent[] = [];
  const record = (event: Omit<WireEvent, 'part' | 'atMs' | 'waiting' | 'late'>) =>
    events.push({ ...event, part: `event-${events.length}`, atMs: now, waiting: [...inFlight.keys()], late });

  const frames = (decoder: FrameDecoder, bytes: Uint8Array): Frame[] =>
    decoder.push(bytes).map((event) => {
      if (event.type !== 'frame') throw new Error(`the scenario's stream should hold only whole frames; got ${event.type}`);
      return event.frame;
    });

  scenario.calls.forEach((planned, i) => {
    const id = BigInt(i + 1);
    work.set(id, planned);
    at(i, () => {
      const bytes = encodeFrame(requestFrame(id, requestBody(planned.call, scenario.timeoutMs)));
      inFlight.set(id, callSummary(planned.call));
      record({ kind: 'request', requestId: id, summary: callSummary(planned.call), bytes });
      at(now + scenario.oneWayMs, () => serverReceives(bytes));
      at(now + scenario.timeoutMs, () => {
        const summary = inFlight.get(id);
        if (summary === undefined) return;
        inFlight.delete(id);
        record({ kind: 'timeout', requestId: id, summary });
      });
    });
  });

  function serverReceives(bytes: Uint8Array): void {
    for (const frame of frames(serverDecoder, bytes)) {
      const planned = work.get(frame.id)!;
      const method = methodOf(frame.body);
      if (method !== planned.call.method) throw new Error(`the server read method ${method} for request ${frame.id}; expected ${planned.call.method}`);
      at(now + planned.serviceMs, () => {
        const reply = encodeFrame(responseFrame(frame.id, responseBody(planned.result)));
        at(now + scenario.oneWayMs, () => clientReceives(reply));
      });
    }
  }

  function clientReceives(bytes: Uint8Array): void {
    for (const frame of frames(clientDecoder, bytes)) {
      const summary = inFlight.get(frame.id);
      const result = resultOf(frame.body);
      if (summary === undefined) {
        late++;
        record({ kind: 'late', requestId: frame.id, summary: callSummary(work.get(frame.id)!.call), bytes, result });
      } else {
        inFlight.delete(frame.id);
        record({ kind: 'response', requestId: frame.id, summary, bytes, result });
      }
    }
  }

  // Earliest first; at equal times, in the order scheduled.
  for (let guard = 0; agenda.length > 0; guard++) {
    if (guard > 1000) throw new Error('the scenario did not settle within 1000 events');
    agenda.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = agenda.shift()!;
    now = next.at;
    next.run();
  }
  return events;
}

/** The method name of an invocation body: its fourth Hessian value (after protocol version, path and service version). */
function methodOf(body: Uint8Array): HessianValue {
  let next = 0;
  let value: HessianValue = null;
  for (let i = 0; i < 4; i++) ({ value, next } = decodeValue(body, next));
  return value;
}

/** The result of a response body: the value after the response kind. */
function resultOf(body: Uint8Array): HessianValue {
  return decodeValue(body, decodeValue(body, 0).next).value;
}

const ids = (waiting: bigint[]) => (waiting.length === 0 ? 'nothing' : waiting.join(', '));

/** One step per event, saying what the client did and what its table holds after. */
export function callSteps(events: WireEvent[], scenario: Scenario = SCENARIO): Step[] {
  return events.map((event) => {
    const size = event.bytes ? `${event.bytes.length} bytes` : '';
    switch (event.kind) {
      case 'request':
        return {
          title: `Call ${event.requestId} goes out: \`${event.summary}\``,
          text: `At ${event.atMs} ms, one frame of ${size} with request id ${event.requestId}; the client does not wait for an answer before sending the next call. In flight: ${ids(event.waiting)}.`,
          active: [event.part],
        };
      case 'response':
        return {
          title: `The answer to call ${event.requestId} arrives`,
          text: `At ${event.atMs} ms: ${size}, request id ${event.requestId}, result ${String(event.result)}. The client finds id ${event.requestId} in its table and completes \`${event.summary}\`, whatever order the calls went out in. In flight: ${ids(event.waiting)}.`,
          active: [event.part],
        };
      case 'timeout':
        return {
          title: `Call ${event.requestId} times out`,
          text: `At ${event.atMs} ms its ${scenario.timeoutMs} ms are up: the caller gets a timeout error and id ${event.requestId} leaves the table. Nothing tells the server, which is still working on it. In flight: ${ids(event.waiting)}.`,
          active: [event.part],
        };
      case 'late':
        return {
          title: `A late answer to call ${event.requestId} is dropped`,
          text: `At ${event.atMs} ms the response to id ${event.requestId} arrives with result ${String(event.result)}: the reservation was made, but no call waits for it any more. The client drops it and counts it (late: ${event.late}).`,
          active: [event.part],
        };
    }
  });
}
