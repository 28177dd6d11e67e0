/**
 * Stage messages: the handshake messages a TLS 1.3 client writes and reads (RFC 8446
 * §4): RFC 8448's ClientHello encoded byte for byte, its ServerHello and encrypted
 * flight decoded, a HelloRetryRequest recognized, the ClientHello OpenSSL accepted
 * rebuilt, and malformed input refused with the right alert.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectBytes, fromHex } from '@lab-kit';
import { HELLO_RETRY_REQUEST_RANDOM } from '@impl/constants.ts';
import { x25519KeyPair } from '@impl/crypto.ts';
import {
  certificateVerifyContent,
  clientHelloFor,
  decodeCertificate,
  decodeCertificateVerify,
  decodeEncryptedExtensions,
  decodeServerHello,
  encodeClientHello,
  encodeFinished,
  HandshakeReader,
  keyShareExtension,
  serverNameExtension,
  signatureAlgorithmsExtension,
  supportedGroupsExtension,
  supportedVersionsExtension,
} from '@impl/messages.ts';
import * as v from './fixtures/rfc8448.ts';
import { expectAlert } from './fixtures/expect-alert.ts';
import { splitHandshake } from './fixtures/reference-tls.ts';
import { loadSession } from './fixtures/session.ts';

const SEE_CH = `${v.SEE}; RFC 8446 §4.1.2`;


/** RFC 8448's ServerHello body with some bytes replaced. */
function serverHelloWith(at: number, bytes: number[]): Uint8Array {
  const body = new Uint8Array(v.SERVER_HELLO.subarray(4));
  body.set(bytes, at);
  return body;
}

describe('ClientHello (RFC 8446 §4.1.2)', () => {
  it("encodes RFC 8448's ClientHello byte for byte", () => {
    const raw = (type: number, hex: string) => ({ type, data: fromHex(hex) });
    const hello = encodeClientHello({
      random: v.CLIENT_RANDOM,
      sessionId: new Uint8Array(0),
      cipherSuites: [0x1301, 0x1303, 0x1302],
      extensions: [
        serverNameExtension('server'),
        raw(0xff01, '00'), // renegotiation_info, RFC 5746
        supportedGroupsExtension([0x001d, 0x0017, 0x0018, 0x0019, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104]),
        raw(0x0023, ''), // session_ticket, RFC 5077
        keyShareExtension(0x001d, v.CLIENT_PUBLIC_KEY),
        supportedVersionsExtension([0x0304]),
        signatureAlgorithmsExtension([0x0403, 0x0503, 0x0603, 0x0203, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0201, 0x0402, 0x0502, 0x0602, 0x0202]),
        raw(0x002d, '01 01'), // psk_key_exchange_modes
        raw(0x001c, '40 01'), // record_size_limit, RFC 8449
      ],
    });
    expectBytes(hello, v.CLIENT_HELLO, {
      what: "RFC 8448's ClientHello",
      fields: [
        { name: 'msg_type', offset: 0, length: 1 },
        { name: 'length (24 bits)', offset: 1, length: 3 },
        { name: 'legacy_version', offset: 4, length: 2 },
        { name: 'random', offset: 6, length: 32 },
        { name: 'legacy_session_id', offset: 38, length: 1 },
        { name: 'cipher_suites', offset: 39, length: 8 },
        { name: 'legacy_compression_methods', offset: 47, length: 2 },
        { name: 'extensions length', offset: 49, length: 2 },
        { name: 'server_name', offset: 51, length: 15 },
        { name: 'renegotiation_info', offset: 66, length: 5 },
        { name: 'supported_groups', offset: 71, length: 24 },
        { name: 'session_ticket', offset: 95, length: 4 },
        { name: 'key_share', offset: 99, length: 42 },
        { name: 'supported_versions', offset: 141, length: 7 },
        { name: 'signature_algorithms', offset: 148, length: 36 },
        { name: 'psk_key_exchange_modes', offset: 184, length: 6 },
        { name: 'record_size_limit', offset: 190, length: 6 },
      ],
      see: SEE_CH,
    });
  });

  it('clientHelloFor builds the ClientHello that OpenSSL accepted in the recorded session', async () => {
    const s = await loadSession();
    const { publicKey } = await x25519KeyPair(s.privateKey);
    expectBytes(encodeClientHello(clientHelloFor(s.random, s.serverName, publicKey)), s.clientHello, {
      what: "this lab's ClientHello for shop.example",
      see: 'clientHelloFor\'s doc comment (the order of the extensions) and the recorded session in tests/fixtures/openssl-session.ts',
    });
  });

  it('puts a 32-byte session id in the ClientHello with its 1-byte length', () => {
    const sessionId = new Uint8Array(32).fill(0xee);
    const hello = encodeClientHello({ random: v.CLIENT_RANDOM, sessionId, cipherSuites: [0x1301], extensions: [] });
    expectBytes(hello.subarray(38, 71), new Uint8Array([32, ...sessionId]), { what: 'legacy_session_id', see: 'RFC 8446 §4.1.2' });
    expect(hello.length, 'header 4 + version 2 + random 32 + session id 33 + suites 4 + compression 2 + extensions 2').toBe(79);
  });
});

describe('ServerHello (RFC 8446 §4.1.3)', () => {
  it("decodes RFC 8448's ServerHello: random, suite, TLS 1.3 and the x25519 key share", () => {
    const hello = decodeServerHello(v.SERVER_HELLO.subarray(4));
    expectBytes(hello.random, v.SERVER_RANDOM, { what: 'random', see: v.SEE });
    expect(hello.sessionIdEcho.length, 'legacy_session_id_echo (the client sent none)').toBe(0);
    expect(hello.cipherSuite, 'TLS_AES_128_GCM_SHA256').toBe(0x1301);
    expect(hello.selectedVersion, 'supported_versions selects TLS 1.3 (RFC 8446 §4.2.1)').toBe(0x0304);
    expect(hello.keyShare?.group, 'key_share group x25519').toBe(0x001d);
    expectBytes(hello.keyShare!.publicKey, v.SERVER_PUBLIC_KEY, { what: "the server's key share", see: 'RFC 8446 §4.2.8' });
    expect(hello.isHelloRetryRequest).toBe(false);
    expect(hello.extensions.map((e) => e.type), 'the extensions in order').toEqual([0x0033, 0x002b]);
  });

  it('recognizes a HelloRetryRequest by its special random, and reads only a group in its key_share', () => {
    const body = new Uint8Array([0x03, 0x03, ...HELLO_RETRY_REQUEST_RANDOM, 0x00, 0x13, 0x01, 0x00, 0x00, 0x0c, 0x00, 0x2b, 0x00, 0x02, 0x03, 0x04, 0x00, 0x33, 0x00, 0x02, 0x00, 0x17]);
    const hello = decodeServerHello(body);
    expect(hello.isHelloRetryRequest, 'RFC 8446 §4.1.3: this random means HelloRetryRequest').toBe(true);
    expect(hello.selectedVersion).toBe(0x0304);
    expect(hello.keyShare, 'a HelloRetryRequest key_share names a group only (RFC 8446 §4.2.8)').toBeUndefined();
    const almost = new Uint8Array(body);
    almost[33]! ^= 1;
    expectAlert(() => decodeServerHello(almost), 'decode_error', 'with a random one bit off, it is an ordinary ServerHello whose 2-byte key_share cannot be read');
  });

  it('refuses a legacy_version other than 0x0303 with protocol_version', () => {
    expectAlert(() => decodeServerHello(serverHelloWith(0, [0x03, 0x04])), 'protocol_version', 'RFC 8446 §4.1.3: legacy_version is 0x0303');
  });

  it('refuses a compression method other than 0 with illegal_parameter', () => {
    expectAlert(() => decodeServerHello(serverHelloWith(37, [0x01])), 'illegal_parameter', 'RFC 8446 §4.1.3: legacy_compression_method is 0');
  });

  it('refuses the same extension twice with illegal_parameter', () => {
    const body = new Uint8Array([...v.SERVER_HELLO.subarray(4, 38), 0x00, 0x13, 0x01, 0x00, 0x00, 0x0c, 0x00, 0x2b, 0x00, 0x02, 0x03, 0x04, 0x00, 0x2b, 0x00, 0x02, 0x03, 0x04]);
    expectAlert(() => decodeServerHello(body), 'illegal_parameter', 'RFC 8446 §4.2: no two extensions of one type');
  });

  it('refuses a ServerHello cut short anywhere, or with bytes left over, with decode_error', () => {
    const body = v.SERVER_HELLO.subarray(4);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: body.length - 1 }), (cut) => {
        expectAlert(() => decodeServerHello(body.subarray(0, cut)), 'decode_error', `the first ${cut} bytes only`);
      }),
      { numRuns: 40 },
    );
    expectAlert(() => decodeServerHello(new Uint8Array([...body, 0])), 'decode_error', 'one byte after the extensions');
  });
});

describe("the server's encrypted flight (RFC 8446 §4.3–§4.4)", () => {
  const messages = splitHandshake(v.SERVER_FLIGHT);

  it('HandshakeReader frames the four messages however the bytes arrive', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: v.SERVER_FLIGHT.length - 1 }), { maxLength: 10 }), (cuts) => {
        const reader = new HandshakeReader();
        const got: number[] = [];
        let from = 0;
        for (const to of [...cuts.sort((a, b) => a - b), v.SERVER_FLIGHT.length]) {
          reader.push(v.SERVER_FLIGHT.slice(from, to));
          from = to;
          for (let m = reader.next(); m; m = reader.next()) {
            got.push(m.type);
            expectBytes(m.raw, messages[got.length - 1]!, { what: `message ${got.length} with its header`, see: 'RFC 8446 §4' });
          }
        }
        expect(got, `message types, cut at ${cuts.join(', ')}`).toEqual([8, 11, 15, 20]);
        expect(reader.pending, 'nothing left over').toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('HandshakeReader gives back a message with an empty body as soon as its 4-byte header is in', () => {
    const reader = new HandshakeReader();
    reader.push(fromHex('05 00 00 00'));
    expect(reader.next()?.type, 'EndOfEarlyData has an empty body (RFC 8446 §4.5)').toBe(5);
  });

  it('HandshakeReader says when part of a message is waiting', () => {
    const reader = new HandshakeReader();
    reader.push(messages[0]!.subarray(0, 10));
    expect(reader.next()).toBeUndefined();
    expect(reader.pending, 'ten bytes of EncryptedExtensions').toBe(true);
    reader.push(messages[0]!.subarray(10));
    expect(reader.next()?.body.length).toBe(0x24);
    expect(reader.pending).toBe(false);
  });

  it('decodes EncryptedExtensions: supported_groups, record_size_limit and an empty server_name', () => {
    const extensions = decodeEncryptedExtensions(messages[0]!.subarray(4));
    expect(extensions.map((e) => [e.type, e.data.length]), 'RFC 8448 §3').toEqual([
      [0x000a, 0x14],
      [0x001c, 2],
      [0x0000, 0],
    ]);
  });

  it('decodes Certificate: an empty context and one 432-byte certificate', () => {
    const certificate = decodeCertificate(messages[1]!.subarray(4));
    expect(certificate.context.length, 'certificate_request_context is empty for a server (RFC 8446 §4.4.2)').toBe(0);
    expect(certificate.certificates.map((c) => c.length)).toEqual([432]);
    expectBytes(certificate.certificates[0]!.subarray(0, 4), fromHex('30 82 01 ac'), { what: 'the start of the DER certificate', see: v.SEE });
  });

  it('decodes a Certificate with a chain of several entries, each with its extensions', () => {
    const entry = (der: number[], ext: number[]) => [0, 0, der.length, ...der, 0, ext.length, ...ext];
    const list = [...entry([0x30, 0x01, 0xaa], [0x00, 0x05, 0x00, 0x00]), ...entry([0x30, 0x00], [])];
    const body = new Uint8Array([0, 0, 0, list.length, ...list]);
    expect(decodeCertificate(body).certificates.map((c) => Array.from(c))).toEqual([[0x30, 0x01, 0xaa], [0x30, 0x00]]);
  });

  it('decodes CertificateVerify: scheme rsa_pss_rsae_sha256 and a 128-byte signature', () => {
    const verify = decodeCertificateVerify(messages[2]!.subarray(4));
    expect(verify.scheme).toBe(0x0804);
    expect(verify.signature.length).toBe(128);
    expectBytes(verify.signature.subarray(0, 4), fromHex('5a 74 7c 5d'), { what: 'the signature', see: v.SEE });
  });

  it('builds the content a server signs in CertificateVerify', () => {
    const hash = new Uint8Array(32).fill(0xab);
    const content = certificateVerifyContent(hash);
    const context = new TextEncoder().encode('TLS 1.3, server CertificateVerify');
    expectBytes(content, new Uint8Array([...new Uint8Array(64).fill(0x20), ...context, 0, ...hash]), { what: 'the signed content', see: 'RFC 8446 §4.4.3' });
  });

  it('encodes Finished as type 20 with verify_data as its body', () => {
    expectBytes(encodeFinished(v.SERVER_VERIFY_DATA), messages[3]!, { what: "RFC 8448's server Finished", see: 'RFC 8446 §4.4.4' });
  });

  it('refuses a truncated Certificate, CertificateVerify or EncryptedExtensions with decode_error', () => {
    expectAlert(() => decodeCertificate(messages[1]!.subarray(4, 100)), 'decode_error', 'Certificate cut at 96 bytes');
    expectAlert(() => decodeCertificateVerify(messages[2]!.subarray(4, 50)), 'decode_error', 'CertificateVerify cut at 46 bytes');
    expectAlert(() => decodeEncryptedExtensions(messages[0]!.subarray(4, 20)), 'decode_error', 'EncryptedExtensions cut at 16 bytes');
    expectAlert(() => decodeCertificate(new Uint8Array([0, 0, 0, 5, 0, 0, 0, 0, 0])), 'decode_error', 'an empty cert_data (RFC 8446 §4.4.2: opaque cert_data<1..2^24-1>)');
  });

  it('refuses bytes after the end of EncryptedExtensions, Certificate, CertificateVerify or supported_versions with decode_error', () => {
    const extra = (m: Uint8Array) => new Uint8Array([...m.subarray(4), 0]);
    expectAlert(() => decodeEncryptedExtensions(extra(messages[0]!)), 'decode_error', 'EncryptedExtensions and one more byte');
    expectAlert(() => decodeCertificate(extra(messages[1]!)), 'decode_error', 'Certificate and one more byte');
    expectAlert(() => decodeCertificateVerify(extra(messages[2]!)), 'decode_error', 'CertificateVerify and one more byte');
    const body = new Uint8Array([...v.SERVER_HELLO.subarray(4, 38), 0x00, 0x13, 0x01, 0x00, 0x00, 0x07, 0x00, 0x2b, 0x00, 0x03, 0x03, 0x04, 0x00]);
    expectAlert(() => decodeServerHello(body), 'decode_error', 'supported_versions with a byte after the version');
    const share = new Uint8Array([...v.SERVER_HELLO.subarray(4, 38), 0x00, 0x13, 0x01, 0x00, 0x00, 0x29, 0x00, 0x33, 0x00, 0x25, 0x00, 0x1d, 0x00, 0x20, ...v.SERVER_PUBLIC_KEY, 0x00]);
    expectAlert(() => decodeServerHello(share), 'decode_error', 'key_share with a byte after the key');
  });
});
