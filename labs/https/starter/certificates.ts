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
  throw new Error('TODO(certificates): match a DNS name, RFC 9525 §6.3');
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
  throw new Error('TODO(certificates): validate the chain, RFC 5280 §6');
}
