/** The grader's event lines on stdout, told apart from what is shown in the terminal. */
import type { WorkerMessage } from '../embedded/protocol.ts';

/** Marks a line as a machine event; the terminal hides such lines. */
export const EVENT_MARK = '\u0001journey ';

/** An event line's JSON, or nothing when the line is not a whole event (learner code can print anything). */
function parseEvent(json: string): WorkerMessage | undefined {
  try {
    const event = JSON.parse(json) as WorkerMessage;
    return event && typeof event === 'object' && typeof event.kind === 'string' ? event : undefined;
  } catch {
    return undefined;
  }
}

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
      const event = at === -1 ? undefined : parseEvent(line.slice(at + EVENT_MARK.length));
      if (event) events.push(event);
      else text.push(line);
    }
    return { text: text.length ? text.join('\r\n') + '\r\n' : '', events };
  }
}
