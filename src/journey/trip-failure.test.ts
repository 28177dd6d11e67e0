import { describe, expect, it } from 'vitest';
import { withPieces } from './pieces.ts';
import { REFERENCE_MODULES, REFERENCE_PIECES } from './reference-pieces.ts';
import { tripError } from './trip-failure.ts';

const mine = withPieces(REFERENCE_PIECES, [
  { id: 'tcp', source: 'yours', modules: REFERENCE_MODULES.tcp },
  { id: 'https', source: 'yours', modules: REFERENCE_MODULES.https },
]);

/** An error thrown from a file of the learner's, as its stack would show it. */
function thrownIn(file: string, message: string): Error {
  const error = new Error(message);
  error.stack = `Error: ${message}\n    at TcpSender.push (/home/me/course/workspace/${file}:12:5)\n    at IpHost.onFrame (/home/me/course/src/journey/ip-host.ts:91:9)`;
  return error;
}

describe('explaining a failed trip', () => {
  it('blames the piece in whose file the error was thrown first, then the step\'s other pieces of yours', () => {
    const error = tripError(thrownIn('tcp/sender.ts', 'window is NaN'), 'tls', 1388, mine);
    expect(error.blamed).toEqual(['tcp', 'https']);
    expect(error.message).toBe('The trip stopped during TLS handshake, at t=1388 ms: window is NaN. Look at your TCP (workspace/tcp/), then your TLS client (workspace/https/).');
  });

  it('looks through causes for the file', () => {
    const wrapped = new Error('netsim: host "phone" threw', { cause: thrownIn('tcp/sender.ts', 'boom') });
    expect(tripError(wrapped, 'dns', 6, mine).blamed).toEqual(['tcp']);
  });

  it('names a stalled step and its pieces of yours when no stack points anywhere', () => {
    const error = tripError(new Error('the network went quiet at t=2000 ms with the trip unfinished'), 'tcp', 2000, mine);
    expect(error.blamed).toEqual(['tcp']);
    expect(error.phase).toBe('tcp');
  });

  it('says when every piece of the step is the reference', () => {
    expect(tripError(new Error('x'), 'database', 10, mine).message).toContain('Every piece of this step is the reference');
  });

  it('blames every piece of yours for a failure before the first step, the one in the stack first', () => {
    expect(tripError(thrownIn('https/client.ts', 'x'), undefined, 0, mine).blamed).toEqual(['https', 'tcp']);
    expect(tripError(new Error('x'), undefined, 0, mine).message).toBe('The trip stopped before it began, at t=0 ms: x. Look at your TCP (workspace/tcp/), then your TLS client (workspace/https/).');
  });

  it('ignores a reference lab in the stack', () => {
    expect(tripError(thrownIn('dns/resolver.ts', 'x'), 'edge', 10, mine).blamed).toEqual(['https']);
  });
});
