/**
 * A TLS 1.3 client, sans-I/O (RFC 8446 §2, Appendix A.1): bytes from the server
 * go in through receive(), bytes for the server come out, and nothing here opens a
 * socket, reads a clock or draws a random number — the client random, the X25519
 * private key and the time come in through the options, so a handshake can be
 * replayed byte for byte.
 */
import { Alert, alertName, TlsAlert, type AlertName } from '@impl/alerts.ts';
import { bytesEqual, concat } from '@impl/bytes.ts';
import { ContentType, GROUP_X25519, HandshakeType, MAX_PLAINTEXT, SignatureScheme, TLS13, TLS_AES_128_GCM_SHA256 } from '@impl/constants.ts';
import { ecdsaP256Sha256Verify, sha256, x25519, x25519KeyPair } from '@impl/crypto.ts';
import { parseCertificate } from '@impl/x509.ts';
import type { CertificateVerify, HandshakeMessage } from '@impl/handshake-types.ts';
import type { TlsRecord } from '@impl/record-types.ts';
import type { ClientClosure, ClientOutput, ClientState, TlsClientOptions } from '@impl/client-types.ts';
import { validateChain } from './certificates.ts';
import { applicationSecrets, finishedVerifyData, handshakeSecrets, trafficKeys } from './key-schedule.ts';
import { certificateVerifyContent, clientHelloFor, decodeCertificate, decodeCertificateVerify, decodeEncryptedExtensions, decodeServerHello, encodeClientHello, encodeFinished, HandshakeReader } from './messages.ts';
import { encodeRecord, RecordProtection, RecordReader } from './record.ts';

/** A TLS 1.3 client for one connection: start(), then receive() what the server sends and write() what the app sends. */
export class TlsClient {
  /** Where the handshake is. */
  state: ClientState = 'start';
  /** Set once the connection has ended (an alert either way, or close_notify). */
  closure?: ClientClosure;

  private readonly records = new RecordReader();
  private readonly handshake = new HandshakeReader();
  private readonly transcript: Uint8Array[] = [];
  private sessionId: Uint8Array = new Uint8Array(0);
  private readProtection?: RecordProtection;
  private writeProtection?: RecordProtection;
  private secrets?: { handshake: Uint8Array; client: Uint8Array; server: Uint8Array };
  private serverKey?: Uint8Array;

  private readonly options: TlsClientOptions;

  constructor(options: TlsClientOptions) {
    this.options = options;
  }

  /** The ClientHello, as a plaintext handshake record; moves to wait-server-hello. */
  async start(): Promise<Uint8Array> {
    if (this.state !== 'start') throw new Error(`start() is called once, in state start (now ${this.state})`);
    const { publicKey } = await x25519KeyPair(this.options.privateKey);
    const hello = clientHelloFor(this.options.random, this.options.serverName, publicKey);
    this.sessionId = hello.sessionId;
    const message = encodeClientHello(hello);
    this.transcript.push(message);
    this.state = 'wait-server-hello';
    return encodeRecord({ type: ContentType.handshake, fragment: message });
  }

  /**
   * Takes bytes from the server. Returns what to send back and any application data
   * that arrived. On any error the client moves to closed, records why in `closure`,
   * and returns the alert to send instead of throwing.
   */
  async receive(data: Uint8Array): Promise<ClientOutput> {
    const out: Uint8Array[] = [];
    const received: Uint8Array[] = [];
    if (this.state === 'closed') return { send: new Uint8Array(0), received: new Uint8Array(0) };
    try {
      this.records.push(data);
      for (let record = this.records.next(); record && !this.closure; record = this.records.next()) {
        await this.onRecord(record, out, received);
      }
    } catch (error) {
      const alert = error instanceof TlsAlert ? error : new TlsAlert('internal_error', String(error));
      out.push(await this.alertRecord(alert.alert));
      this.closure = { alert: alert.alert, sentByClient: true, reason: alert.message };
      this.state = 'closed';
    }
    return { send: concat(...out), received: concat(...received) };
  }

  /** Application data as protected records; only once connected. */
  async write(data: Uint8Array): Promise<Uint8Array> {
    if (this.state !== 'connected' || !this.writeProtection) throw new Error(`write() needs a connected client, not one in state ${this.state}`);
    const out: Uint8Array[] = [];
    for (let at = 0; at < data.length; at += MAX_PLAINTEXT) {
      out.push(await this.writeProtection.seal(ContentType.application_data, data.subarray(at, at + MAX_PLAINTEXT)));
    }
    return concat(...out);
  }

  /** A close_notify alert (RFC 8446 §6.1); the client then sends nothing more. */
  async close(): Promise<Uint8Array> {
    const record = await this.alertRecord('close_notify');
    this.closure ??= { alert: 'close_notify', sentByClient: true, reason: 'closed by the client' };
    this.state = 'closed';
    return record;
  }

  private async onRecord(record: TlsRecord, out: Uint8Array[], received: Uint8Array[]): Promise<void> {
    // A compatibility change_cipher_spec (a single 0x01) may arrive during the
    // handshake and is dropped unprotected (RFC 8446 §5).
    if (record.type === ContentType.change_cipher_spec) {
      if (this.state === 'connected' || !bytesEqual(record.fragment, Uint8Array.of(1))) {
        throw new TlsAlert('unexpected_message', 'change_cipher_spec outside the handshake');
      }
      return;
    }
    let type = record.type;
    let content = record.fragment;
    if (this.readProtection) {
      ({ type, content } = await this.readProtection.open(record));
    } else if (type === ContentType.application_data) {
      throw new TlsAlert('unexpected_message', 'a protected record before the ServerHello');
    }
    if (type === ContentType.alert) return this.onAlert(content);
    if (type === ContentType.application_data) {
      if (this.state !== 'connected') throw new TlsAlert('unexpected_message', `application data in state ${this.state}`);
      received.push(content);
      return;
    }
    if (type !== ContentType.handshake) throw new TlsAlert('unexpected_message', `record type ${type} in state ${this.state}`);
    if (content.length === 0) throw new TlsAlert('unexpected_message', 'an empty handshake record');
    this.handshake.push(content);
    for (let message = this.handshake.next(); message && !this.closure; message = this.handshake.next()) {
      await this.onHandshake(message, out);
    }
  }

  private onAlert(content: Uint8Array): void {
    const name = alertName(content[1] ?? -1) ?? 'internal_error';
    this.closure = { alert: name, sentByClient: false, reason: `the server sent alert ${content[1]}` };
    this.state = 'closed';
  }

  private async onHandshake(message: HandshakeMessage, out: Uint8Array[]): Promise<void> {
    const expected: Partial<Record<ClientState, number>> = {
      'wait-server-hello': HandshakeType.server_hello,
      'wait-encrypted-extensions': HandshakeType.encrypted_extensions,
      'wait-certificate': HandshakeType.certificate,
      'wait-certificate-verify': HandshakeType.certificate_verify,
      'wait-finished': HandshakeType.finished,
    };
    if (this.state === 'connected') {
      // Session tickets are for resumption, which this client does not do (RFC 8446 §4.6.1).
      if (message.type === HandshakeType.new_session_ticket) return;
      throw new TlsAlert('unexpected_message', `handshake message ${message.type} after the handshake`);
    }
    if (message.type !== expected[this.state]) {
      throw new TlsAlert('unexpected_message', `handshake message ${message.type} in state ${this.state}, expected ${expected[this.state]}`);
    }
    switch (this.state) {
      case 'wait-server-hello':
        return this.onServerHello(message);
      case 'wait-encrypted-extensions':
        decodeEncryptedExtensions(message.body);
        this.transcript.push(message.raw);
        this.state = 'wait-certificate';
        return;
      case 'wait-certificate':
        return this.onCertificate(message);
      case 'wait-certificate-verify':
        return this.onCertificateVerify(message);
      default:
        return this.onFinished(message, out);
    }
  }

  private async onServerHello(message: HandshakeMessage): Promise<void> {
    const hello = decodeServerHello(message.body);
    if (hello.isHelloRetryRequest) {
      // We offered x25519, the only group we support: a retry cannot ask for anything we can send (RFC 8446 §4.1.4).
      throw new TlsAlert('illegal_parameter', 'a HelloRetryRequest, but x25519 was already offered');
    }
    if (hello.selectedVersion !== TLS13) throw new TlsAlert('protocol_version', `the server chose version ${hello.selectedVersion ?? '1.2 or older (no supported_versions)'}`);
    if (hello.cipherSuite !== TLS_AES_128_GCM_SHA256) throw new TlsAlert('illegal_parameter', `the server chose cipher suite 0x${hello.cipherSuite.toString(16)}, which was not offered`);
    if (!bytesEqual(hello.sessionIdEcho, this.sessionId)) throw new TlsAlert('illegal_parameter', 'legacy_session_id_echo differs from the ClientHello');
    if (!hello.keyShare) throw new TlsAlert('missing_extension', 'the ServerHello has no key_share');
    if (hello.keyShare.group !== GROUP_X25519) throw new TlsAlert('illegal_parameter', `the server's key share is for group ${hello.keyShare.group}, not x25519`);
    // Keys change after the ServerHello: it must end its record (RFC 8446 §5.1).
    if (this.handshake.pending) throw new TlsAlert('unexpected_message', 'handshake bytes after the ServerHello in the same record');
    this.transcript.push(message.raw);
    const shared = await x25519(this.options.privateKey, hello.keyShare.publicKey);
    const secrets = await handshakeSecrets(shared, await this.transcriptHash());
    this.secrets = { handshake: secrets.handshakeSecret, client: secrets.clientHandshakeTrafficSecret, server: secrets.serverHandshakeTrafficSecret };
    this.readProtection = new RecordProtection(await trafficKeys(secrets.serverHandshakeTrafficSecret));
    this.writeProtection = new RecordProtection(await trafficKeys(secrets.clientHandshakeTrafficSecret));
    this.state = 'wait-encrypted-extensions';
  }

  private async onCertificate(message: HandshakeMessage): Promise<void> {
    const { certificates } = decodeCertificate(message.body);
    await validateChain(certificates, { serverName: this.options.serverName, now: this.options.now, trustAnchors: this.options.trustAnchors });
    this.serverKey = parseCertificate(certificates[0]!).subjectPublicKeyInfo;
    this.transcript.push(message.raw);
    this.state = 'wait-certificate-verify';
  }

  private async onCertificateVerify(message: HandshakeMessage): Promise<void> {
    const { scheme, signature } = decodeCertificateVerify(message.body);
    if (scheme !== SignatureScheme.ecdsa_secp256r1_sha256) throw new TlsAlert('illegal_parameter', `CertificateVerify uses scheme 0x${scheme.toString(16)}, which was not offered`);
    const content = certificateVerifyContent(await this.transcriptHash());
    if (!(await ecdsaP256Sha256Verify(this.serverKey!, signature, content))) {
      throw new TlsAlert('decrypt_error', 'the CertificateVerify signature does not verify with the certificate key');
    }
    this.transcript.push(message.raw);
    this.state = 'wait-finished';
  }

  private async onFinished(message: HandshakeMessage, out: Uint8Array[]): Promise<void> {
    const secrets = this.secrets!;
    const expected = await finishedVerifyData(secrets.server, await this.transcriptHash());
    if (!bytesEqual(message.body, expected)) throw new TlsAlert('decrypt_error', "the server's Finished does not match the transcript");
    if (this.handshake.pending) throw new TlsAlert('unexpected_message', 'handshake bytes after the server Finished in the same record');
    this.transcript.push(message.raw);
    const serverFinishedHash = await this.transcriptHash();
    const application = await applicationSecrets(secrets.handshake, serverFinishedHash);
    const finished = encodeFinished(await finishedVerifyData(secrets.client, serverFinishedHash));
    out.push(await this.writeProtection!.seal(ContentType.handshake, finished));
    this.readProtection = new RecordProtection(await trafficKeys(application.serverApplicationTrafficSecret));
    this.writeProtection = new RecordProtection(await trafficKeys(application.clientApplicationTrafficSecret));
    this.state = 'connected';
  }

  private async transcriptHash(): Promise<Uint8Array> {
    return sha256(concat(...this.transcript));
  }

  /** An alert record: level fatal (2), or warning (1) for close_notify; protected once keys exist (RFC 8446 §6). */
  private async alertRecord(name: AlertName): Promise<Uint8Array> {
    const content = Uint8Array.of(name === 'close_notify' ? 1 : 2, Alert[name]);
    if (this.writeProtection) return this.writeProtection.seal(ContentType.alert, content);
    return encodeRecord({ type: ContentType.alert, fragment: content });
  }
}
