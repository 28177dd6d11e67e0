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
  throw new Error('TODO(messages): type, 24-bit length, body, RFC 8446 §4');
}

/**
 * Collects handshake bytes from records and hands out whole messages: a message may
 * span records, and a record may hold several messages (RFC 8446 §5.1).
 */
export class HandshakeReader {
  /** Adds the content of a handshake record. */
  push(bytes: Uint8Array): void {
    throw new Error('TODO(messages): keep handshake bytes until a whole message is there');
  }

  /** True when bytes of an unfinished message are waiting (keys must not change then, RFC 8446 §5.1). */
  get pending(): boolean {
    throw new Error('TODO(messages): are bytes of an unfinished message waiting?');
  }

  /** The next complete message, or undefined until all of it has arrived. */
  next(): HandshakeMessage | undefined {
    throw new Error('TODO(messages): the next whole handshake message');
  }
}

/** server_name with one host_name entry (RFC 6066 §3). */
export function serverNameExtension(hostName: string): Extension {
  throw new Error('TODO(messages): server_name, RFC 6066 §3');
}

/** supported_groups: a list of 2-byte named groups (RFC 8446 §4.2.7). */
export function supportedGroupsExtension(groups: number[]): Extension {
  throw new Error('TODO(messages): supported_groups, RFC 8446 §4.2.7');
}

/** signature_algorithms: a list of 2-byte signature schemes (RFC 8446 §4.2.3). */
export function signatureAlgorithmsExtension(schemes: number[]): Extension {
  throw new Error('TODO(messages): signature_algorithms, RFC 8446 §4.2.3');
}

/** supported_versions in a ClientHello: a 1-byte-length list of versions (RFC 8446 §4.2.1). */
export function supportedVersionsExtension(versions: number[]): Extension {
  throw new Error('TODO(messages): supported_versions, RFC 8446 §4.2.1');
}

/** key_share in a ClientHello: a list of {group, key_exchange} entries; here one (RFC 8446 §4.2.8). */
export function keyShareExtension(group: number, publicKey: Uint8Array): Extension {
  throw new Error('TODO(messages): key_share, RFC 8446 §4.2.8');
}

/** The whole ClientHello handshake message, header included (RFC 8446 §4.1.2). */
export function encodeClientHello(hello: ClientHello): Uint8Array {
  throw new Error('TODO(messages): ClientHello, RFC 8446 §4.1.2');
}

/**
 * This lab's ClientHello: TLS_AES_128_GCM_SHA256 only, an empty legacy_session_id,
 * and exactly these extensions in this order: server_name, supported_groups [x25519],
 * signature_algorithms [ecdsa_secp256r1_sha256], supported_versions [TLS 1.3],
 * key_share [x25519 with `publicKey`].
 */
export function clientHelloFor(random: Uint8Array, serverName: string, publicKey: Uint8Array): ClientHello {
  throw new Error('TODO(messages): this lab\'s ClientHello');
}

/** An extension list (RFC 8446 §4.2): illegal_parameter if a type appears twice. */
export function decodeExtensions(bytes: Uint8Array): Extension[] {
  throw new Error('TODO(messages): an extension list, RFC 8446 §4.2');
}

/** The body of a ServerHello or HelloRetryRequest (RFC 8446 §4.1.3, §4.1.4). */
export function decodeServerHello(body: Uint8Array): ServerHello {
  throw new Error('TODO(messages): ServerHello, RFC 8446 §4.1.3');
}

/** The body of EncryptedExtensions: just an extension list (RFC 8446 §4.3.1). */
export function decodeEncryptedExtensions(body: Uint8Array): Extension[] {
  throw new Error('TODO(messages): EncryptedExtensions, RFC 8446 §4.3.1');
}

/** The body of a Certificate message: a context, then entries of cert_data<1..2^24-1> and extensions (RFC 8446 §4.4.2). */
export function decodeCertificate(body: Uint8Array): CertificateMessage {
  throw new Error('TODO(messages): Certificate, RFC 8446 §4.4.2');
}

/** The body of CertificateVerify: a 2-byte scheme and a signature<0..2^16-1> (RFC 8446 §4.4.3). */
export function decodeCertificateVerify(body: Uint8Array): CertificateVerify {
  throw new Error('TODO(messages): CertificateVerify, RFC 8446 §4.4.3');
}

/**
 * What a server's CertificateVerify signs (RFC 8446 §4.4.3): 64 bytes of 0x20, the
 * string "TLS 1.3, server CertificateVerify", one 0 byte, then the transcript hash up
 * to and including Certificate.
 */
export function certificateVerifyContent(transcriptHash: Uint8Array): Uint8Array {
  throw new Error('TODO(messages): the signed content, RFC 8446 §4.4.3');
}

/** A Finished message, header included: its body is just verify_data (RFC 8446 §4.4.4). */
export function encodeFinished(verifyData: Uint8Array): Uint8Array {
  throw new Error('TODO(messages): Finished, RFC 8446 §4.4.4');
}
