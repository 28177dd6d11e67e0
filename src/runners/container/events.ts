/** The grader's event lines on stdout, told apart from what is shown in the terminal. */
import type { WorkerMessage } from '../embedded/protocol.ts';

/** Marks a line as a machine event; the terminal hides such lines. */
export const EVENT_MARK = '\u0001journey ';

/** Splits a chunk of output into terminal text and events, keeping a partial last line for the next chunk. */
export class EventLineSplitter {
  private rest = '';

  push(chunk: string): { text: string; events: WorkerMessage[] } {
    const lines = (this.rest + chunk).split('\n');
    this.rest = lines.pop() ?? '';
    const events: WorkerMessage[] = [];
    const text: string[] = [];
    for (const raw of lines) {
      const line = raw.replace(/\r$/, '');
      const at = line.indexOf(EVENT_MARK);
      if (at === -1) text.push(line);
      else events.push(JSON.parse(line.slice(at + EVENT_MARK.length)) as WorkerMessage);
    }
    return { text: text.length ? text.join('\r\n') + '\r\n' : '', events };
  }
}
