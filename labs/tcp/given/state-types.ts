/** The TCP connection's states and events (RFC 9293 §3.3.2) and the shape of one transition between them. */

/** The eleven states of RFC 9293 §3.3.2, in the order a connection usually meets them. */
export const TCP_STATES = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSING',
  'TIME-WAIT',
  'CLOSE-WAIT',
  'LAST-ACK',
] as const;

/** A state of a TCP connection (RFC 9293 §3.3.2). */
export type TcpState = (typeof TCP_STATES)[number];

/**
 * What moves a connection: calls from the application ("passive-open" is listen(),
 * "active-open" is connect(), "close", "abort") and what arrives from the peer or the
 * clock. "rcv-syn" is a SYN without ACK, "rcv-syn-ack" a SYN whose ACK covers our SYN;
 * "rcv-ack-of-syn" and "rcv-ack-of-fin" are acknowledgments that cover our SYN or our
 * FIN; "rcv-fin" is a FIN the receiver has reached in sequence (all bytes before it
 * assembled), RFC 9293 §3.10.7.4 "eighth"; "time-wait-timeout" is the end of 2 × MSL.
 */
export const TCP_EVENTS = [
  'passive-open',
  'active-open',
  'rcv-syn',
  'rcv-syn-ack',
  'rcv-ack-of-syn',
  'close',
  'rcv-fin',
  'rcv-ack-of-fin',
  'time-wait-timeout',
  'rcv-rst',
  'abort',
] as const;

/** Something that can change a connection's state. */
export type TcpEvent = (typeof TCP_EVENTS)[number];

/** One row of the table: in `from`, `event` leads to `to`, sending `send` (as labelled in RFC 9293 Figure 5). */
export interface Transition {
  from: TcpState;
  event: TcpEvent;
  to: TcpState;
  /** The segment this transition sends, if any: "SYN", "SYN,ACK", "ACK", "FIN" or "RST". */
  send?: string;
}
