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

/** The step-through's text for each rung. */
export function ladderSteps(rungs: Rung[]): Step[] {
  const list = (r: Rung) => r.contents.map((c) => c.name).join(', ');
  const [hello, flight, finished, answer] = rungs;
  return [
    {
      title: 'ClientHello, in the clear',
      text: `${hello!.bytes} bytes in one record: the client's random, its X25519 key share, the name shop.example (SNI) and what it supports. Nothing is secret yet, so nothing is encrypted.`,
      active: [hello!.id],
    },
    {
      title: "The server's whole flight",
      text: `${flight!.bytes} bytes in ${flight!.records} records: ${list(flight!)}. Only the ServerHello (and a ChangeCipherSpec kept for middleboxes) is in the clear; from EncryptedExtensions on, the server's handshake key protects everything, certificate included.`,
      active: [flight!.id],
    },
    {
      title: 'Finished, and the request right behind it',
      text: `${finished!.bytes} bytes: ${list(finished!)}. The client checked the certificate, the signature and the server's Finished; its Finished goes under the client handshake key, the request already under the application key. One round trip, then data.`,
      active: [finished!.id],
    },
    {
      title: 'Tickets, the answer, goodbye',
      text: `${answer!.bytes} bytes: ${list(answer!)}, all under the server's application key. The tickets would let a later connection resume; this client ignores them.`,
      active: [answer!.id],
    },
  ];
}
