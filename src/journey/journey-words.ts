/**
 * What the whole journey says to a learner, one catalogue per language, for
 * `journey trip` and the chapter's run panel alike: the pieces' and phases'
 * names, the faults, why a trip stopped, and the grading stage's verdict.
 * The timeline's own steps (what each device did) stay English: they are the
 * simulator's trace, as a test's failure message is the test's.
 */
import { joinCjk, type Locale } from '../course/locale.ts';
import type { Fault } from './fault-ids.ts';
import { PIECE_NOUNS, type Piece, type PieceId, type PieceSource } from './pieces.ts';
import { PHASE_LABELS, type Phase } from './timeline.ts';

/** A fault as its toggle shows it. */
export interface FaultWords {
  /** What goes wrong, in a few words. */
  title: string;
  /** Which piece copes, and how, in one line. */
  lesson: string;
}

const en = {
  pieceNouns: PIECE_NOUNS as Readonly<Record<PieceId, string>>,
  phaseLabels: PHASE_LABELS as Readonly<Record<Phase, string>>,
  /** "your TCP", "reference TLS client". */
  pieceLabel: (source: PieceSource, noun: string) => `${source === 'yours' ? 'your' : 'reference'} ${noun}`,
  faults: {
    'lost-dns-reply': {
      title: "The resolver's answer is lost",
      lesson: "the Wi-Fi loses the resolver's first answer to the phone; the phone's stub asks again after its timeout, and the resolver answers from its cache",
    },
    'server-down': {
      title: 'A web server dies behind the balancer',
      lesson: "web1 dies as the trip starts; the director's health checks (the lb piece's HealthChecker) find it silent twice in a row and mark it down, so round robin hands the order to web2",
    },
    'lost-order-response': {
      title: "The order's answer is lost after the commit",
      lesson: "the data centre's gateway loses the answer to POST /orders (and TCP's resends) after the stock was deducted; the edge gives up with a 504, the phone sends the order again with the same idempotency key, and the order service (the inventory piece) answers with the same order, deducting nothing",
    },
    'idle-proxy': {
      title: 'A proxy closes an idle connection',
      lesson: 'the shopper reads the suggestions for 90 s; the edge closes connections idle for 60 s, so the phone sees the FIN and opens a new connection (TCP and TLS again) for the order; a connection that must stay open sends a heartbeat more often than the timeout instead',
    },
  } satisfies Record<Fault, FaultWords>,
  // Where a trip stopped
  beforeItBegan: 'before it began',
  during: (phase: string) => `during ${phase}`,
  tripStopped: (step: string, time: number, what: string) => `The trip stopped ${step}, at t=${time} ms: ${what}.`,
  lookAt: (pieces: readonly string[]) => ` Look at ${pieces.join(', then ')}.`,
  reportIt: ' Every piece of this step is the reference: please report it.',
  couldNotLoad: (label: string, why: string) => `${label} could not load: ${why}`,
  couldNotRun: (why: string) => `The journey could not run: ${why}`,
  // The trip worker's and the runner's progress
  loading: (label: string) => `Loading ${label}…`,
  startingDatabase: 'Starting the inventory database (PGlite)…',
  runningTrip: 'Running the trip…',
  tooLong: (seconds: number) =>
    `The trip did not finish within ${seconds} s and was stopped. A piece of yours may loop forever or wait for something that never comes: run that lab's tests on its page.`,
  workerStopped: (why: string | undefined) => `The trip's worker stopped: ${why ?? 'it could not start'}`,
  // `journey trip`: whose each piece is, and why
  stack: (yours: number, total: number) => `Your stack: ${yours} of ${total} pieces are yours.`,
  referenceAsked: 'every piece from the reference (asked for)',
  noWorkspace: (dir: string) => `no ${dir} yet`,
  askedNotGraded: 'asked for, not graded',
  passes: (stages: string) => `passes ${stages}`,
  doesNotPass: (id: PieceId, stages: string) => `your ${id} does not pass ${stages} yet`,
  // The grading stage's verdict
  verdictHeading: 'The whole journey, every piece yours',
  journey: 'Journey',
  stillReference: (id: PieceId) => `still the reference: \`npx journey start ${id}\``,
  stoppedHere: (dir: string) => `${dir}: the trip stopped here`,
  orderComesBack: 'the order comes back',
  stoppedAt: (step: string, time: number) => `the trip stopped ${step}, at t=${time} ms`,
  answered: (status: number | undefined) => `answered ${status}`,
  stoppedLook: (step: string, look: string | undefined) => `the trip stopped ${step}${look ? `: look at your ${look}` : ''}`,
  notAccepted: 'the order was not accepted',
  stillReferenceCount: (n: number, total: number, list: string) => `${n} of ${total} pieces are still the reference: ${list}`,
  named: (noun: string, what: string) => `${noun} (${what})`,
  listSeparator: ', ',
  problemSeparator: '; ',
  pass: 'pass: the order crossed the network carried by your code alone.',
  notYet: (problems: string) => `not yet: ${problems}.`,
};

/** The journey's words: the keys of the English catalogue. */
export type JourneyWords = typeof en;

const zhCn: JourneyWords = {
  pieceNouns: {
    layers: '首部与校验和',
    routing: 'ARP、路由器与 NAT',
    dns: '递归解析器',
    tcp: 'TCP',
    https: 'TLS 客户端',
    cdn: '边缘缓存',
    lb: 'director',
    rpc: 'RPC',
    inventory: '订单服务',
  },
  phaseLabels: {
    dns: 'DNS',
    tcp: 'TCP 握手',
    tls: 'TLS 握手',
    edge: '边缘节点（GET /api/suggest）',
    balancer: '负载均衡（POST /orders）',
    rpc: '调用库存的 RPC',
    database: '数据库（CAS）',
    response: '响应返回',
  },
  pieceLabel: (source, noun) => joinCjk(source === 'yours' ? '你的' : '参考实现的', noun),
  faults: {
    'lost-dns-reply': {
      title: '解析器的应答丢失',
      lesson: 'Wi-Fi 丢掉了解析器发给手机的第一个应答；手机的存根解析器超时后重新查询，解析器从缓存中作答',
    },
    'server-down': {
      title: '负载均衡器后面的一台 Web 服务器宕机',
      lesson: 'web1 在旅程开始时宕机；调度器的健康检查（lb 组件的 HealthChecker）连续两次收不到它的回应，就把它标记为下线，于是轮询把订单交给 web2',
    },
    'lost-order-response': {
      title: '提交之后订单的响应丢失',
      lesson: '库存扣减之后，数据中心的网关丢掉了 POST /orders 的响应（以及 TCP 的重传）；边缘节点放弃并返回 504，手机用同一个幂等键再次发送订单，订单服务（inventory 组件）返回同一笔订单，不再扣减库存',
    },
    'idle-proxy': {
      title: '代理关闭空闲连接',
      lesson: '购物者花 90 s 浏览搜索建议；边缘节点会关闭空闲 60 s 的连接，于是手机收到 FIN，为订单新建一条连接（重新进行 TCP 和 TLS 握手）；必须保持打开的长连接应当以比超时更短的间隔发送心跳',
    },
  },
  beforeItBegan: '在开始之前',
  during: (phase) => joinCjk('在', phase, '阶段'),
  tripStopped: (step, time, what) => `旅程${step}停止，t=${time} ms：${what}。`,
  lookAt: (pieces) => `请检查${pieces.join('，然后是')}。`,
  reportIt: '这一步的组件全部是参考实现：请报告这个问题。',
  couldNotLoad: (label, why) => `${label}无法加载：${why}`,
  couldNotRun: (why) => `旅程无法运行：${why}`,
  loading: (label) => `正在加载${label}…`,
  startingDatabase: '正在启动库存数据库（PGlite）…',
  runningTrip: '正在运行旅程…',
  tooLong: (seconds) => `旅程没有在 ${seconds} s 内结束，已被停止。你的某个组件可能陷入了死循环，或在等待永远不会到来的东西：请在该实验的页面上运行它的测试。`,
  workerStopped: (why) => `旅程的 Worker 停止了：${why ?? '它无法启动'}`,
  stack: (yours, total) => `你的协议栈：${total} 个组件中有 ${yours} 个是你的。`,
  referenceAsked: '按要求全部使用参考实现',
  noWorkspace: (dir) => `还没有 ${dir}`,
  askedNotGraded: '按要求使用，未评分',
  passes: (stages) => `通过了 ${stages}`,
  doesNotPass: (id, stages) => `你的 ${id} 还没有通过 ${stages}`,
  verdictHeading: '完整旅程，每个组件都是你的',
  journey: '旅程',
  stillReference: (id) => `仍是参考实现：\`npx journey start ${id}\``,
  stoppedHere: (dir) => `${dir}：旅程在这里停止`,
  orderComesBack: '订单送回来了',
  stoppedAt: (step, time) => `旅程${step}停止，t=${time} ms`,
  answered: (status) => `响应 ${status}`,
  stoppedLook: (step, look) => `旅程${step}停止${look ? `：请检查${joinCjk('你的', look)}` : ''}`,
  notAccepted: '订单没有被接受',
  stillReferenceCount: (n, total, list) => `${total} 个组件中仍有 ${n} 个是参考实现：${list}`,
  named: (noun, what) => `${noun}（${what}）`,
  listSeparator: '，',
  problemSeparator: '；',
  pass: '通过：订单完全由你的代码送过了网络。',
  notYet: (problems) => `尚未通过：${problems}。`,
};

/** The journey's words in each language. */
export const JOURNEY_WORDS: Record<Locale, JourneyWords> = { en, 'zh-cn': zhCn };

/** "your TCP", "参考 TLS 客户端": whose a piece is, in `words`' language. */
export function pieceLabel(piece: Pick<Piece, 'id' | 'source'>, words: JourneyWords = en): string {
  return words.pieceLabel(piece.source, words.pieceNouns[piece.id]);
}
