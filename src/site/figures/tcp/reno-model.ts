/**
 * The congestion-control model behind the TCP chapter's cwnd plot. The TCP lab has no
 * congestion control, so this is a model of the algorithm, not the lab's sender: a
 * bulk sender counting in whole segments, with slow start, congestion avoidance,
 * fast retransmit and fast recovery as RFC 5681 §3 specifies them (Reno), and a
 * retransmission timer that backs off as RFC 6298 §5 says. It runs over a netsim link
 * with a bottleneck queue and a little random loss, with a fixed seed, so the plot is
 * the same on every build. One ACK per segment (no delayed ACKs), no SACK.
 */
import { topology, type DeviceBehaviour, type DeviceContext, type Timer } from '../../../netsim/index.ts';

/** The run's settings. */
export interface CwndOptions {
  /** netsim seed: decides which frames the random loss takes. */
  seed: number;
  /** How long the sender sends, ms. */
  durationMs: number;
  /** One-way propagation delay, ms. */
  delayMs: number;
  /** The bottleneck's rate, bit/s. */
  bandwidthBps: number;
  /** Bytes the bottleneck's queue holds behind the frame being sent; more are dropped (tail drop). */
  queueBytes: number;
  /** Probability that the link loses a frame, each direction. */
  loss: number;
  /** Bytes in a data frame (one segment). */
  segmentBytes: number;
  /** Initial window, segments (RFC 6928's 10, Linux's default). */
  initialWindow: number;
  /** Retransmission timeout before backoff, ms (RFC 6298 §2.4's 1 s floor). */
  rtoMs: number;
  /**
   * The first ssthresh, segments. RFC 5681 §3.1 allows "arbitrarily high"; then slow start
   * ends only by overshooting the path by up to 2×. 64 segments (older stacks' 64 KB)
   * stands in for what Linux does instead, leaving slow start early when delays grow (HyStart).
   */
  initialSsthresh: number;
  /** A stretch of time in which the phone's radio receives nothing (every frame to it is lost), ms. */
  outage: { startMs: number; durationMs: number };
}

/** A 100 ms round trip through a 4 Mbit/s bottleneck with a 25-segment queue, 0.1 % random loss and a 0.6 s radio outage. */
export const DEFAULT_CWND_OPTIONS: CwndOptions = {
  seed: 3,
  durationMs: 20_000,
  delayMs: 50,
  bandwidthBps: 4_000_000,
  queueBytes: 25_000,
  loss: 0.001,
  segmentBytes: 1000,
  initialWindow: 10,
  rtoMs: 1000,
  initialSsthresh: 64,
  outage: { startMs: 9000, durationMs: 600 },
};

/** A point of the plot: cwnd and ssthresh, in segments, after a change at `time` ms. */
export interface CwndSample {
  time: number;
  cwnd: number;
  /** Infinity until the first loss sets it (RFC 5681 §3.1: "arbitrarily high"). */
  ssthresh: number;
}

/** A loss the sender noticed: by three duplicate ACKs or by its timer. */
export interface LossEvent {
  time: number;
  kind: 'fast-retransmit' | 'timeout';
  /** cwnd and FlightSize just before, segments. */
  cwndBefore: number;
  flightSize: number;
  /** ssthresh and cwnd just after. */
  ssthresh: number;
  cwndAfter: number;
}

/** The run's result. */
export interface CwndRun {
  options: CwndOptions;
  samples: CwndSample[];
  events: LossEvent[];
  /** Segments delivered in order to the receiver. */
  delivered: number;
  /** Frames netsim's link lost at random, frames its queue dropped, and frames lost in the outage. */
  randomLosses: number;
  queueDrops: number;
  outageLosses: number;
}

const DATA = 0x44; // 'D'
const ACK = 0x41; // 'A'

function frame(kind: number, n: number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  bytes[0] = kind;
  new DataView(bytes.buffer).setUint32(1, n);
  return bytes;
}

function numberOf(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1);
}

/** The receiver: cumulative ACK of the next segment expected, for every segment that arrives (RFC 5681 §4.2 "SHOULD" send an immediate ACK for out-of-order ones). */
class Receiver implements DeviceBehaviour {
  next = 0;
  /** Frames that arrived during the outage and were never received. */
  lostInOutage = 0;
  readonly #held = new Set<number>();
  readonly #outage: CwndOptions['outage'];

  constructor(outage: CwndOptions['outage']) {
    this.#outage = outage;
  }

  onFrame(ctx: DeviceContext, iface: string, bytes: Uint8Array): void {
    if (bytes[0] !== DATA) return;
    if (ctx.now >= this.#outage.startMs && ctx.now < this.#outage.startMs + this.#outage.durationMs) {
      this.lostInOutage++;
      return;
    }
    const n = numberOf(bytes);
    if (n === this.next) {
      this.next++;
      while (this.#held.delete(this.next)) this.next++;
    } else if (n > this.next) {
      this.#held.add(n);
    }
    ctx.send(iface, frame(ACK, this.next, 40));
  }
}

/**
 * The sender: Reno congestion control in segments (RFC 5681 §3.1–3.2), with NewReno's
 * handling of partial acknowledgments (RFC 6582 §3.2), so that several losses in one
 * window cost one halving, not one each.
 */
class RenoSender implements DeviceBehaviour {
  readonly options: CwndOptions;
  readonly samples: CwndSample[] = [];
  readonly events: LossEvent[] = [];
  cwnd: number;
  ssthresh = Infinity;
  /** Oldest unacknowledged segment (SND.UNA) and next to send (SND.NXT), in segments. */
  una = 0;
  nxt = 0;
  dupAcks = 0;
  inRecovery = false;
  /** RFC 6582's "recover": the highest segment sent when the last loss was detected. */
  recover = -1;
  #partialAcks = 0;
  rto: number;
  #timer: Timer | undefined;
  #ctx!: DeviceContext;

  constructor(options: CwndOptions) {
    this.options = options;
    this.cwnd = options.initialWindow;
    this.ssthresh = options.initialSsthresh;
    this.rto = options.rtoMs;
  }

  start(ctx: DeviceContext): void {
    this.#ctx = ctx;
    this.#sample();
    this.#send();
  }

  onFrame(_ctx: DeviceContext, _iface: string, bytes: Uint8Array): void {
    if (bytes[0] !== ACK) return;
    const ack = numberOf(bytes);
    if (ack > this.una) {
      const newly = ack - this.una;
      this.una = ack;
      // After a timeout the receiver may already hold segments we are about to resend.
      if (this.nxt < ack) this.nxt = ack;
      this.dupAcks = 0;
      // RFC 6298 §5.3: restart the timer; new data acknowledged ends the backoff.
      this.rto = this.options.rtoMs;
      if (this.inRecovery && ack <= this.recover) {
        // RFC 6582 §3.2 step 5, partial ACK: another segment of the same window was lost.
        // Resend it, deflate by what was acknowledged, add back one; stay in recovery.
        this.#transmit(this.una);
        this.cwnd = Math.max(this.cwnd - newly + 1, 1);
        // The "impatient" variant (RFC 6582 §4): only the first partial ACK restarts the timer.
        if (this.#partialAcks++ === 0) this.#restartTimer();
      } else {
        if (this.inRecovery) {
          // Full ACK: recovery is over; "deflate" to ssthresh (RFC 5681 §3.2 step 6).
          this.inRecovery = false;
          this.cwnd = this.ssthresh;
        } else if (this.cwnd < this.ssthresh) {
          // RFC 5681 §3.1 slow start: at most one SMSS per ACK. This receiver acknowledges every segment,
          // so cwnd doubles every round trip; with delayed ACKs it would grow about 1.5× (the chapter says which).
          this.cwnd += Math.min(newly, 1);
        } else {
          // Congestion avoidance: SMSS × SMSS / cwnd per ACK, about one SMSS per round trip.
          this.cwnd += 1 / this.cwnd;
        }
        this.#restartTimer();
      }
      this.#sample();
    } else if (ack === this.una && this.nxt > this.una) {
      this.dupAcks++;
      if (this.dupAcks === 3 && !this.inRecovery && this.una > this.recover) {
        // RFC 5681 §3.2 steps 2–4: ssthresh = FlightSize / 2, retransmit the missing
        // segment, and inflate cwnd by the three segments the duplicates say have left.
        const flightSize = this.nxt - this.una;
        const before = this.cwnd;
        this.ssthresh = Math.max(flightSize / 2, 2);
        this.recover = this.nxt - 1;
        this.#transmit(this.una);
        this.cwnd = this.ssthresh + 3;
        this.inRecovery = true;
        this.#partialAcks = 0;
        this.events.push({ time: this.#ctx.now, kind: 'fast-retransmit', cwndBefore: before, flightSize, ssthresh: this.ssthresh, cwndAfter: this.cwnd });
        this.#sample();
      } else if (this.inRecovery) {
        // Step 5: each further duplicate means another segment left the network.
        this.cwnd += 1;
        this.#sample();
      }
    }
    this.#send();
  }

  #timeout(): void {
    this.#timer = undefined;
    if (this.una === this.nxt) return;
    // RFC 5681 §3.1 equation (4) and "LW": ssthresh = max(FlightSize / 2, 2 SMSS), cwnd = 1 SMSS.
    const flightSize = this.nxt - this.una;
    const before = this.cwnd;
    this.ssthresh = Math.max(flightSize / 2, 2);
    this.cwnd = 1;
    this.inRecovery = false;
    this.dupAcks = 0;
    this.events.push({ time: this.#ctx.now, kind: 'timeout', cwndBefore: before, flightSize, ssthresh: this.ssthresh, cwndAfter: this.cwnd });
    this.#sample();
    // Go back to the oldest unacknowledged segment; RFC 6298 §5.5: double the RTO.
    this.nxt = this.una;
    // RFC 6582 §3.2 step 1: duplicates of segments sent before the timeout must not start a fast retransmit.
    this.recover = flightSize + this.una - 1;
    this.rto *= 2;
    this.#send();
  }

  #send(): void {
    const stop = this.#ctx.now >= this.options.durationMs;
    while (!stop && this.nxt < this.una + Math.floor(this.cwnd)) {
      this.#transmit(this.nxt);
      this.nxt++;
    }
    if (this.#timer === undefined && this.nxt > this.una) this.#restartTimer();
  }

  #transmit(n: number): void {
    this.#ctx.send('eth0', frame(DATA, n, this.options.segmentBytes));
  }

  #restartTimer(): void {
    this.#timer?.cancel();
    this.#timer = this.una < this.nxt || this.inRecovery ? this.#ctx.schedule(this.rto, () => this.#timeout()) : undefined;
  }

  #sample(): void {
    // During fast recovery cwnd is inflated by one segment per duplicate ACK (RFC 5681 §3.2):
    // bookkeeping that lets new segments leave as old ones do, not a larger window. The plot
    // shows the window the recovery ends with, as Linux's proportional rate reduction
    // (RFC 6937) does, which brings cwnd down to ssthresh without inflating it.
    this.samples.push({ time: this.#ctx.now, cwnd: this.inRecovery ? this.ssthresh : this.cwnd, ssthresh: this.ssthresh });
  }
}

/** Runs the model once. */
export function runCwnd(options: CwndOptions = DEFAULT_CWND_OPTIONS): CwndRun {
  const sender = new RenoSender(options);
  const receiver = new Receiver(options.outage);
  const net = topology({ seed: options.seed, traceSnaplen: 8 })
    .host('sender', { behaviour: sender })
    .host('receiver', { behaviour: receiver })
    .link('sender:eth0', 'receiver:eth0', {
      name: 'bottleneck',
      delayMs: options.delayMs,
      bandwidthBps: options.bandwidthBps,
      queueBytes: options.queueBytes,
      loss: options.loss,
    });
  net.run({ until: options.durationMs + 4 * options.rtoMs, maxEvents: 2_000_000 });
  const trace = net.sim.trace;
  return {
    options,
    samples: sender.samples,
    events: sender.events,
    delivered: receiver.next,
    randomLosses: trace.select({ event: 'lost' }).length,
    queueDrops: trace.select({ event: 'dropped-queue' }).length,
    outageLosses: receiver.lostInOutage,
  };
}
