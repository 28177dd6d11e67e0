/**
 * TLS alerts (RFC 8446 §6): the one way a TLS endpoint says what went wrong. Every
 * check in this lab that fails throws a TlsAlert naming the alert the peer is sent,
 * so the tests can ask "which alert?" as well as "did it fail?". This file is complete.
 */

/** Alert descriptions used in this lab, with their wire values (RFC 8446 §6). */
export const Alert = {
  close_notify: 0,
  unexpected_message: 10,
  bad_record_mac: 20,
  record_overflow: 22,
  handshake_failure: 40,
  bad_certificate: 42,
  unsupported_certificate: 43,
  certificate_expired: 45,
  certificate_unknown: 46,
  illegal_parameter: 47,
  unknown_ca: 48,
  decode_error: 50,
  decrypt_error: 51,
  protocol_version: 70,
  internal_error: 80,
  missing_extension: 109,
} as const;

/** An alert's name, e.g. 'bad_certificate'. */
export type AlertName = keyof typeof Alert;

/** A fatal TLS error: `alert` is what the endpoint sends before it closes (RFC 8446 §6.2). */
export class TlsAlert extends Error {
  readonly alert: AlertName;

  constructor(alert: AlertName, message: string) {
    super(`${alert}: ${message}`);
    this.alert = alert;
    this.name = 'TlsAlert';
  }

  /** The alert's wire value. */
  get code(): number {
    return Alert[this.alert];
  }
}

/** The name of an alert's wire value, or undefined if this lab does not know it. */
export function alertName(code: number): AlertName | undefined {
  return (Object.keys(Alert) as AlertName[]).find((name) => Alert[name] === code);
}
