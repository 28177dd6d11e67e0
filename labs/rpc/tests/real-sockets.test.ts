/**
 * Stage real-sockets (not finished: so far one socket's bytes through the
 * decoder). A node:net server on 127.0.0.1 writes frames cut at odd places;
 * the learner's readFrames must give them back whole.
 */
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readFrames } from '@impl/net-transport.ts';
import type { DecodeEvent } from '@impl/frame-layout.ts';
import { cutAt, joinBytes, referenceEncode, request, summarize } from './fixtures/reference-frames.ts';

describe('readFrames', () => {
  it('gives back the frames a real socket delivers in odd pieces, then nothing at the end', async () => {
    const frames = [request(1n, new TextEncoder().encode('first')), request(2n, new Uint8Array(5000).fill(7)), request(3n)];
    const chunks = cutAt(joinBytes(frames.map(referenceEncode)), [3, 17, 40, 2000]);
    const server = createServer((socket) => {
      // One write per turn of the event loop, so the pieces reach the client apart.
      const next = (i: number): void => {
        if (i === chunks.length) socket.end();
        else socket.write(chunks[i]!, () => setImmediate(() => next(i + 1)));
      };
      next(0);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const events = await new Promise<DecodeEvent[]>((resolve, reject) => {
        const seen: DecodeEvent[] = [];
        const socket = createConnection((server.address() as AddressInfo).port, '127.0.0.1');
        socket.on('error', reject);
        readFrames(socket, (event) => seen.push(event));
        socket.on('close', () => resolve(seen));
      });
      expect(events.map((e) => (e.type === 'frame' ? summarize(e.frame) : e)), 'events from the socket').toEqual(frames.map(summarize));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
