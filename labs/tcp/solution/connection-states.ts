/**
 * The TCP connection state machine as data: RFC 9293 §3.3.2 (Figure 5) as a table of
 * (state, event) → next state, plus the segment sent on the way, like h11's
 * _state.py. The connection looks every change up here, and the chapter draws its
 * diagram from the same rows, so the picture and the code cannot drift apart.
 */
import type { TcpEvent, TcpState, Transition } from '@impl/state-types.ts';

/** Every state a RST from the peer ends (RFC 9293 §3.10.7.4 "second, check the RST bit"). */
const SYNCHRONIZING_OR_LATER: readonly TcpState[] = [
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSING',
  'TIME-WAIT',
  'CLOSE-WAIT',
  'LAST-ACK',
];

/** States whose ABORT sends a RST; elsewhere the TCB is simply deleted (RFC 9293 §3.10.5). */
const ABORT_SENDS_RST: readonly TcpState[] = ['SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT'];

/** Every transition the connection makes; any (state, event) not listed leaves the state unchanged. */
export const TRANSITIONS: readonly Transition[] = [
  // Opening (RFC 9293 §3.5, Figure 6 three-way handshake; Figure 7 simultaneous open).
  { from: 'CLOSED', event: 'passive-open', to: 'LISTEN' },
  { from: 'CLOSED', event: 'active-open', to: 'SYN-SENT', send: 'SYN' },
  { from: 'LISTEN', event: 'rcv-syn', to: 'SYN-RECEIVED', send: 'SYN,ACK' },
  { from: 'SYN-SENT', event: 'rcv-syn-ack', to: 'ESTABLISHED', send: 'ACK' },
  { from: 'SYN-SENT', event: 'rcv-syn', to: 'SYN-RECEIVED', send: 'ACK' },
  { from: 'SYN-RECEIVED', event: 'rcv-ack-of-syn', to: 'ESTABLISHED' },
  // Closing before the connection is up (RFC 9293 §3.10.4).
  { from: 'LISTEN', event: 'close', to: 'CLOSED' },
  { from: 'SYN-SENT', event: 'close', to: 'CLOSED' },
  { from: 'SYN-RECEIVED', event: 'close', to: 'FIN-WAIT-1', send: 'FIN' },
  // Active close: we finish first (RFC 9293 §3.6, Figure 12).
  { from: 'ESTABLISHED', event: 'close', to: 'FIN-WAIT-1', send: 'FIN' },
  { from: 'FIN-WAIT-1', event: 'rcv-ack-of-fin', to: 'FIN-WAIT-2' },
  { from: 'FIN-WAIT-2', event: 'rcv-fin', to: 'TIME-WAIT', send: 'ACK' },
  // Simultaneous close: both FINs cross (Figure 13).
  { from: 'FIN-WAIT-1', event: 'rcv-fin', to: 'CLOSING', send: 'ACK' },
  { from: 'CLOSING', event: 'rcv-ack-of-fin', to: 'TIME-WAIT' },
  // TIME-WAIT lingers 2 × MSL so that a lost final ACK can be sent again (RFC 9293 §3.6, §3.10.8).
  { from: 'TIME-WAIT', event: 'time-wait-timeout', to: 'CLOSED' },
  // Passive close: the peer finishes first.
  { from: 'SYN-RECEIVED', event: 'rcv-fin', to: 'CLOSE-WAIT', send: 'ACK' },
  { from: 'ESTABLISHED', event: 'rcv-fin', to: 'CLOSE-WAIT', send: 'ACK' },
  { from: 'CLOSE-WAIT', event: 'close', to: 'LAST-ACK', send: 'FIN' },
  { from: 'LAST-ACK', event: 'rcv-ack-of-fin', to: 'CLOSED' },
  // Resets (RFC 9293 §3.5.3, §3.10.7.4 "second"): a connection, here one-shot as in CS144,
  // goes straight to CLOSED (the RFC returns a passively opened one to LISTEN).
  ...SYNCHRONIZING_OR_LATER.map((from): Transition => ({ from, event: 'rcv-rst', to: 'CLOSED' })),
  // Abort: the application gives up, or the sender did after too many retransmissions (RFC 9293 §3.8.3).
  ...['LISTEN' as const, ...SYNCHRONIZING_OR_LATER].map(
    (from): Transition => (ABORT_SENDS_RST.includes(from) ? { from, event: 'abort', to: 'CLOSED', send: 'RST' } : { from, event: 'abort', to: 'CLOSED' }),
  ),
];

/** The row for `event` in `state`, or undefined when the event does not change that state. */
export function findTransition(state: TcpState, event: TcpEvent): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === state && t.event === event);
}
