/**
 * A small X.509 certificate parser (RFC 5280 §4.1): DER in, the fields a TLS
 * client checks out. It decodes only what this lab needs and does no checking of
 * its own: whether a certificate should be trusted is the job of your
 * certificates.ts. A certificate it cannot parse throws TlsAlert('bad_certificate').
 * This file is complete.
 */
import { TlsAlert } from './alerts.ts';
import { bytesEqual } from './bytes.ts';

/** A distinguished name: its DER (compare issuer and subject by these bytes, RFC 5280 §7.1) and a readable form. */
export interface DistinguishedName {
  der: Uint8Array;
  /** The commonName attribute, if any (for messages only: names are checked against subjectAltNames). */
  commonName?: string;
  /** e.g. "CN=Packet Journey Root CA, O=Packet Journey". */
  text: string;
}

/** The fields of one certificate that a TLS client uses. */
export interface Certificate {
  /** The whole certificate, DER. */
  der: Uint8Array;
  /** The signed part, tbsCertificate, exactly as it appears in `der`: the issuer's signature covers these bytes. */
  tbs: Uint8Array;
  /** OID of the issuer's signature algorithm, e.g. "1.2.840.10045.4.3.2" (ecdsa-with-SHA256). */
  signatureAlgorithm: string;
  /** The issuer's signature (for ECDSA: a DER Ecdsa-Sig-Value). */
  signature: Uint8Array;
  /** The serial number, as hex. */
  serialNumber: string;
  issuer: DistinguishedName;
  subject: DistinguishedName;
  notBefore: Date;
  notAfter: Date;
  /** SubjectPublicKeyInfo, DER: give it to ecdsaP256Sha256Verify. */
  subjectPublicKeyInfo: Uint8Array;
  /** OID of the key's algorithm, e.g. "1.2.840.10045.2.1" (id-ecPublicKey). */
  publicKeyAlgorithm: string;
  /** For an EC key, the curve's OID, e.g. "1.2.840.10045.3.1.7" (P-256). */
  namedCurve?: string;
  /** The dNSName entries of subjectAltName (RFC 5280 §4.2.1.6), as written. */
  dnsNames: string[];
  /** basicConstraints (RFC 5280 §4.2.1.9), absent when the extension is. */
  basicConstraints?: { ca: boolean; pathLength?: number };
  /** keyUsage (RFC 5280 §4.2.1.3), absent when the extension is. */
  keyUsage?: { digitalSignature: boolean; keyCertSign: boolean };
}

export const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecPublicKey: '1.2.840.10045.2.1',
  p256: '1.2.840.10045.3.1.7',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
} as const;

const SHORT_NAMES: Record<string, string> = { [OID.commonName]: 'CN', [OID.organization]: 'O', '2.5.4.6': 'C' };

interface Tlv {
  tag: number;
  /** The contents. */
  value: Uint8Array;
  /** Tag, length and contents. */
  whole: Uint8Array;
}

function fail(message: string): never {
  throw new TlsAlert('bad_certificate', `X.509: ${message}`);
}

/** Reads the DER elements of one constructed value in order. */
class Der {
  private at = 0;
  private readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  get done(): boolean {
    return this.at >= this.bytes.length;
  }

  peekTag(): number | undefined {
    return this.bytes[this.at];
  }

  next(expectedTag?: number): Tlv {
    const start = this.at;
    const tag = this.bytes[this.at++];
    if (tag === undefined) fail('a field is missing');
    let length = this.bytes[this.at++];
    if (length === undefined) fail('truncated length');
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count === 0 || count > 3) fail(`unsupported length of ${count} bytes`);
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + (this.bytes[this.at++] ?? fail('truncated length'));
    }
    const value = this.bytes.subarray(this.at, this.at + length);
    if (value.length !== length) fail(`a value of ${length} bytes runs past the end`);
    this.at += length;
    if (expectedTag !== undefined && tag !== expectedTag) fail(`expected tag 0x${expectedTag.toString(16)}, got 0x${tag.toString(16)}`);
    return { tag, value, whole: this.bytes.subarray(start, this.at) };
  }
}

function oid(value: Uint8Array): string {
  const parts = [Math.floor(value[0]! / 40), value[0]! % 40];
  let n = 0;
  for (const b of value.subarray(1)) {
    n = n * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(n);
      n = 0;
    }
  }
  return parts.join('.');
}

function text(value: Uint8Array): string {
  return new TextDecoder().decode(value);
}

function name(tlv: Tlv): DistinguishedName {
  const parts: string[] = [];
  let commonName: string | undefined;
  const rdns = new Der(tlv.value);
  while (!rdns.done) {
    const set = new Der(rdns.next(0x31).value);
    while (!set.done) {
      const attr = new Der(set.next(0x30).value);
      const type = oid(attr.next(0x06).value);
      const value = text(attr.next().value);
      if (type === OID.commonName) commonName = value;
      parts.push(`${SHORT_NAMES[type] ?? type}=${value}`);
    }
  }
  return { der: tlv.whole, text: parts.join(', '), ...(commonName !== undefined ? { commonName } : {}) };
}

function time(tlv: Tlv): Date {
  const s = text(tlv.value);
  // UTCTime YYMMDDHHMMSSZ (years 1950–2049) or GeneralizedTime YYYYMMDDHHMMSSZ (RFC 5280 §4.1.2.5).
  const m = tlv.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) fail(`bad time "${s}"`);
  let year = Number(m[1]);
  if (tlv.tag === 0x17) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

function extensions(tlv: Tlv, cert: Certificate): void {
  const list = new Der(new Der(tlv.value).next(0x30).value);
  while (!list.done) {
    const ext = new Der(list.next(0x30).value);
    const id = oid(ext.next(0x06).value);
    if (ext.peekTag() === 0x01) ext.next(); // critical
    const value = new Der(ext.next(0x04).value).next();
    if (id === OID.subjectAltName) {
      const names = new Der(value.value);
      while (!names.done) {
        const general = names.next();
        if (general.tag === 0x82) cert.dnsNames.push(text(general.value));
      }
    } else if (id === OID.basicConstraints) {
      const fields = new Der(value.value);
      const ca = fields.peekTag() === 0x01 ? fields.next().value[0] !== 0 : false;
      cert.basicConstraints = fields.peekTag() === 0x02 ? { ca, pathLength: fields.next().value.reduce((n, b) => n * 256 + b, 0) } : { ca };
    } else if (id === OID.keyUsage) {
      // A BIT STRING: an unused-bits byte, then bit 0 (the most significant) is
      // digitalSignature and bit 5 keyCertSign (RFC 5280 §4.2.1.3).
      const first = value.value[1] ?? 0;
      cert.keyUsage = { digitalSignature: (first & 0x80) !== 0, keyCertSign: (first & 0x04) !== 0 };
    }
  }
}

/** Parses one DER certificate. */
export function parseCertificate(der: Uint8Array): Certificate {
  const outer = new Der(der);
  const certificate = outer.next(0x30);
  if (!outer.done) fail('bytes after the certificate');
  const top = new Der(certificate.value);
  const tbsTlv = top.next(0x30);
  const signatureAlgorithm = oid(new Der(top.next(0x30).value).next(0x06).value);
  const signatureBits = top.next(0x03).value;
  const tbs = new Der(tbsTlv.value);
  if (tbs.peekTag() === 0xa0) tbs.next(); // version
  const serial = tbs.next(0x02).value;
  tbs.next(0x30); // signature algorithm, repeated inside the signed part
  const issuer = name(tbs.next(0x30));
  const validity = new Der(tbs.next(0x30).value);
  const notBefore = time(validity.next());
  const notAfter = time(validity.next());
  const subject = name(tbs.next(0x30));
  const spki = tbs.next(0x30);
  const keyAlgorithm = new Der(new Der(spki.value).next(0x30).value);
  const publicKeyAlgorithm = oid(keyAlgorithm.next(0x06).value);
  const namedCurve = keyAlgorithm.peekTag() === 0x06 ? oid(keyAlgorithm.next().value) : undefined;
  const cert: Certificate = {
    der,
    tbs: tbsTlv.whole,
    signatureAlgorithm,
    signature: signatureBits.subarray(1),
    serialNumber: Array.from(serial, (b) => b.toString(16).padStart(2, '0')).join(''),
    issuer,
    subject,
    notBefore,
    notAfter,
    subjectPublicKeyInfo: spki.whole,
    publicKeyAlgorithm,
    ...(namedCurve !== undefined ? { namedCurve } : {}),
    dnsNames: [],
  };
  while (!tbs.done) {
    const field = tbs.next();
    if (field.tag === 0xa3) extensions(field, cert);
  }
  return cert;
}

/** True when two names are the same name (byte-equal DER, which is what a chain builder compares). */
export function sameName(a: DistinguishedName, b: DistinguishedName): boolean {
  return bytesEqual(a.der, b.der);
}
