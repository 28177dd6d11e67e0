/**
 * Frames over a real socket. So far: a socket's bytes through the frame
 * decoder. (Stage real-sockets puts the client and server on node:net.)
 */
import type { DecodeEvent } from '@impl/frame-layout.ts';

/** What this file needs of a node:net socket. */
export interface ByteSource {
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
}

/** Feeds every chunk `socket` delivers through a FrameDecoder and hands each event to `onEvent`, including those of the stream's end. */
export function readFrames(socket: ByteSource, onEvent: (event: DecodeEvent) => void, options: { maxBody?: number } = {}): void {
  throw new Error('TODO(real-sockets): one decoder per socket; its data and end events through it');
}
