/**
 * The HTTPS chapter's handshake ladder, from a real run: the TLS lab's recorded
 * session between its reference client and node:tls (OpenSSL), decoded at build time
 * with the lab's own record and message code and OpenSSL's key log. Each rung is what
 * one side sent in one go: its records, the messages inside, and which keys protected
 * them. Laid out for <StepThrough>.
 */
import { ContentType, HandshakeType } from '../../../../labs/https/given/constants.ts';
import { trafficKeys } from '../../../../labs/https/solution/key-schedule.ts';
import { HandshakeReader } from '../../../../labs/https/solution/messages.ts';
import { RecordProtection, RecordReader } from '../../../../labs/https/solution/record.ts';
import { loadSession, type Session } from '../../../../labs/https/tests/fixtures/session.ts';
import type { Locale } from '../../../course/locale.ts';
import type { Step } from '../../components/step-through.ts';
import type { Point } from '../../components/svg.ts';

/** Which keys protected a record. */
export type Protection = 'none' | 'handshake' | 'application';

/** One rung: a run of records one side sent before the other answered. */
export interface Rung {
  id: string;
  from: 'client' | 'server';
  /** What was inside, in order, e.g. ["ServerHello", "ChangeCipherSpec", "EncryptedExtensions", …]. */
  contents: { name: string; protection: Protection }[];
  /** Bytes on the wire, record headers included. */
  bytes: number;
  records: number;
}

const HANDSHAKE_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(HandshakeType).map(([name, code]) => [code, name.replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase())]),
);
HANDSHAKE_NAMES[HandshakeType.encrypted_extensions] = 'EncryptedExtensions';
HANDSHAKE_NAMES[HandshakeType.new_session_ticket] = 'NewSessionTicket';

/** Names the messages in one side's records, switching keys where that side does (RFC 8446 §2). */
async function decodeSide(session: Session, from: 'client' | 'server', bytes: Uint8Array): Promise<Rung['contents'][]> {
  const secrets = session.secrets;
  const keys = {
    handshake: new RecordProtection(await trafficKeys(from === 'client' ? secrets.clientHandshake : secrets.serverHandshake)),
    application: new RecordProtection(await trafficKeys(from === 'client' ? secrets.clientApplication : secrets.serverApplication)),
  };
  let current: Protection = 'none';
  const reader = new RecordReader();
  reader.push(bytes);
  const handshake = new HandshakeReader();
  const perRecord: Rung['contents'][] = [];
  for (let record = reader.next(); record; record = reader.next()) {
    if (record.type === ContentType.change_cipher_spec) {
      perRecord.push([{ name: 'ChangeCipherSpec', protection: 'none' }]);
      continue;
    }
    if (record.type === ContentType.application_data && current === 'none') current = 'handshake';
    let type = record.type;
    let content = record.fragment;
    const protection = current;
    if (current !== 'none') ({ type, content } = await keys[current].open(record));
    const names: Rung['contents'] = [];
    if (type === ContentType.handshake) {
      handshake.push(content);
      for (let m = handshake.next(); m; m = handshake.next()) {
        names.push({ name: HANDSHAKE_NAMES[m.type] ?? `handshake ${m.type}`, protection });
        // Each side switches to its application keys right after the Finished it sends.
        if (m.type === HandshakeType.finished) current = 'application';
      }
    } else if (type === ContentType.application_data) {
      const text = new TextDecoder().decode(content);
      names.push({ name: text.startsWith('HTTP/') ? `HTTP response ${text.split(' ')[1]}` : `HTTP ${text.split(' ').slice(0, 2).join(' ')}`, protection });
    } else if (type === ContentType.alert) {
      names.push({ name: content[1] === 0 ? 'Alert close_notify' : `Alert ${content[1]}`, protection });
    }
    perRecord.push(names);
  }
  return perRecord;
}

/** The rungs of the recorded run, in the order they crossed. */
export async function handshakeRungs(): Promise<Rung[]> {
  const session = await loadSession();
  const serverRecords = session.serverRecords;
  const clientRecords = session.clientRecords;
  const server = await decodeSide(session, 'server', session.serverBytes);
  const client = await decodeSide(session, 'client', session.clientBytes);
  // The order of the exchange: the client's hello, the server's flight, the client's
  // Finished and request together, then everything else the server sent.
  const flightEnd = session.firstProtected + session.flightRecords;
  const rung = (id: string, from: 'client' | 'server', contents: Rung['contents'][], records: Uint8Array[]): Rung => ({
    id,
    from,
    contents: contents.flat(),
    bytes: records.reduce((n, r) => n + r.length, 0),
    records: records.length,
  });
  return [
    rung('client-hello', 'client', client.slice(0, 1), clientRecords.slice(0, 1)),
    rung('server-flight', 'server', server.slice(0, flightEnd), serverRecords.slice(0, flightEnd)),
    rung('client-finished', 'client', client.slice(1), clientRecords.slice(1)),
    rung('server-answer', 'server', server.slice(flightEnd), serverRecords.slice(flightEnd)),
  ];
}

/** The SVG's width and where the two sides stand. */
export const LADDER = { width: 640, top: 40, clientX: 90, serverX: 550, lineHeight: 14, drop: 28, gap: 16 };

/** Where each rung's labels and arrow go: labels stacked above a slanting arrow. */
export function ladderLayout(rungs: Rung[]): { height: number; rows: { labelY: number[]; arrow: { from: Point; to: Point } }[] } {
  let y = LADDER.top;
  const rows = rungs.map((rung) => {
    const labelY = rung.contents.map((_, j) => y + (j + 1) * LADDER.lineHeight);
    const start = y + rung.contents.length * LADDER.lineHeight + 8;
    const [a, b] = rung.from === 'client' ? [LADDER.clientX, LADDER.serverX] : [LADDER.serverX, LADDER.clientX];
    y = start + LADDER.drop + LADDER.gap;
    return { labelY, arrow: { from: { x: a, y: start }, to: { x: b, y: start + LADDER.drop } } };
  });
  return { height: y, rows };
}

/** Each rung's words in each language, from the rung (its size, records and the list of what it carries). */
const RUNG_WORDS: Record<Locale, ((rung: Rung, list: string) => Pick<Step, 'title' | 'text'>)[]> = {
  en: [
    (r) => ({
      title: 'ClientHello, in the clear',
      text: `${r.bytes} bytes in one record: the client's random, its X25519 key share, the name shop.example (SNI) and what it supports. Nothing is secret yet, so nothing is encrypted.`,
    }),
    (r, list) => ({
      title: "The server's whole flight",
      text: `${r.bytes} bytes in ${r.records} records: ${list}. Only the ServerHello (and a ChangeCipherSpec kept for middleboxes) is in the clear; from EncryptedExtensions on, the server's handshake key protects everything, certificate included.`,
    }),
    (r, list) => ({
      title: 'Finished, and the request right behind it',
      text: `${r.bytes} bytes: ${list}. The client checked the certificate, the signature and the server's Finished; its Finished goes under the client handshake key, the request already under the application key. One round trip, then data.`,
    }),
    (r, list) => ({
      title: 'Tickets, the answer, goodbye',
      text: `${r.bytes} bytes: ${list}, all under the server's application key. The tickets would let a later connection resume; this client ignores them.`,
    }),
  ],
  'zh-cn': [
    (r) => ({
      title: 'ClientHello，明文发送',
      text: `一条记录，${r.bytes} 字节：客户端的随机数、它的 X25519 密钥份额、名字 shop.example（SNI）以及它支持的各种能力。此时还没有任何秘密，所以什么都不加密。`,
    }),
    (r, list) => ({
      title: '服务器的整轮发送',
      text: `${r.records} 条记录，共 ${r.bytes} 字节：${list}。只有 ServerHello（以及为中间设备保留的 ChangeCipherSpec）是明文；从 EncryptedExtensions 开始，一切都由服务器的握手密钥保护，证书也不例外。`,
    }),
    (r, list) => ({
      title: 'Finished，请求紧随其后',
      text: `${r.bytes} 字节：${list}。客户端检查了证书、签名和服务器的 Finished；它的 Finished 用客户端握手密钥保护，请求则已经用应用密钥保护。一个往返之后就是数据。`,
    }),
    (r, list) => ({
      title: '票据、应答、告别',
      text: `${r.bytes} 字节：${list}，全部用服务器的应用密钥保护。票据可以让以后的连接恢复会话；这个客户端忽略了它们。`,
    }),
  ],
};

/** The step-through's text for each rung, in `locale`. */
export function ladderSteps(rungs: Rung[], locale: Locale = 'en'): Step[] {
  const list = (r: Rung) => r.contents.map((c) => c.name).join(locale === 'en' ? ', ' : '、');
  return RUNG_WORDS[locale].map((words, i) => ({ ...words(rungs[i]!, list(rungs[i]!)), active: [rungs[i]!.id] }));
}

/** The figure's other words in each language: names, the SVG's title and description, the sides and the key labels. */
export const LADDER_WORDS: Record<Locale, { label: string; scroll: string; title: string; desc: string; client: string; server: string; lock: Record<'none' | 'handshake' | 'application', string> }> = {
  en: {
    label: 'A TLS 1.3 handshake with OpenSSL, rung by rung',
    scroll: 'The handshake ladder (scrolls sideways on a narrow screen)',
    title: "The TLS 1.3 handshake between the lab's client and OpenSSL",
    desc:
      "The client on the left, the server on the right. Four sends: the ClientHello; the server's ServerHello and its encrypted flight ending in Finished; " +
      "the client's Finished with the HTTP request; the server's tickets, answer and close_notify. Each message is labelled with the keys that protected it.",
    client: 'phone (lab client)',
    server: 'shop (OpenSSL)',
    lock: { none: 'clear', handshake: 'hs key', application: 'app key' },
  },
  'zh-cn': {
    label: '与 OpenSSL 的一次 TLS 1.3 握手，逐级展开',
    scroll: '握手阶梯图（窄屏上可横向滚动）',
    title: '实验客户端与 OpenSSL 之间的 TLS 1.3 握手',
    desc:
      '左边是客户端，右边是服务器。共四次发送：ClientHello；服务器的 ServerHello 及以 Finished 结尾的加密发送；客户端的 Finished 连同 HTTP 请求；' +
      '服务器的票据、应答和 close_notify。每条消息都标出了保护它的密钥。',
    client: '手机（实验客户端）',
    server: '商店（OpenSSL）',
    lock: { none: '明文', handshake: '握手密钥', application: '应用密钥' },
  },
};
