/** The CLI's terminal: stdout and stderr of this process. */
import type { Io } from './commands.ts';

/**
 * Io on the process's streams. When the reader goes away (`journey grade tcp
 * | head -3`), writes fail with EPIPE; the rest of the output is dropped
 * quietly and the command still finishes (and cleans up) as usual.
 */
export function processIo(): Io {
  const closed = new Set<NodeJS.WriteStream>();
  const writer = (stream: NodeJS.WriteStream) => {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      closed.add(stream);
    });
    return (text: string) => {
      if (!closed.has(stream)) stream.write(text + '\n');
    };
  };
  return { out: writer(process.stdout), err: writer(process.stderr), isTTY: Boolean(process.stdout.isTTY) };
}
