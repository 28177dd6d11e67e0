/**
 * Stage receiver: segments in; the ackno (next sequence number needed) and the window
 * (free space) out. The SYN and the FIN each take one sequence number (RFC 9293 §3.4);
 * the ACK field means nothing until a SYN has been seen (§3.1); the window is at most
 * 65535 without window scaling (RFC 7323). Then a replay of a real Linux connection.
 */
import { describe, expect, it } from 'vitest';
import { Transcript } from '@lab-kit';
import { ByteStream } from '@impl/byte-stream.ts';
import { Reassembler } from '@impl/reassembler.ts';
import { TcpReceiver } from '@impl/receiver.ts';
import { senderMessageOf } from '@impl/segment.ts';
import { drain, text } from './fixtures/bytes.ts';
import { describeCaptured, LINUX_SEGMENTS, linuxIsn, otherSide, toSegment } from './fixtures/linux-replay.ts';
import { ReceiverHarness } from './fixtures/receiver-harness.ts';
import { guarded, relative, SPACE } from './fixtures/steps.ts';

const SYN_TAKES_ONE = 'RFC 9293 §3.4: the SYN occupies one sequence number, before the first data byte';
const FIN_TAKES_ONE = 'RFC 9293 §3.4: the FIN occupies one sequence number, after the last data byte';
const ACK_AFTER_SYN = 'RFC 9293 §3.1: the acknowledgment number is valid only once there is one to send (after a SYN)';
const WINDOW = 'RFC 9293 §3.8.6: the window is the free buffer space; 65535 at most without RFC 7323 scaling';

describe('TcpReceiver', () => {
  it('ignores everything before a SYN, and has no ackno yet', () => {
    new ReceiverHarness('before SYN')
      .expectAckno(null, ACK_AFTER_SYN)
      .expectWindow(4000, WINDOW)
      .segment({ seq: 1, data: 'early' })
      .expectAckno(null, ACK_AFTER_SYN)
      .expectPushed(0, 'with no ISN there is no way to place these bytes')
      .expectPending(0);
  });

  it('takes the ISN from the SYN and acknowledges the SYN itself', () => {
    new ReceiverHarness('SYN').segment({ SYN: true, seq: 0 }).expectAckno(1, SYN_TAKES_ONE).expectRst(false);
  });

  it('puts data at stream index seqno − ISN − 1, advancing the ackno', () => {
    new ReceiverHarness('in-order data')
      .segment({ SYN: true, seq: 0 })
      .segment({ seq: 1, data: 'abcd' })
      .expectAckno(5, SYN_TAKES_ONE)
      .segment({ seq: 5, data: 'efgh' })
      .expectAckno(9)
      .expectRead('abcdefgh');
  });

  it('takes a payload carried on the SYN segment itself', () => {
    new ReceiverHarness('SYN with data').segment({ SYN: true, seq: 0, data: 'hi' }).expectAckno(3, SYN_TAKES_ONE).expectRead('hi');
  });

  it('holds out-of-order data without moving the ackno until the gap is filled', () => {
    new ReceiverHarness('a gap')
      .segment({ SYN: true, seq: 0 })
      .segment({ seq: 5, data: 'efgh' })
      .expectAckno(1, 'the ackno names the first missing sequence number')
      .expectPending(4)
      .segment({ seq: 1, data: 'abcd' })
      .expectAckno(9)
      .expectPending(0)
      .expectRead('abcdefgh');
  });

  it('counts the FIN only once every byte before it has been assembled', () => {
    new ReceiverHarness('FIN before the gap is filled')
      .segment({ SYN: true, seq: 0 })
      .segment({ seq: 4, data: 'def', FIN: true })
      .expectAckno(1, FIN_TAKES_ONE)
      .expectClosed(false)
      .segment({ seq: 1, data: 'abc' })
      .expectAckno(8, `${FIN_TAKES_ONE}: SYN + 6 bytes + FIN`)
      .expectClosed(true)
      .expectRead('abcdef');
  });

  it('handles SYN and FIN in one segment: an empty stream', () => {
    new ReceiverHarness('SYN|FIN').segment({ SYN: true, FIN: true, seq: 0 }).expectAckno(2, `${SYN_TAKES_ONE}; ${FIN_TAKES_ONE}`).expectClosed(true);
  });

  it('ignores a second SYN and a repeated FIN', () => {
    new ReceiverHarness('duplicates')
      .segment({ SYN: true, seq: 0 })
      .segment({ seq: 1, data: 'ab', FIN: true })
      .segment({ SYN: true, seq: 0 })
      .segment({ seq: 1, data: 'ab', FIN: true })
      .expectAckno(4, 'duplicates change nothing; the FIN is counted once')
      .expectRead('ab');
  });

  it('keeps the ISN of the first SYN when a second SYN arrives with another seqno', () => {
    new ReceiverHarness('a second SYN, elsewhere in the sequence space')
      .segment({ SYN: true, seq: 0 })
      .segment({ seq: 1, data: 'ab' })
      .segment({ SYN: true, seq: 5000 })
      .expectAckno(3, 'RFC 9293 §3.10.7.4: once synchronized, a SYN never sets a new ISN (RFC 5961 §4 answers it with an ACK)')
      .segment({ seq: 3, data: 'cd' })
      .expectAckno(5, 'bytes keep their places relative to the first ISN')
      .expectRead('abcd');
  });

  it('treats a segment without SYN at the ISN itself as invalid', () => {
    new ReceiverHarness('data claiming the SYN\'s sequence number')
      .segment({ SYN: true, seq: 0 })
      .segment({ seq: 0, data: 'x' })
      .expectPushed(0, 'seqno ISN belongs to the SYN; no data byte can have it')
      .expectAckno(1)
      .segment({ seq: 0, FIN: true })
      .segment({ seq: 1, data: 'ab' })
      .expectAckno(3, 'a FIN claiming the SYN’s seqno is invalid too: it does not end the stream before its first byte')
      .expectRead('ab');
  });

  it('advertises the free capacity: the window shrinks as bytes wait unread, and reopens as they are read', () => {
    new ReceiverHarness('window', { capacity: 10 })
      .segment({ SYN: true, seq: 0 })
      .expectWindow(10, WINDOW)
      .segment({ seq: 1, data: 'abcd' })
      .expectWindow(6, `${WINDOW}: 4 of 10 bytes are unread`)
      .expectAckno(5)
      .expectRead('abcd')
      .expectWindow(10, `${WINDOW}: the application read them`);
  });

  it('keeps the right edge of the window (ackno + window) in place while the application does not read', () => {
    const h = new ReceiverHarness('right edge', { capacity: 8 }).segment({ SYN: true, seq: 0 });
    const edge = () => {
      const said = h.said();
      return ((said.ackno ?? 0) - h.isn + SPACE) % SPACE + said.window;
    };
    const first = edge();
    h.segment({ seq: 1, data: 'abc' }).segment({ seq: 4, data: 'de' });
    h.t.expect('expect ackno + window unchanged (RFC 9293 §3.8.6: do not shrink the window)', edge(), first, WINDOW);
  });

  it('drops bytes beyond the window and acknowledges only what fit', () => {
    new ReceiverHarness('beyond the window', { capacity: 4 })
      .segment({ SYN: true, seq: 0 })
      .segment({ seq: 1, data: 'abcdef' })
      .expectAckno(5, `${WINDOW}: 4 bytes fit`)
      .expectWindow(0)
      .expectRead('abcd')
      .segment({ seq: 5, data: 'ef' })
      .expectAckno(7)
      .expectRead('ef');
  });

  it('never advertises more than 65535, what the 16-bit window field can say', () => {
    new ReceiverHarness('big buffer', { capacity: 100_000 }).segment({ SYN: true, seq: 0 }).expectWindow(65535, WINDOW);
  });

  it('follows seqnos across the wrap from 2^32 − 1 to 0', () => {
    new ReceiverHarness('ISN = 2^32 − 3', { isn: SPACE - 3 })
      .segment({ SYN: true, seq: 0 })
      .segment({ seq: 1, data: 'abcd' }) // seqnos 2^32 − 2, 2^32 − 1, 0, 1
      .expectAckno(5, 'RFC 9293 §3.4: arithmetic modulo 2^32')
      .segment({ seq: 9, data: 'ijkl', FIN: true }) // seqno 6: past the wrap, out of order
      .segment({ seq: 5, data: 'efgh' })
      .expectAckno(14)
      .expectClosed(true)
      .expectRead('abcdefghijkl');
  });

  it('sets the stream\'s error on RST, and reports RST from then on', () => {
    new ReceiverHarness('RST')
      .segment({ SYN: true, seq: 0 })
      .segment({ seq: 1, data: 'ab' })
      .expectRst(false)
      .segment({ seq: 3, RST: true })
      .expectError(true, 'RFC 9293 §3.10.7.4: a reset aborts the connection')
      .expectRst(true);
  });

  it('acknowledges again, unchanged, when an old segment arrives twice', () => {
    new ReceiverHarness('old segment')
      .segment({ SYN: true, seq: 0 })
      .segment({ seq: 1, data: 'abcd' })
      .segment({ seq: 5, data: 'ef' })
      .segment({ seq: 1, data: 'abcd' })
      .expectAckno(7, 'the ackno never goes backwards')
      .expectRead('abcdef');
  });
});

describe('TcpReceiver replaying a Linux connection (tests/fixtures/linux-trace.ts)', () => {
  for (const side of ['server', 'client'] as const) {
    const peer = otherSide(side);
    it(`acknowledges the ${peer}'s bytes exactly as the Linux ${side} did, segment by segment`, () => {
      const t = new Transcript(`our receiver in place of the Linux ${side}`);
      const stream = new ByteStream(65536);
      const receiver = new TcpReceiver(new Reassembler(stream));
      const isn = linuxIsn(peer);
      let read = '';
      let checked = 0;
      LINUX_SEGMENTS.forEach((captured, i) => {
        const step = describeCaptured(captured, i);
        if (captured.from === peer) {
          t.step(`${step} → our receiver`);
          guarded(t, 'receive()', () => receiver.receive(senderMessageOf(toSegment(captured))));
          read += text(drain(stream)); // the application reads at once, as the Node peer did
        } else if (captured.ack !== undefined) {
          const ours = guarded(t, 'send()', () => receiver.send()).ackno;
          t.expect(
            `${step}: Linux acknowledged ${relative(captured.ack, isn, 'ISN')} here; our ackno is`,
            ours === undefined ? 'none' : relative(ours, isn, 'ISN'),
            relative(captured.ack, isn, 'ISN'),
            `${SYN_TAKES_ONE}; ${FIN_TAKES_ONE}`,
          );
          checked++;
        }
      });
      expect(checked, 'the capture has acknowledgments to compare').toBeGreaterThan(3);
      const sent = LINUX_SEGMENTS.filter((s) => s.from === peer).map((s) => text(toSegment(s).payload)).join('');
      t.expect(`our stream holds the ${sent.length} bytes the ${peer} sent`, read, sent);
      t.expect('our stream is closed: the FIN was received', stream.isClosed, true, FIN_TAKES_ONE);
    });
  }

  it('cannot advertise the 65536-byte window Linux did: 65535 is the most a 16-bit field says without window scaling', () => {
    const scaled = LINUX_SEGMENTS.find((s) => !s.flags.includes('SYN') && s.window > 65535);
    expect(scaled, 'a Linux segment advertising more than 65535 (window field × 2^scale, RFC 7323 §2.3)').toBeDefined();
    const receiver = new TcpReceiver(new Reassembler(new ByteStream(1 << 20)));
    for (const captured of LINUX_SEGMENTS.filter((s) => s.from === 'client')) receiver.receive(senderMessageOf(toSegment(captured)));
    const shift = LINUX_SEGMENTS.find((s) => s.from === scaled!.from && s.windowScale !== undefined)?.windowScale;
    expect(receiver.send().window, `our window with a 1 MiB buffer, where Linux said ${scaled!.windowField} × 2^${shift} = ${scaled!.window}`).toBe(65535);
  });
});
