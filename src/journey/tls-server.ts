/**
 * The edge's side of TLS, scripted: it answers the ClientHello with the
 * server flight OpenSSL sent in the session recorded for the trip
 * (tls-recording.ts, SNI www.shop.example; the phone's hello random and key
 * share are that session's, so the same hello gets the same, valid, flight),
 * then protects application data with the traffic secrets OpenSSL logged. It
 * is built on the https tests' own record code, never on the learner's, and
 * its key log lets Wireshark decrypt the capture.
 */
import { concat, bytesEqual } from '../../labs/https/given/bytes.ts';
import { keysOf, openRecord, sealRecord, splitRecords } from '../../labs/https/tests/fixtures/reference-tls.ts';
import { takeApart, type Session } from '../../labs/https/tests/fixtures/session.ts';
import { TLS_RECORDING } from './tls-recording.ts';

/** OpenSSL's key log of the recorded session (NSS format): it decrypts the trip's TLS. */
export const KEYLOG = TLS_RECORDING.keylog;

const HANDSHAKE = 22;
const APPLICATION_DATA = 23;
const ALERT = 21;

type Keys = { key: Uint8Array; iv: Uint8Array };
type SessionKeys = { clientHandshake: Keys; clientApplication: Keys; serverApplication: Keys };

/** What the server made of some bytes from the client. */
export interface ServerStep {
  /** Records to send back. */
  send: Uint8Array;
  /** Application data the client sent (requests). */
  received: Uint8Array;
  /** What happened, for the timeline. */
  notes: string[];
}

let session: Promise<Session> | undefined;

/** The recorded session (taken apart once), for the phone's TLS client options and the edge's answers. */
export function recordedSession(): Promise<Session> {
  session ??= takeApart(TLS_RECORDING);
  return session;
}

/** One server connection. */
export class ScriptedTlsServer {
  readonly #session: Session;
  readonly #keys: SessionKeys;
  #buffer: Uint8Array = new Uint8Array(0);
  #state: 'hello' | 'finished' | 'application' = 'hello';
  #clientSeq = 0;
  #serverSeq = 0;

  private constructor(session: Session, keys: SessionKeys) {
    this.#session = session;
    this.#keys = keys;
  }

  /** A server for a fresh connection. */
  static async create(): Promise<ScriptedTlsServer> {
    const session = await recordedSession();
    const { secrets } = session;
    return new ScriptedTlsServer(session, {
      clientHandshake: await keysOf(secrets.clientHandshake),
      clientApplication: await keysOf(secrets.clientApplication),
      serverApplication: await keysOf(secrets.serverApplication),
    });
  }

  /** Takes bytes from the client; throws when they are not the session the server can continue. */
  async receive(bytes: Uint8Array): Promise<ServerStep> {
    this.#buffer = concat(this.#buffer, bytes);
    const records = splitRecords(this.#buffer);
    const complete = records.filter((r) => r.length === 5 + ((r[3]! << 8) | r[4]!));
    this.#buffer = this.#buffer.slice(complete.reduce((n, r) => n + r.length, 0));
    const step: ServerStep = { send: new Uint8Array(0), received: new Uint8Array(0), notes: [] };
    const sent: Uint8Array[] = [];
    const received: Uint8Array[] = [];
    for (const record of complete) {
      if (this.#state === 'hello') {
        if (record[0] !== HANDSHAKE || !bytesEqual(record, this.#session.clientRecords[0]!)) {
          throw new Error('the ClientHello is not the one this edge can answer (its random, key share or extensions differ)');
        }
        const flight = this.#session.serverRecords.slice(0, this.#session.firstProtected + this.#session.flightRecords);
        sent.push(...flight);
        step.notes.push(`ClientHello for ${this.#session.serverName}; sends ServerHello, then EncryptedExtensions, Certificate, CertificateVerify, Finished in ${this.#session.flightRecords} protected records`);
        this.#state = 'finished';
      } else if (this.#state === 'finished') {
        if (record[0] !== APPLICATION_DATA) continue;
        const inner = await openRecord(this.#keys.clientHandshake, 0, record);
        if (inner[inner.length - 1] !== HANDSHAKE || inner[0] !== 20) throw new Error('expected the client Finished');
        step.notes.push('client Finished decrypted; application keys in use');
        this.#state = 'application';
      } else {
        const inner = await openRecord(this.#keys.clientApplication, this.#clientSeq++, record);
        const type = inner[inner.length - 1];
        if (type === APPLICATION_DATA) received.push(inner.subarray(0, inner.length - 1));
        else if (type === ALERT) step.notes.push('client sent an alert');
      }
    }
    step.send = concat(...sent);
    step.received = concat(...received);
    return step;
  }

  /** Protects application data for the client. */
  async write(data: Uint8Array): Promise<Uint8Array> {
    return sealRecord(this.#keys.serverApplication, this.#serverSeq++, APPLICATION_DATA, data);
  }
}
