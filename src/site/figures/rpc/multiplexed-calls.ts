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
import type { Locale } from '../../../course/locale.ts';
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

/** The figure's words in one language: the steps' sentences, the diagram's labels and its description. */
export interface CallWords {
  nothing: string;
  list: string;
  bytes: (n: number) => string;
  request: (e: WireEvent, size: string, waiting: string) => Pick<Step, 'title' | 'text'>;
  response: (e: WireEvent, size: string, waiting: string) => Pick<Step, 'title' | 'text'>;
  timeout: (e: WireEvent, timeoutMs: number, waiting: string) => Pick<Step, 'title' | 'text'>;
  late: (e: WireEvent) => Pick<Step, 'title' | 'text'>;
  label: string;
  scroll: string;
  title: string;
  desc: (order: string, timeoutMs: number) => string;
  time: string;
  inFlight: string;
  client: string;
  server: string;
  ms: string;
  lateDropped: string;
  result: string;
  timesOut: string;
}

export const CALL_WORDS: Record<Locale, CallWords> = {
  en: {
    nothing: 'nothing',
    list: ', ',
    bytes: (n) => `${n} bytes`,
    request: (e, size, waiting) => ({
      title: `Call ${e.requestId} goes out: \`${e.summary}\``,
      text: `At ${e.atMs} ms, one frame of ${size} with request id ${e.requestId}; the client does not wait for an answer before sending the next call. In flight: ${waiting}.`,
    }),
    response: (e, size, waiting) => ({
      title: `The answer to call ${e.requestId} arrives`,
      text: `At ${e.atMs} ms: ${size}, request id ${e.requestId}, result ${String(e.result)}. The client finds id ${e.requestId} in its table and completes \`${e.summary}\`, whatever order the calls went out in. In flight: ${waiting}.`,
    }),
    timeout: (e, timeoutMs, waiting) => ({
      title: `Call ${e.requestId} times out`,
      text: `At ${e.atMs} ms its ${timeoutMs} ms are up: the caller gets a timeout error and id ${e.requestId} leaves the table. Nothing tells the server, which is still working on it. In flight: ${waiting}.`,
    }),
    late: (e) => ({
      title: `A late answer to call ${e.requestId} is dropped`,
      text: `At ${e.atMs} ms the response to id ${e.requestId} arrives with result ${String(e.result)}: the reservation was made, but no call waits for it any more. The client drops it and counts it (late: ${e.late}).`,
    }),
    label: 'Four calls multiplexed on one connection, with a timeout and a late response',
    scroll: 'The calls on the connection (scrolls sideways on a narrow screen)',
    title: 'Four calls on one connection between the order service and the inventory service',
    desc: (order, timeoutMs) =>
      `The order service on the left sends four requests, ids 1 to 4, one after the other without waiting. The answers come back in the order the inventory service finished them: ${order}. Call 3 times out after ${timeoutMs} ms; its answer arrives later and is dropped.`,
    time: 'time',
    inFlight: 'in flight',
    client: 'order service',
    server: 'inventory',
    ms: 'ms',
    lateDropped: 'late: dropped',
    result: 'result',
    timesOut: 'times out: the caller gets an error',
  },
  'zh-cn': {
    nothing: '无',
    list: '、',
    bytes: (n) => `${n} 字节`,
    request: (e, size, waiting) => ({
      title: `调用 ${e.requestId} 发出：\`${e.summary}\``,
      text: `${e.atMs} 毫秒时，发出一个 ${size}的帧，请求 id 为 ${e.requestId}；客户端不等回答就发送下一个调用。进行中：${waiting}。`,
    }),
    response: (e, size, waiting) => ({
      title: `调用 ${e.requestId} 的回答到达`,
      text: `${e.atMs} 毫秒时：${size}，请求 id ${e.requestId}，结果 ${String(e.result)}。客户端在表中找到 id ${e.requestId}，完成 \`${e.summary}\`——不管这些调用是按什么顺序发出的。进行中：${waiting}。`,
    }),
    timeout: (e, timeoutMs, waiting) => ({
      title: `调用 ${e.requestId} 超时`,
      text: `${e.atMs} 毫秒时，它的 ${timeoutMs} 毫秒用完了：调用方收到超时错误，id ${e.requestId} 从表中移除。没有任何东西通知服务器，它仍在处理这个调用。进行中：${waiting}。`,
    }),
    late: (e) => ({
      title: `调用 ${e.requestId} 迟到的回答被丢弃`,
      text: `${e.atMs} 毫秒时，id ${e.requestId} 的响应到达，结果为 ${String(e.result)}：预留已经完成，但再也没有调用在等它。客户端丢弃它并计数（迟到：${e.late}）。`,
    }),
    label: '一条连接上多路复用的四个调用，含一次超时和一个迟到的响应',
    scroll: '连接上的调用（窄屏上可横向滚动）',
    title: '订单服务与库存服务之间一条连接上的四个调用',
    desc: (order, timeoutMs) =>
      `左边的订单服务依次发出四个请求，id 为 1 到 4，彼此之间不等待。回答按库存服务完成它们的顺序返回：${order}。调用 3 在 ${timeoutMs} 毫秒后超时；它的回答之后才到达，被丢弃。`,
    time: '时间',
    inFlight: '进行中',
    client: '订单服务',
    server: '库存服务',
    ms: '毫秒',
    lateDropped: '迟到：丢弃',
    result: '结果',
    timesOut: '超时：调用方收到错误',
  },
};

/** One step per event, in `locale`, saying what the client did and what its table holds after. */
export function callSteps(events: WireEvent[], scenario: Scenario = SCENARIO, locale: Locale = 'en'): Step[] {
  const w = CALL_WORDS[locale];
  const ids = (waiting: bigint[]) => (waiting.length === 0 ? w.nothing : waiting.join(w.list));
  return events.map((event) => {
    const size = event.bytes ? w.bytes(event.bytes.length) : '';
    const words =
      event.kind === 'request' ? w.request(event, size, ids(event.waiting))
      : event.kind === 'response' ? w.response(event, size, ids(event.waiting))
      : event.kind === 'timeout' ? w.timeout(event, scenario.timeoutMs, ids(event.waiting))
      : w.late(event);
    return { ...words, active: [event.part] };
  });
}
