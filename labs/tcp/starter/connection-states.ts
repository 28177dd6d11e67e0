/**
 * The TCP connection state machine as data: RFC 9293 §3.3.2 (Figure 5) as a table of
 * (state, event) → next state, plus the segment sent on the way, like h11's
 * _state.py. The connection looks every change up here, and the chapter draws its
 * diagram from the same rows, so the picture and the code cannot drift apart.
 */
import type { TcpEvent, TcpState, Transition } from '@impl/state-types.ts';

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
