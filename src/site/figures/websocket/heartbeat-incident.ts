/**
 * The seeds' heartbeat incident, simulated: a reverse proxy that cuts a
 * WebSocket after 60 s without data from the server (nginx's
 * proxy_read_timeout default), and servers that ping every 60 s or every
 * 50 s. Both ends are the WebSocket lab's reference WebSocketConnection; the
 * proxy is the lab's own test model (tests/fixtures/idle-proxy.ts), run in
 * simulated time at build time. A fleet of clients that all connected within
 * a few seconds of each other then shows what the cuts do to the server: a
 * reconnect storm every minute.
 */
import { WebSocketConnection } from '../../../../labs/websocket/solution/connection.ts';
import { runThroughProxy } from '../../../../labs/websocket/tests/fixtures/idle-proxy.ts';
import type { Locale } from '../../../course/locale.ts';
import type { Step } from '../../components/step-through.ts';

/** The settings of the incident. */
export interface IncidentOptions {
  /** The proxy's idle timeout (nginx proxy_read_timeout). */
  idleTimeoutMs: number;
  /** One-way delay between each end and the proxy. */
  delayMs: number;
  /** How long the simulation runs. */
  durationMs: number;
  /** Simulation clock step. */
  stepMs: number;
  /** How long a client waits after losing its connection before it reconnects (the same for all: no jitter). */
  reconnectDelayMs: number;
  /** Clients in the fleet, and the time over which they first connected (after a deploy). */
  fleet: number;
  fleetSpreadMs: number;
}

/** The chapter's run. */
export const INCIDENT: IncidentOptions = {
  idleTimeoutMs: 60_000,
  delayMs: 20,
  durationMs: 180_000,
  stepMs: 100,
  reconnectDelayMs: 1_000,
  fleet: 10_000,
  fleetSpreadMs: 5_000,
};

/** Something that happened to one client's connection, in simulated time. */
export interface LaneEvent {
  atMs: number;
  kind: 'open' | 'ping' | 'pong' | 'cut';
}

/** One server setting, followed for one client over the whole run. */
export interface Lane {
  heartbeatMs: number;
  events: LaneEvent[];
  /** Handshakes per second across the fleet, one entry per second of the run. */
  handshakesPerSecond: number[];
}

/** Follows one client for the whole run: connect, heartbeat through the proxy, and reconnect whenever the proxy cuts. */
export function simulateLane(heartbeatMs: number, options: IncidentOptions = INCIDENT): Lane {
  const events: LaneEvent[] = [];
  let start = 0;
  let keys = 0;
  while (start <= options.durationMs) {
    events.push({ atMs: start, kind: 'open' });
    const server = new WebSocketConnection({ role: 'server', heartbeatMs });
    // Masking keys need not be random in a simulation; a counter keeps the build deterministic.
    const client = new WebSocketConnection({ role: 'client', random: (n: number) => Uint8Array.from({ length: n }, () => keys++ & 0xff) });
    const run = runThroughProxy(server, client, { ...options, durationMs: options.durationMs - start });
    for (const event of run.events) {
      if (event.kind !== 'bytes' || !event.bytes) continue;
      const opcode = event.bytes[0]! & 0x0f;
      if (opcode === 0x9 || opcode === 0xa) events.push({ atMs: start + event.atMs, kind: opcode === 0x9 ? 'ping' : 'pong' });
    }
    if (run.cutAtMs === undefined) break;
    events.push({ atMs: start + run.cutAtMs, kind: 'cut' });
    start += run.cutAtMs + options.reconnectDelayMs;
  }
  return { heartbeatMs, events, handshakesPerSecond: fleetHandshakes(events, options) };
}

/** Handshakes per second when `fleet` clients behave like this one, each starting a little later (spread evenly over fleetSpreadMs). */
function fleetHandshakes(events: LaneEvent[], options: IncidentOptions): number[] {
  const seconds = new Array<number>(Math.ceil(options.durationMs / 1000)).fill(0);
  for (const open of events.filter((e) => e.kind === 'open')) {
    for (let i = 0; i < options.fleet; i++) {
      const at = open.atMs + Math.floor((i * options.fleetSpreadMs) / options.fleet);
      if (at < options.durationMs) seconds[Math.floor(at / 1000)]!++;
    }
  }
  return seconds;
}

/** Both lanes of the chapter's figure. */
export function heartbeatIncident(options: IncidentOptions = INCIDENT): { at60: Lane; at50: Lane; options: IncidentOptions } {
  return { at60: simulateLane(60_000, options), at50: simulateLane(50_000, options), options };
}

/** `60 s`, or `60.05 s` when it needs the hundredths, with the unit of the language. */
const secondsIn = (unit: string) => (ms: number) => `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 2)} ${unit}`;

/** What the steps quote from a run, already formatted. */
interface IncidentNumbers {
  idle: string;
  delayMs: number;
  ping50: [string, string];
  spare: string;
  cut60: [string, string];
  pingedBeforeCut: boolean;
  reconnect: string;
  fleet: string;
  spread: string;
  retryAfter: string;
  peak: string;
  silence: string;
  repeat: string;
  duration: string;
  cuts: number;
  opens: number;
  pings: number;
}

/** Each step's words in each language, in order. */
const STEP_WORDS: Record<Locale, { unit: string; steps: ((n: IncidentNumbers) => Pick<Step, 'title' | 'text'>)[] }> = {
  en: {
    unit: 's',
    steps: [
      (n) => ({
        title: 'Both connections open at 0 s',
        text: `The same client connects twice through a proxy that cuts a connection after ${n.idle} without data from the server. The 101 response was the last thing the server sent: the proxy's idle timer starts now.`,
      }),
      (n) => ({
        title: `${n.ping50[0]}: the 50 s server pings`,
        text: `Its Ping crosses the proxy ${n.delayMs} ms after it leaves, with ${n.spare} to spare. Any byte from the server restarts the proxy's timer; the client's Pong proves the client is alive too.`,
      }),
      (n) => ({
        title: `${n.cut60[0]}: the proxy cuts the 60 s connection`,
        text: n.pingedBeforeCut
          ? `The timer runs out at ${n.cut60[0]}.`
          : `The server's Ping leaves at exactly 60 s, but it would cross the proxy ${n.delayMs} ms later: the timer has already run out. The proxy closes both TCP connections; neither end got a Close frame, so both report 1006.`,
      }),
      (n) => ({
        title: `${n.reconnect}: every client reconnects at once`,
        text: `All ${n.fleet} clients connected within ${n.spread} of each other, so they are all cut within ${n.spread} too, and all retry after the same ${n.retryAfter}: up to ${n.peak} handshakes a second hit the server, each one a TLS handshake, an authentication and a resubscription in a real system.`,
      }),
      (n) => ({
        title: `${n.ping50[1]}: the 50 s connection is still up`,
        text: `A Ping every 50 s means the proxy never sees more than ${n.silence} of silence from the server.`,
      }),
      (n) => ({
        title: `${n.cut60[1]}: cut again, storm again`,
        text: `The reconnected clients start a new 60 s heartbeat that loses the same race, so the storm repeats every ${n.repeat}.`,
      }),
      (n) => ({
        title: `After ${n.duration}`,
        text: `Pinging every 60 s: ${n.cuts} cuts and ${n.opens} connections per client. Pinging every 50 s: one connection and ${n.pings} Pings, no storm.`,
      }),
    ],
  },
  'zh-cn': {
    unit: '秒',
    steps: [
      (n) => ({
        title: '0 秒时两条连接都已建立',
        text: `同一个客户端经由一个代理连接两次；这个代理在服务器 ${n.idle}没有发来数据时就切断连接。101 响应是服务器发出的最后一样东西：代理的空闲计时器从现在开始计时。`,
      }),
      (n) => ({
        title: `${n.ping50[0]}：50 秒一次的服务器发出 Ping`,
        text: `它的 Ping 在发出 ${n.delayMs} 毫秒后穿过代理，还剩 ${n.spare}余量。服务器发来的任何字节都会重启代理的计时器；客户端的 Pong 也证明客户端还活着。`,
      }),
      (n) => ({
        title: `${n.cut60[0]}：代理切断了 60 秒那条连接`,
        text: n.pingedBeforeCut
          ? `计时器在 ${n.cut60[0]}到期。`
          : `服务器的 Ping 恰好在 60 秒时发出，但要再过 ${n.delayMs} 毫秒才能穿过代理：计时器已经到期了。代理关闭了两侧的 TCP 连接；两端都没有收到 Close 帧，所以都报告 1006。`,
      }),
      (n) => ({
        title: `${n.reconnect}：所有客户端同时重连`,
        text: `全部 ${n.fleet} 个客户端是在 ${n.spread}之内相继连上的，所以它们也都在 ${n.spread}之内被切断，并且都在同样的 ${n.retryAfter}之后重试：每秒最多有 ${n.peak} 次握手涌向服务器；在真实系统中，每一次都意味着一次 TLS 握手、一次认证和一次重新订阅。`,
      }),
      (n) => ({
        title: `${n.ping50[1]}：50 秒那条连接依然在线`,
        text: `每 50 秒一次 Ping，意味着代理看到服务器的沉默从不超过 ${n.silence}。`,
      }),
      (n) => ({
        title: `${n.cut60[1]}：再次切断，再次风暴`,
        text: `重连后的客户端开始新一轮 60 秒心跳，又输掉了同一场赛跑，所以风暴每 ${n.repeat}重复一次。`,
      }),
      (n) => ({
        title: `${n.duration}之后`,
        text: `每 60 秒 Ping 一次：每个客户端被切断 ${n.cuts} 次、建立 ${n.opens} 条连接。每 50 秒 Ping 一次：一条连接、${n.pings} 次 Ping，没有风暴。`,
      }),
    ],
  },
};

/** The parts each step lights, in step order. */
const STEP_PARTS: string[][] = [
  [partId(60, 'open', 0), partId(50, 'open', 0)],
  [partId(50, 'ping', 0)],
  [partId(60, 'cut', 0)],
  [partId(60, 'open', 1), partId(60, 'storm', 1)],
  [partId(50, 'ping', 1)],
  [partId(60, 'cut', 1), partId(60, 'open', 2), partId(60, 'storm', 2)],
  [partId(60, 'lane', 0), partId(50, 'lane', 0)],
];

/** The step-through's steps in `locale`, written from the simulation's events; `active` names the figure's parts (see partId). */
export function incidentSteps(incident = heartbeatIncident(), locale: Locale = 'en'): Step[] {
  const { at60, at50, options } = incident;
  const words = STEP_WORDS[locale];
  const seconds = secondsIn(words.unit);
  const pings50 = at50.events.filter((e) => e.kind === 'ping');
  const cuts60 = at60.events.filter((e) => e.kind === 'cut');
  const opens60 = at60.events.filter((e) => e.kind === 'open');
  const peak60 = Math.max(...at60.handshakesPerSecond.slice(Math.floor(cuts60[0]!.atMs / 1000)));
  const numbers: IncidentNumbers = {
    idle: seconds(options.idleTimeoutMs),
    delayMs: options.delayMs,
    ping50: [seconds(pings50[0]!.atMs), seconds(pings50[1]!.atMs)],
    spare: seconds(options.idleTimeoutMs - pings50[0]!.atMs),
    cut60: [seconds(cuts60[0]!.atMs), seconds(cuts60[1]!.atMs)],
    pingedBeforeCut: at60.events.some((e) => e.kind === 'ping'),
    reconnect: seconds(opens60[1]!.atMs),
    fleet: options.fleet.toLocaleString('en'),
    spread: seconds(options.fleetSpreadMs),
    retryAfter: seconds(options.reconnectDelayMs),
    peak: peak60.toLocaleString('en'),
    silence: seconds(50_000 + options.delayMs),
    repeat: seconds(options.idleTimeoutMs + options.reconnectDelayMs),
    duration: seconds(options.durationMs),
    cuts: cuts60.length,
    opens: opens60.length,
    pings: pings50.length,
  };
  return words.steps.map((step, i) => ({ ...step(numbers), active: STEP_PARTS[i]! }));
}

/** The figure's other words in each language: names, title, description, a lane's title, the bars' unit, the ticks' unit and the key. */
export const INCIDENT_WORDS: Record<Locale, { label: string; scroll: string; title: string; desc: string; lane: (every: number) => string; perSecond: string; unit: string; handshake: string; ping: string; cut: string }> = {
  en: {
    label: "A 60 s heartbeat against a proxy's 60 s idle timeout, and a 50 s one",
    scroll: 'The heartbeat timeline (scrolls sideways on a narrow screen)',
    title: 'Heartbeats through a proxy with a 60 second idle timeout',
    desc:
      'Two timelines of 180 seconds. Pinging every 60 seconds, the connection is cut at 60 and 121 seconds and the whole fleet reconnects each time, ' +
      'shown as bars of handshakes per second. Pinging every 50 seconds, Pings cross the proxy at 50, 100 and 150 seconds and the connection stays up.',
    lane: (every) => `Ping every ${every} s`,
    perSecond: 'handshakes/s',
    unit: 's',
    handshake: 'handshake',
    ping: 'Ping crosses the proxy',
    cut: 'proxy cuts (1006)',
  },
  'zh-cn': {
    label: '60 秒心跳对上代理 60 秒的空闲超时，以及 50 秒的心跳',
    scroll: '心跳时间线（窄屏上可横向滚动）',
    title: '经过 60 秒空闲超时代理的心跳',
    desc:
      '两条 180 秒的时间线。每 60 秒 Ping 一次时，连接在 60 秒和 121 秒被切断，每次整批客户端都会重连，用每秒握手次数的柱形表示。' +
      '每 50 秒 Ping 一次时，Ping 在 50、100 和 150 秒穿过代理，连接一直保持。',
    lane: (every) => `每 ${every} 秒 Ping 一次`,
    perSecond: '握手/秒',
    // The axis keeps the SI symbol: "180 秒" would run past the figure's right edge.
    unit: 's',
    handshake: '握手',
    ping: 'Ping 穿过代理',
    cut: '代理切断（1006）',
  },
};

/** The `data-part` id of the figure element for the n-th event of a kind in a lane ('lane' is the whole lane, 'storm' the bars after the n-th open). */
export function partId(lane: 60 | 50, kind: LaneEvent['kind'] | 'lane' | 'storm', n: number): string {
  return `hb${lane}-${kind}-${n}`;
}
