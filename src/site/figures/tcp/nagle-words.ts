/** The Nagle figure's words in each language: the tables' captions and headings, the segments, the figure's caption. */
import type { Locale } from '../../../course/locale.ts';
import type { NagleEvent, NagleOptions, NagleSegment } from './nagle-model.ts';

/** The figure's words in one language. */
export interface NagleWords {
  /** A run's caption before its time: "With TCP_NODELAY", "With Nagle (the default)". */
  run: (nodelay: boolean) => string;
  responseAfter: string;
  columns: { ms: string; from: string; segment: string };
  from: Record<NagleEvent['from'], string>;
  segment: (what: NagleSegment) => string;
  caption: (options: NagleOptions) => string;
}

const EN: NagleWords = {
  run: (nodelay) => (nodelay ? 'With TCP_NODELAY' : 'With Nagle (the default)'),
  responseAfter: ': response after',
  columns: { ms: 'ms', from: 'From', segment: 'Segment' },
  from: { client: 'client', server: 'server' },
  segment: (what) =>
    what.kind === 'request'
      ? `${what.bytes} bytes (${what.part})`
      : what.kind === 'delayed-ack'
        ? `ACK, after ${what.waitedMs} ms of waiting`
        : `response, ${what.bytes} bytes, with the ACK`,
  caption: (o) =>
    `One request written in two pieces (${o.writes[0]} then ${o.writes[1]} bytes) over a ${2 * o.delayMs} ms round trip, to a server that delays its ACKs by ${o.delayedAckMs} ms. Computed at build time in netsim; a model of the two rules, not the lab's code.`,
};

/** The Nagle figure's words; the Chinese ones are typed by the English, so a missing key fails the type check. */
export const NAGLE_WORDS: Record<Locale, NagleWords> = {
  en: EN,
  'zh-cn': {
    run: (nodelay) => (nodelay ? '开启 TCP_NODELAY' : '使用 Nagle 算法（默认）'),
    responseAfter: '：响应用时',
    columns: { ms: 'ms', from: '发送方', segment: '报文段' },
    from: { client: '客户端', server: '服务器' },
    segment: (what) =>
      what.kind === 'request'
        ? `${what.bytes} 字节（${what.part === 'headers' ? '首部' : '正文'}）`
        : what.kind === 'delayed-ack'
          ? `ACK，等待了 ${what.waitedMs} ms 才发`
          : `响应，${what.bytes} 字节，捎带 ACK`,
    caption: (o) =>
      `一个请求分两次写出（先 ${o.writes[0]} 字节，再 ${o.writes[1]} 字节），往返时间 ${2 * o.delayMs} ms，服务器把 ACK 延迟 ${o.delayedAckMs} ms。构建时在 netsim 中计算；这是两条规则的模型，不是实验的代码。`,
  },
};
