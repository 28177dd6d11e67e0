/** Given code: the shapes net-transport.ts works with: what it reads of a socket, and what listen resolves with. */

/** What net-transport.ts needs of a node:net socket. */
export interface ByteSource {
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
}

/** A listening RPC server. */
export interface Listening {
  /** The port it listens on (the system's choice when asked for port 0). */
  port: number;
  /** Stops listening and closes every connection; resolves when all are closed. */
  close(): Promise<void>;
}
