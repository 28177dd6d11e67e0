/**
 * The handshake messages of a TLS 1.3 client (RFC 8446 §4): the ClientHello it
 * sends and the server's messages it reads, each a 4-byte header (type, 24-bit
 * length) and a body written in TLS's presentation language (§3).
 */
import { TlsAlert } from '@impl/alerts.ts';
import { ByteReader, ByteWriter, bytesEqual, concat, utf8 } from '@impl/bytes.ts';
import { ExtensionType, GROUP_X25519, HandshakeType, HELLO_RETRY_REQUEST_RANDOM, LEGACY_VERSION, SignatureScheme, TLS13, TLS_AES_128_GCM_SHA256 } from '@impl/constants.ts';
import type { CertificateMessage, CertificateVerify, ClientHello, Extension, HandshakeMessage, ServerHello } from '@impl/handshake-types.ts';

/** A handshake message with its header: type, 24-bit length, body (RFC 8446 §4). */
export function encodeHandshake(type: number, body: Uint8Array): Uint8Array {
  return new ByteWriter().u8(type).vector24(body).bytes();
}

/**
 * Collects handshake bytes from records and hands out whole messages: a message may
 * span records, and a record may hold several messages (RFC 8446 §5.1).
 */
export class HandshakeReader {
  private buffered: Uint8Array = new Uint8Array(0);

  /** Adds the content of a handshake record. */
  push(bytes: Uint8Array): void {
    this.buffered = concat(this.buffered, bytes);
  }

  /** True when bytes of an unfinished message are waiting (keys must not change then, RFC 8446 §5.1). */
  get pending(): boolean {
    return this.buffered.length > 0;
  }

  /** The next complete message, or undefined until all of it has arrived. */
  next(): HandshakeMessage | undefined {
    if (this.buffered.length < 4) return undefined;
    const length = (this.buffered[1]! << 16) | (this.buffered[2]! << 8) | this.buffered[3]!;
    if (this.buffered.length < 4 + length) return undefined;
    const raw = this.buffered.slice(0, 4 + length);
    this.buffered = this.buffered.slice(4 + length);
    return { type: raw[0]!, body: raw.subarray(4), raw };
  }
}

/** server_name with one host_name entry (RFC 6066 §3). */
export function serverNameExtension(hostName: string): Extension {
  const entry = new ByteWriter().u8(0).vector16(utf8(hostName)).bytes();
  return { type: ExtensionType.server_name, data: new ByteWriter().vector16(entry).bytes() };
}

/** supported_groups: a list of 2-byte named groups (RFC 8446 §4.2.7). */
export function supportedGroupsExtension(groups: number[]): Extension {
  return { type: ExtensionType.supported_groups, data: new ByteWriter().vector16(u16s(groups)).bytes() };
}

/** signature_algorithms: a list of 2-byte signature schemes (RFC 8446 §4.2.3). */
export function signatureAlgorithmsExtension(schemes: number[]): Extension {
  return { type: ExtensionType.signature_algorithms, data: new ByteWriter().vector16(u16s(schemes)).bytes() };
}

/** supported_versions in a ClientHello: a 1-byte-length list of versions (RFC 8446 §4.2.1). */
export function supportedVersionsExtension(versions: number[]): Extension {
  return { type: ExtensionType.supported_versions, data: new ByteWriter().vector8(u16s(versions)).bytes() };
}

/** key_share in a ClientHello: a list of {group, key_exchange} entries; here one (RFC 8446 §4.2.8). */
export function keyShareExtension(group: number, publicKey: Uint8Array): Extension {
  const entry = new ByteWriter().u16(group).vector16(publicKey).bytes();
  return { type: ExtensionType.key_share, data: new ByteWriter().vector16(entry).bytes() };
}

/** The whole ClientHello handshake message, header included (RFC 8446 §4.1.2). */
export function encodeClientHello(hello: ClientHello): Uint8Array {
  const extensions = new ByteWriter();
  for (const e of hello.extensions) extensions.u16(e.type).vector16(e.data);
  const body = new ByteWriter()
    .u16(LEGACY_VERSION)
    .raw(hello.random)
    .vector8(hello.sessionId)
    .vector16(u16s(hello.cipherSuites))
    .vector8(Uint8Array.of(0)) // legacy_compression_methods: just "null"
    .vector16(extensions.bytes())
    .bytes();
  return encodeHandshake(HandshakeType.client_hello, body);
}

/**
 * This lab's ClientHello: TLS_AES_128_GCM_SHA256 only, an empty legacy_session_id,
 * and exactly these extensions in this order: server_name, supported_groups [x25519],
 * signature_algorithms [ecdsa_secp256r1_sha256], supported_versions [TLS 1.3],
 * key_share [x25519 with `publicKey`].
 */
export function clientHelloFor(random: Uint8Array, serverName: string, publicKey: Uint8Array): ClientHello {
  return {
    random,
    sessionId: new Uint8Array(0),
    cipherSuites: [TLS_AES_128_GCM_SHA256],
    extensions: [
      serverNameExtension(serverName),
      supportedGroupsExtension([GROUP_X25519]),
      signatureAlgorithmsExtension([SignatureScheme.ecdsa_secp256r1_sha256]),
      supportedVersionsExtension([TLS13]),
      keyShareExtension(GROUP_X25519, publicKey),
    ],
  };
}

/** An extension list (RFC 8446 §4.2): illegal_parameter if a type appears twice. */
export function decodeExtensions(bytes: Uint8Array): Extension[] {
  const reader = new ByteReader(bytes, 'extensions');
  const out: Extension[] = [];
  while (reader.remaining > 0) {
    const type = reader.u16();
    const data = reader.vector16(`extension ${type}`);
    if (out.some((e) => e.type === type)) throw new TlsAlert('illegal_parameter', `extension ${type} appears twice`);
    out.push({ type, data });
  }
  return out;
}

/** The body of a ServerHello or HelloRetryRequest (RFC 8446 §4.1.3, §4.1.4). */
export function decodeServerHello(body: Uint8Array): ServerHello {
  const reader = new ByteReader(body, 'ServerHello');
  const version = reader.u16();
  if (version !== LEGACY_VERSION) throw new TlsAlert('protocol_version', `ServerHello legacy_version must be 0x0303, got 0x${version.toString(16)}`);
  const random = reader.bytes(32, 'random');
  const sessionIdEcho = reader.vector8('legacy_session_id_echo');
  const cipherSuite = reader.u16();
  const compression = reader.u8();
  if (compression !== 0) throw new TlsAlert('illegal_parameter', `ServerHello legacy_compression_method must be 0, got ${compression}`);
  const extensions = decodeExtensions(reader.vector16('extensions'));
  reader.end();
  const isHelloRetryRequest = bytesEqual(random, HELLO_RETRY_REQUEST_RANDOM);
  const hello: ServerHello = { random, sessionIdEcho, cipherSuite, extensions, isHelloRetryRequest };
  const versions = extensions.find((e) => e.type === ExtensionType.supported_versions);
  if (versions) {
    const r = new ByteReader(versions.data, 'supported_versions');
    hello.selectedVersion = r.u16();
    r.end();
  }
  const share = extensions.find((e) => e.type === ExtensionType.key_share);
  if (share && !isHelloRetryRequest) {
    const r = new ByteReader(share.data, 'key_share');
    const group = r.u16();
    const publicKey = r.vector16('key_exchange');
    r.end();
    hello.keyShare = { group, publicKey };
  }
  return hello;
}

/** The body of EncryptedExtensions: just an extension list (RFC 8446 §4.3.1). */
export function decodeEncryptedExtensions(body: Uint8Array): Extension[] {
  const reader = new ByteReader(body, 'EncryptedExtensions');
  const extensions = decodeExtensions(reader.vector16('extensions'));
  reader.end();
  return extensions;
}

/** The body of a Certificate message: a context, then entries of cert_data<1..2^24-1> and extensions (RFC 8446 §4.4.2). */
export function decodeCertificate(body: Uint8Array): CertificateMessage {
  const reader = new ByteReader(body, 'Certificate');
  const context = reader.vector8('certificate_request_context');
  const list = new ByteReader(reader.vector24('certificate_list'), 'certificate_list');
  reader.end();
  const certificates: Uint8Array[] = [];
  while (list.remaining > 0) {
    const der = list.vector24('cert_data');
    if (der.length === 0) throw new TlsAlert('decode_error', 'an empty cert_data');
    certificates.push(der);
    list.vector16('certificate entry extensions');
  }
  return { context, certificates };
}

/** The body of CertificateVerify: a 2-byte scheme and a signature<0..2^16-1> (RFC 8446 §4.4.3). */
export function decodeCertificateVerify(body: Uint8Array): CertificateVerify {
  const reader = new ByteReader(body, 'CertificateVerify');
  const scheme = reader.u16();
  const signature = reader.vector16('signature');
  reader.end();
  return { scheme, signature };
}

/**
 * What a server's CertificateVerify signs (RFC 8446 §4.4.3): 64 bytes of 0x20, the
 * string "TLS 1.3, server CertificateVerify", one 0 byte, then the transcript hash up
 * to and including Certificate.
 */
export function certificateVerifyContent(transcriptHash: Uint8Array): Uint8Array {
  return concat(new Uint8Array(64).fill(0x20), utf8('TLS 1.3, server CertificateVerify'), Uint8Array.of(0), transcriptHash);
}

/** A Finished message, header included: its body is just verify_data (RFC 8446 §4.4.4). */
export function encodeFinished(verifyData: Uint8Array): Uint8Array {
  return encodeHandshake(HandshakeType.finished, verifyData);
}

function u16s(values: number[]): Uint8Array {
  const w = new ByteWriter();
  for (const v of values) w.u16(v);
  return w.bytes();
}
