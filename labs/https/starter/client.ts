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

  private readonly options: TlsClientOptions;

  constructor(options: TlsClientOptions) {
    this.options = options;
  }

  /** The ClientHello, as a plaintext handshake record; moves to wait-server-hello. */
  async start(): Promise<Uint8Array> {
    throw new Error('TODO(client): send the ClientHello');
  }

  /**
   * Takes bytes from the server. Returns what to send back and any application data
   * that arrived. On any error the client moves to closed, records why in `closure`,
   * and returns the alert to send instead of throwing.
   */
  async receive(data: Uint8Array): Promise<ClientOutput> {
    throw new Error('TODO(client): records in, records out');
  }

  /** Application data as protected records; only once connected. */
  async write(data: Uint8Array): Promise<Uint8Array> {
    throw new Error('TODO(client): protect application data');
  }

  /** A close_notify alert (RFC 8446 §6.1); the client then sends nothing more. */
  async close(): Promise<Uint8Array> {
    throw new Error('TODO(client): close_notify');
  }
}
