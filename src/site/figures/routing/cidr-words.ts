/**
 * The CIDR calculator's words in each language: the result's captions and verdicts, the sentence a screen reader
 * hears, and why a line of the table was left out. The calculator's script ships both; together they are a few
 * hundred words.
 */
import type { Locale } from '../../../course/locale.ts';

/** The calculator's words in one language. */
export interface CidrWords {
  toGateway: (gateway: string) => string;
  onLink: (address: string) => string;
  outOf: (via: string, device: string) => string;
  matching: (count: number, routes: number, address: string) => string;
  noRouteSummary: (matching: string) => string;
  defaultRoute: (prefix: string) => string;
  chosenSummary: (matching: string, route: string, nextHop: string) => string;
  colon: string;
  stop: string;
  andCaption: string;
  address: string;
  andMask: string;
  network: string;
  routePrefix: string;
  equal: string;
  noRoute: string;
  routesRegion: string;
  routesCaption: string;
  columns: [route: string, nextHop: string, metric: string, masked: string, match: string];
  chosen: string;
  higherMetric: string;
  listedLater: string;
  shorterPrefix: string;
  differsAt: (bit: number) => string;
  leftOutTitle: string;
  line: (n: number) => string;
  notAnAddress: (text: string) => string;
  leftOut: (lines: number) => string;
  problems: {
    hostBits: (written: string, network: string) => string;
    withGenmask: (destination: string, genmask: string) => string;
    routeNColumns: (columns: number) => string;
    routeNAddresses: string;
    genmask: (genmask: string) => string;
    metric: (metric: string) => string;
    destination: (destination: string) => string;
    needsValue: (key: string) => string;
    gateway: (gateway: string) => string;
  };
  /** The form around the result. */
  form: {
    destination: string;
    examples: string;
    try: string;
    table: string;
    /** The table's hint, cut where `ip route` and `route -n` go as code. */
    hint: [before: string, between: string, after: string];
    worked: [before: string, after: string];
    result: string;
  };
}

const EN: CidrWords = {
  toGateway: (gateway) => `to the gateway ${gateway}`,
  onLink: (address) => `straight to ${address}, which is on the link`,
  outOf: (via, device) => `${via}, out of ${device}`,
  matching: (count, routes, address) => (routes === 1 ? `${count} of 1 route matches ${address}` : `${count} of ${routes} routes match ${address}`),
  noRouteSummary: (matching) => `${matching}. No route: a router would drop the datagram and send ICMP Destination Unreachable.`,
  defaultRoute: (prefix) => `${prefix}, the default route`,
  chosenSummary: (matching, route, nextHop) => `${matching}. Longest prefix: ${route}, so the datagram goes ${nextHop}.`,
  colon: ': ',
  stop: '.',
  andCaption: 'The bitwise AND for the chosen route',
  address: 'address',
  andMask: 'AND mask',
  network: 'network',
  routePrefix: 'route’s prefix',
  equal: ' — equal, so it matches',
  noRoute:
    'no route matches, not even a default route. A host reports “Network is unreachable”; a router drops the datagram and sends ICMP Destination Unreachable (RFC 1812 §5.2.7.1).',
  routesRegion: 'Every route, tested (scrolls sideways)',
  routesCaption: 'Every route, tested',
  columns: ['Route', 'Next hop, interface', 'Metric', 'address AND mask', 'Match?'],
  chosen: 'yes — chosen',
  higherMetric: 'yes, but a higher metric',
  listedLater: 'yes, but listed later',
  shorterPrefix: 'yes, but a shorter prefix',
  differsAt: (bit) => `no, differs at bit ${bit}`,
  leftOutTitle: 'Lines left out of the table:',
  line: (n) => `line ${n}, `,
  notAnAddress: (text) => `“${text}” is not an IPv4 address: four numbers from 0 to 255, separated by dots, like 10.20.30.40.`,
  leftOut: (lines) => ` ${lines} line${lines === 1 ? ' was' : 's were'} left out of the table.`,
  problems: {
    hostBits: (written, network) => `${written} has host bits set: the network is ${network}`,
    withGenmask: (destination, genmask) => `${destination} with Genmask ${genmask}`,
    routeNColumns: (columns) => `a route -n row has 8 columns (Destination Gateway Genmask Flags Metric Ref Use Iface), this one has ${columns}`,
    routeNAddresses: 'Destination, Gateway and Genmask must be IPv4 addresses',
    genmask: (genmask) => `Genmask ${genmask} is not contiguous ones followed by zeros`,
    metric: (metric) => `the metric "${metric}" is not a number`,
    destination: (destination) => `"${destination}" is not a destination like 10.0.0.0/8, 203.0.113.7 or default`,
    needsValue: (key) => `"${key}" needs a value after it`,
    gateway: (gateway) => `the gateway "${gateway}" is not an IPv4 address`,
  },
  form: {
    destination: 'Destination address',
    examples: 'Example addresses',
    try: 'Try:',
    table: 'Routing table',
    hint: ['One route a line, as ', ' or ', ' prints it. Edit it, or paste your own.'],
    worked: ['Worked example: ', ' against the routing table above.'],
    result: 'Result',
  },
};

/** The calculator's words; the Chinese ones are typed by the English, so a missing key fails the type check. */
export const CIDR_WORDS: Record<Locale, CidrWords> = {
  en: EN,
  'zh-cn': {
    toGateway: (gateway) => `交给网关 ${gateway}`,
    onLink: (address) => `直接发给 ${address}（它就在本链路上）`,
    outOf: (via, device) => `${via}，从 ${device} 发出`,
    matching: (count, routes, address) => `${routes} 条路由中有 ${count} 条匹配 ${address}`,
    noRouteSummary: (matching) => `${matching}。没有路由：路由器会丢弃该数据报，并发送 ICMP 目的不可达（Destination Unreachable）。`,
    defaultRoute: (prefix) => `${prefix}（默认路由）`,
    chosenSummary: (matching, route, nextHop) => `${matching}。最长前缀是 ${route}，所以数据报${nextHop}。`,
    colon: '：',
    stop: '。',
    andCaption: '所选路由的按位与（AND）',
    address: '地址',
    andMask: 'AND 掩码',
    network: '网络',
    routePrefix: '路由的前缀',
    equal: ' —— 相等，所以匹配',
    noRoute: '没有任何路由匹配，连默认路由也没有。主机会报告 “Network is unreachable”；路由器会丢弃该数据报，并发送 ICMP 目的不可达（RFC 1812 §5.2.7.1）。',
    routesRegion: '逐条检验每一条路由（可横向滚动）',
    routesCaption: '逐条检验每一条路由',
    columns: ['路由', '下一跳，接口', '度量值（Metric）', '地址 AND 掩码', '匹配？'],
    chosen: '是 —— 被选中',
    higherMetric: '是，但度量值更大',
    listedLater: '是，但排在后面',
    shorterPrefix: '是，但前缀更短',
    differsAt: (bit) => `否，第 ${bit} 位不同`,
    leftOutTitle: '未计入路由表的行：',
    line: (n) => `第 ${n} 行，`,
    notAnAddress: (text) => `“${text}” 不是 IPv4 地址：应是 0 到 255 之间的四个数，用点分隔，例如 10.20.30.40。`,
    leftOut: (lines) => `有 ${lines} 行未计入路由表。`,
    problems: {
      hostBits: (written, network) => `${written} 的主机位不为零：它所在的网络是 ${network}`,
      withGenmask: (destination, genmask) => `${destination}（Genmask ${genmask}）`,
      routeNColumns: (columns) => `route -n 的一行有 8 列（Destination Gateway Genmask Flags Metric Ref Use Iface），这一行有 ${columns} 列`,
      routeNAddresses: 'Destination、Gateway 和 Genmask 必须是 IPv4 地址',
      genmask: (genmask) => `Genmask ${genmask} 不是连续的 1 后跟 0`,
      metric: (metric) => `度量值 “${metric}” 不是数字`,
      destination: (destination) => `“${destination}” 不是 10.0.0.0/8、203.0.113.7 或 default 这样的目的地址`,
      needsValue: (key) => `“${key}” 后面需要一个值`,
      gateway: (gateway) => `网关 “${gateway}” 不是 IPv4 地址`,
    },
    form: {
      destination: '目的地址',
      examples: '示例地址',
      try: '试试：',
      table: '路由表',
      hint: ['每行一条路由，格式与 ', ' 或 ', ' 的输出相同。可以修改，也可以粘贴你自己的路由表。'],
      worked: ['示例：', ' 对照上面的路由表。'],
      result: '结果',
    },
  },
};
