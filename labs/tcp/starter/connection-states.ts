/**
 * The TCP connection state machine as data: RFC 9293 §3.3.2 (Figure 5) as a table of
 * (state, event) → next state, plus the segment sent on the way, like h11's
 * _state.py. The connection looks every change up here, and the chapter draws its
 * diagram from the same rows, so the picture and the code cannot drift apart.
 */

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

/**
 * Every transition the connection makes; any (state, event) not listed leaves the
 * state unchanged. Each (from, event) pair appears at most once.
 */
export const TRANSITIONS: readonly Transition[] = [
  { from: 'CLOSED', event: 'passive-open', to: 'LISTEN' },
  { from: 'CLOSED', event: 'active-open', to: 'SYN-SENT', send: 'SYN' },
  // TODO(connection): the rest of RFC 9293 Figure 5, with what each transition sends:
  // the handshake (including a simultaneous open, Figure 7), closing before the
  // connection is up (§3.10.4), the active close through FIN-WAIT-1, FIN-WAIT-2 or
  // CLOSING to TIME-WAIT and CLOSED, the passive close through CLOSE-WAIT and
  // LAST-ACK, and 'rcv-rst' and 'abort', which end the connection from every state
  // after CLOSED (LISTEN ignores a RST, but can be aborted). A reset here closes the
  // connection for good, as in CS144 (the RFC would return a passive one to LISTEN).
  // An abort sends RST only where RFC 9293 §3.10.5 says so (SYN-RECEIVED,
  // ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2, CLOSE-WAIT).
];

/** The row for `event` in `state`, or undefined when the event does not change that state. */
export function findTransition(state: TcpState, event: TcpEvent): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === state && t.event === event);
}
