/**
 * Deciding whether to trust a server's certificate chain, the way a browser does in
 * outline (RFC 5280 §6, names per RFC 9525): every certificate within its validity
 * at `now`, each signed by the next up to a trust anchor, every issuer a CA allowed
 * to sign certificates, and the end-entity certificate issued for the name the
 * client asked for. A failure throws the alert RFC 8446 §6.2 prescribes.
 */
import { TlsAlert } from '@impl/alerts.ts';
import { ecdsaP256Sha256Verify } from '@impl/crypto.ts';
import { OID, parseCertificate, sameName, type Certificate } from '@impl/x509.ts';
import { MAX_CHAIN_LENGTH, type ValidationOptions } from '@impl/validation-types.ts';

/**
 * True when a certificate's DNS name `pattern` covers `host` (RFC 9525 §6.3):
 * case-insensitive; a trailing dot ignored; a wildcard only as the whole left-most
 * label ("*.shop.example"), matching exactly one label, and never as the only label
 * before a single one ("*.example" covers nothing here).
 */
export function nameMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '').split('.');
  const h = host.toLowerCase().replace(/\.$/, '').split('.');
  if (p.length !== h.length || p.some((label) => label === '')) return false;
  if (p[0] === '*') {
    if (p.length < 3 || h[0] === '') return false;
    return p.slice(1).every((label, i) => label === h[i + 1]);
  }
  if (p.some((label) => label.includes('*'))) return false;
  return p.every((label, i) => label === h[i]);
}

function checkValidity(cert: Certificate, now: Date): void {
  if (now < cert.notBefore || now > cert.notAfter) {
    throw new TlsAlert('certificate_expired', `"${cert.subject.text}" is valid from ${cert.notBefore.toISOString()} to ${cert.notAfter.toISOString()}, not at ${now.toISOString()}`);
  }
}

async function checkSignature(cert: Certificate, issuer: Certificate): Promise<void> {
  // An issuer key that is not P-256 makes the check below fail (bad_certificate):
  // only the algorithm is worth its own alert.
  if (cert.signatureAlgorithm !== OID.ecdsaWithSha256) {
    throw new TlsAlert('unsupported_certificate', `"${cert.subject.text}": only ECDSA with SHA-256 is supported`);
  }
  if (!(await ecdsaP256Sha256Verify(issuer.subjectPublicKeyInfo, cert.signature, cert.tbs))) {
    throw new TlsAlert('bad_certificate', `the signature on "${cert.subject.text}" does not verify with the key of "${issuer.subject.text}"`);
  }
}

/** An issuer must be a CA (basicConstraints cA), may sign certificates (keyUsage keyCertSign), within its pathLenConstraint. */
function checkIssuer(issuer: Certificate, casBelow: number): void {
  if (!issuer.basicConstraints?.ca) throw new TlsAlert('bad_certificate', `"${issuer.subject.text}" signed a certificate but is not a CA (basicConstraints)`);
  if (issuer.keyUsage && !issuer.keyUsage.keyCertSign) throw new TlsAlert('bad_certificate', `"${issuer.subject.text}" may not sign certificates (keyUsage)`);
  const limit = issuer.basicConstraints.pathLength;
  if (limit !== undefined && casBelow > limit) throw new TlsAlert('bad_certificate', `"${issuer.subject.text}" allows ${limit} CAs below it, the chain has ${casBelow}`);
}

/**
 * Validates a chain as a server sends it (end-entity first, then intermediates)
 * against the trust anchors. Resolves when the chain is trusted; otherwise throws a
 * TlsAlert: certificate_expired (outside validity), unknown_ca (no path to a trust
 * anchor, e.g. self-signed or from a CA the client does not know), bad_certificate
 * (wrong name, a signature that does not verify, an issuer that is not a CA),
 * unsupported_certificate (an algorithm other than ECDSA P-256/SHA-256).
 */
export async function validateChain(chain: Uint8Array[], options: ValidationOptions): Promise<void> {
  if (chain.length === 0) throw new TlsAlert('decode_error', 'the server sent no certificate');
  const presented = chain.map(parseCertificate);
  const anchors = options.trustAnchors.map(parseCertificate);
  const leaf = presented[0]!;
  if (!leaf.dnsNames.some((pattern) => nameMatches(pattern, options.serverName))) {
    throw new TlsAlert('bad_certificate', `"${leaf.subject.text}" is for ${leaf.dnsNames.join(', ') || 'no DNS name'}, not ${options.serverName}`);
  }
  if (leaf.keyUsage && !leaf.keyUsage.digitalSignature) throw new TlsAlert('bad_certificate', `"${leaf.subject.text}" may not sign handshakes (keyUsage)`);
  let current = leaf;
  for (let depth = 0; depth < MAX_CHAIN_LENGTH; depth++) {
    checkValidity(current, options.now);
    const anchor = anchors.find((a) => sameName(a.subject, current.issuer));
    if (anchor) {
      // A trust anchor is trusted as configured, dates included (RFC 5280 §6.1.1 d).
      checkIssuer(anchor, depth);
      await checkSignature(current, anchor);
      return;
    }
    // Search the rest of the chain for the issuer, never the certificate itself:
    // a self-signed certificate is its own issuer and would otherwise vouch for itself.
    const issuer = presented.find((c) => c !== current && sameName(c.subject, current.issuer));
    if (!issuer) throw new TlsAlert('unknown_ca', `no trusted issuer "${current.issuer.text}" for "${current.subject.text}"`);
    checkIssuer(issuer, depth);
    await checkSignature(current, issuer);
    current = issuer;
  }
  throw new TlsAlert('unknown_ca', `no trust anchor within ${MAX_CHAIN_LENGTH} certificates`);
}
