/**
 * Stage grpc: gRPC's message framing, then a unary server over node:http2
 * that @grpc/grpc-js's client calls (a real peer: its framing, deadlines and
 * status handling are its own), and the same server seen from a raw
 * node:http2 client, whose request bytes are written out here by hand from
 * gRPC's PROTOCOL-HTTP2.md, to check what grpc-js forgives: where the status
 * travels, the HTTP status, grpc-timeout's units.
 */
import * as grpc from '@grpc/grpc-js';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { expectBytes, fromHex } from '@lab-kit';
import { GrpcError, GrpcStatus, type UnaryHandler } from '@impl/grpc-call.ts';
import { createGrpcServer, decodeGrpcMessage, encodeGrpcMessage, parseGrpcTimeout } from '@impl/grpc.ts';

const SEE = 'gRPC PROTOCOL-HTTP2.md, Length-Prefixed-Message';
const FIELDS = [
  { name: 'Compressed-Flag', offset: 0, length: 1 },
  { name: 'Message-Length (big-endian)', offset: 1, length: 4 },
  { name: 'Message', offset: 5, length: Number.MAX_SAFE_INTEGER },
];

describe('encodeGrpcMessage', () => {
  it('prefixes a message with flag 0 and its length', () => {
    expectBytes(encodeGrpcMessage(fromHex('08 96 01')), fromHex('00 00 00 00 03 08 96 01'), { what: 'a 3-byte message', fields: FIELDS, see: SEE });
    expectBytes(encodeGrpcMessage(new Uint8Array(0)), fromHex('00 00 00 00 00'), { what: 'an empty message', fields: FIELDS, see: SEE });
    expectBytes(encodeGrpcMessage(new Uint8Array(0x010203)).subarray(0, 5), fromHex('00 00 01 02 03'), { what: 'the prefix of a 66051-byte message', fields: FIELDS, see: SEE });
  });
});

describe('decodeGrpcMessage', () => {
  it('reads a message and says where the next one starts', () => {
    const bytes = fromHex('00 00 00 00 02 aa bb 01 00 00 00 01 cc');
    expect(decodeGrpcMessage(bytes), 'the first message').toEqual({ compressed: false, message: fromHex('aa bb'), next: 7 });
    expect(decodeGrpcMessage(bytes, 7), 'the second, with the compressed flag').toEqual({ compressed: true, message: fromHex('cc'), next: 13 });
  });

  it('returns null until the prefix and the whole message are there', () => {
    const bytes = fromHex('00 00 00 00 02 aa bb');
    for (let cut = 0; cut < bytes.length; cut++) expect(decodeGrpcMessage(bytes.subarray(0, cut)), `the first ${cut} of 7 bytes`).toBeNull();
    expect(decodeGrpcMessage(fromHex('ff 00 00 00 02 aa bb 00 00'), 2), 'a prefix at offset 2 cut short').toBeNull();
  });
});

describe('decodeGrpcMessage at the edges', () => {
  it('reads an empty message that ends the bytes, and waits when fewer than 5 bytes are left after the offset', () => {
    expect(decodeGrpcMessage(fromHex('00 00 00 00 00')), 'an empty message, exactly 5 bytes').toEqual({ compressed: false, message: new Uint8Array(0), next: 5 });
    expect(decodeGrpcMessage(fromHex('00 00 00 00 01 aa 00 00 00'), 6), 'three bytes left after the first message').toBeNull();
  });
});

describe('parseGrpcTimeout', () => {
  const TIMEOUT = 'gRPC PROTOCOL-HTTP2.md, Timeout: TimeoutValue (1 to 8 digits), then H, M, S, m, u or n';

  it('reads each unit: H hours, M minutes, S seconds, m milliseconds, u microseconds, n nanoseconds', () => {
    const cases: [string, number][] = [['1H', 3_600_000], ['2M', 120_000], ['3S', 3_000], ['250m', 250], ['1500u', 1.5], ['2000000n', 2], ['0m', 0], ['99999999S', 99_999_999_000]];
    for (const [value, ms] of cases) expect(parseGrpcTimeout(value), `grpc-timeout "${value}" in ms; ${TIMEOUT}`).toBeCloseTo(ms, 9);
  });

  it('refuses what is not a timeout', () => {
    for (const value of ['', '5', 'S', '123456789m', '-1S', '1.5S', '5s', ' 5S', '5S ', '5 S', '0x10m', '1h']) {
      expect(parseGrpcTimeout(value), `grpc-timeout "${value}"; ${TIMEOUT}`).toBeNull();
    }
  });
});

// A JSON service: grpc-js lets a client bring its own serialize and deserialize functions.
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const parse = (bytes: Buffer): unknown => JSON.parse(bytes.toString('utf8'));
const decoded = (bytes: Uint8Array): Record<string, unknown> => JSON.parse(new TextDecoder().decode(bytes));

const ERROR_MESSAGE = 'stock < 0: 100% sold → ünter';
/** What the abort signal of the handler that never answers said, per call, by the test's key. */
const aborted = new Map<string, (reason: unknown) => void>();
/** How many times the counting handler ran. */
let counted = 0;

const methods: Record<string, UnaryHandler> = {
  '/shop.Inventory/Echo': (request) => json({ echo: decoded(request) }),
  '/shop.Inventory/Deadline': (_request, context) => json({ left: context.deadline === null ? null : context.deadline - Date.now(), method: context.method }),
  '/shop.Inventory/Refuse': async () => {
    throw new GrpcError(GrpcStatus.FAILED_PRECONDITION, ERROR_MESSAGE);
  },
  '/shop.Inventory/RefuseEdges': () => {
    throw new GrpcError(GrpcStatus.FAILED_PRECONDITION, 'a~b\tc %');
  },
  '/shop.Inventory/Count': () => {
    counted++;
    return json({ counted });
  },
  '/shop.Inventory/ThrowString': () => {
    throw 'sold out';
  },
  '/shop.Inventory/Crash': () => {
    throw new Error('inventory table locked');
  },
  '/shop.Inventory/Hang': (request, context) =>
    new Promise(() => {
      const key = String(decoded(request).key);
      context.signal.addEventListener('abort', () => aborted.get(key)?.(context.signal.reason));
    }),
};

const servers: http2.Http2Server[] = [];
const sessions: http2.ServerHttp2Session[] = [];
/** A server from the learner's code, listening on loopback; closed, with its connections, after the file's tests. */
async function listen(options?: { maxMessageBytes?: number }): Promise<number> {
  const server = createGrpcServer(methods, options);
  servers.push(server);
  server.on('session', (session) => sessions.push(session));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

let started: Promise<number> | undefined;
/** The port of the server most tests share, started by the first describe that needs it (so the codec tests run without it). */
function mainServer(): Promise<number> {
  started ??= listen();
  return started;
}

let port = 0;
let client: grpc.Client | undefined;
afterAll(async () => {
  client?.close();
  // grpc-js keeps an idle connection open for a while after close(); the server would wait for it.
  for (const session of sessions) session.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

/** What grpc-js's client got: the value, or the status code and details of the error. */
type Outcome = { value: unknown } | { code: number; details: string };

function callWith(using: grpc.Client, method: string, argument: unknown, options: grpc.CallOptions = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    using.makeUnaryRequest(method, json, parse, argument, new grpc.Metadata(), options, (error, value) => resolve(error ? { code: error.code, details: error.details } : { value }));
  });
}

/** Waits for `promise`, failing with `what` after 3 s (what it waits for comes within 50 ms) instead of hanging the stage. */
async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const giveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within 3 s: ${what}`)), 3_000);
  });
  try {
    return await Promise.race([promise, giveUp]);
  } finally {
    clearTimeout(timer);
  }
}

// Each test asks for the shared server (made once): a server the learner's code cannot start fails every
// test by name in every runner, where a failing beforeAll would skip them, and the runners list skips differently.
describe('served to grpc-js', () => {
  beforeEach(async () => {
    port = await mainServer();
    client ??= new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });
  const call = (method: string, argument: unknown, options?: grpc.CallOptions) => callWith(client!, method, argument, options);

  it('answers a unary call with the handler’s message and status OK', async () => {
    const outcome = await call('/shop.Inventory/Echo', { sku: 'sku-42', quantity: 3 });
    expect(outcome, 'grpc-js sent {sku, quantity}; the handler echoes it').toEqual({ value: { echo: { sku: 'sku-42', quantity: 3 } } });
  });

  it('reads a request that spans many DATA frames and answers one as long', async () => {
    const note = 'x'.repeat(200_000);
    const outcome = await call('/shop.Inventory/Echo', { note });
    expect(outcome, 'a 200 kB request: HTTP/2 splits it into frames of at most 16 kB').toEqual({ value: { echo: { note } } });
  });

  it('answers many calls at once on one connection', async () => {
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => call('/shop.Inventory/Echo', { i })));
    expect(outcomes, 'fifty calls, each on its own stream').toEqual(Array.from({ length: 50 }, (_, i) => ({ value: { echo: { i } } })));
  });

  it('ends a call with the status and message of the GrpcError its handler throws, the message percent-encoded', async () => {
    const outcome = await call('/shop.Inventory/Refuse', {});
    expect(outcome, 'FAILED_PRECONDITION (9); grpc-message is percent-encoded UTF-8 (PROTOCOL-HTTP2.md, Status-Message)').toEqual({ code: GrpcStatus.FAILED_PRECONDITION, details: ERROR_MESSAGE });
  });

  it('ends a call whose handler throws anything else with UNKNOWN and the error’s message', async () => {
    expect(await call('/shop.Inventory/Crash', {}), 'UNKNOWN is 2 (statuscodes.md)').toEqual({ code: GrpcStatus.UNKNOWN, details: 'inventory table locked' });
  });

  it('ends a call whose handler throws something that is not an Error with UNKNOWN and that thing as text', async () => {
    expect(await call('/shop.Inventory/ThrowString', {}), 'the handler threw the string "sold out"').toEqual({ code: GrpcStatus.UNKNOWN, details: 'sold out' });
  });

  it('aborts the handler’s signal with a GrpcError carrying the call’s status', async () => {
    const cancelled = new Promise((resolve) => aborted.set('cancel-reason', resolve));
    const hanging = client!.makeUnaryRequest('/shop.Inventory/Hang', json, parse, { key: 'cancel-reason' }, () => {});
    await call('/shop.Inventory/Deadline', {});
    hanging.cancel();
    const reason = await within(cancelled, 'the signal after grpc-js cancelled');
    expect(reason, 'the reason when the client cancels').toBeInstanceOf(GrpcError);
    expect((reason as GrpcError).code, 'CANCELLED is 1').toBe(GrpcStatus.CANCELLED);
    // A raw client, which (unlike grpc-js) does not cancel the call itself at the deadline.
    const late = new Promise((resolve) => aborted.set('deadline-reason', resolve));
    await raw({ path: '/shop.Inventory/Hang', headers: { 'grpc-timeout': '50m' }, body: [frame(jsonBytes({ key: 'deadline-reason' }))] });
    const reason2 = await within(late, 'the signal at the deadline');
    expect(reason2, 'the reason at the deadline').toBeInstanceOf(GrpcError);
    expect((reason2 as GrpcError).code, 'DEADLINE_EXCEEDED is 4').toBe(GrpcStatus.DEADLINE_EXCEEDED);
  });

  it('answers an unknown method with UNIMPLEMENTED and a message naming it', async () => {
    const outcome = await call('/shop.Inventory/Restock', {});
    expect(outcome, 'UNIMPLEMENTED is 12, sent as grpc-status; an HTTP 404 would reach grpc-js only as "Received HTTP status code 404"').toMatchObject({ code: GrpcStatus.UNIMPLEMENTED });
    expect((outcome as { details: string }).details, 'grpc-message').toContain('/shop.Inventory/Restock');
  });

  it('refuses a request grpc-js compressed with gzip: UNIMPLEMENTED, since the server accepts identity only', async () => {
    const gzip = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), { 'grpc.default_compression_algorithm': 2 });
    try {
      const outcome = await callWith(gzip, '/shop.Inventory/Echo', { sku: 'sku-42' });
      expect(outcome, 'the Compressed-Flag was 1, grpc-encoding gzip (gRPC compression.md)').toMatchObject({ code: GrpcStatus.UNIMPLEMENTED });
    } finally {
      gzip.close();
    }
  });

  it('gives the handler the deadline grpc-js sent as grpc-timeout', async () => {
    const outcome = await call('/shop.Inventory/Deadline', {}, { deadline: Date.now() + 60_000 });
    const left = (outcome as { value: { left: number | null } }).value?.left;
    expect(left, 'a 60 s deadline: the handler sees between 50 and 60 s left').toBeGreaterThan(50_000);
    expect(left).toBeLessThanOrEqual(60_000);
    expect(await call('/shop.Inventory/Deadline', {}), 'no deadline: no grpc-timeout, deadline null').toEqual({ value: { left: null, method: '/shop.Inventory/Deadline' } });
  });

  it('aborts the handler’s signal when grpc-js cancels the call', async () => {
    const reason = new Promise((resolve) => aborted.set('cancel', resolve));
    const hanging = client!.makeUnaryRequest('/shop.Inventory/Hang', json, parse, { key: 'cancel' }, () => {});
    // Cancel once the server has the call: the Deadline method answering proves the connection is up, and the Hang call's request was written before it.
    await call('/shop.Inventory/Deadline', {});
    hanging.cancel();
    expect(await within(reason, 'the signal after grpc-js cancelled'), 'the abort reason').toBeDefined();
  });
});

/** What a raw HTTP/2 client saw: the response headers, whether they ended the stream, the body bytes and the trailers. */
interface RawResponse {
  headers: http2.IncomingHttpHeaders;
  trailersOnly: boolean;
  body: Uint8Array;
  trailers: http2.IncomingHttpHeaders | null;
}

/** One message's bytes, written here from PROTOCOL-HTTP2.md: the flag, the length big-endian, the message. */
function frame(message: Uint8Array, flag = 0, length = message.length): Uint8Array {
  const out = new Uint8Array(5 + message.length);
  out[0] = flag;
  new DataView(out.buffer).setUint32(1, length);
  out.set(message, 5);
  return out;
}
const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** Sends a request with a raw node:http2 client; `end: false` leaves the request stream open. */
function raw(options: { port?: number; path: string; headers?: http2.OutgoingHttpHeaders; body?: Uint8Array[]; end?: boolean }): Promise<RawResponse> {
  const session = http2.connect(`http://127.0.0.1:${options.port ?? port}`);
  session.on('error', () => {});
  const result = new Promise<RawResponse>((resolve, reject) => {
    const request = session.request({ ':method': 'POST', ':path': options.path, 'content-type': 'application/grpc', te: 'trailers', ...options.headers });
    const chunks: Uint8Array[] = [];
    let headers: http2.IncomingHttpHeaders = {};
    let trailersOnly = false;
    let trailers: http2.IncomingHttpHeaders | null = null;
    request.on('response', (h, flags) => {
      headers = h;
      trailersOnly = (flags & http2.constants.NGHTTP2_FLAG_END_STREAM) !== 0;
    });
    request.on('trailers', (t) => (trailers = t));
    request.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    request.on('end', () => resolve({ headers, trailersOnly, body: Buffer.concat(chunks), trailers }));
    request.on('error', reject);
    for (const part of options.body ?? []) request.write(part);
    if (options.end ?? true) request.end();
  });
  return within(result, `${options.path} from a raw HTTP/2 client`).finally(() => session.destroy());
}

/** The grpc-status a raw response carries where gRPC puts it: the trailers, or the headers of a Trailers-Only response. */
function statusOf(response: RawResponse): { status: number | null; message: string | null } {
  const where = response.trailersOnly ? response.headers : response.trailers;
  const status = where?.['grpc-status'];
  const message = where?.['grpc-message'];
  return { status: status === undefined ? null : Number(status), message: message === undefined ? null : String(message) };
}

describe('on the wire (a raw HTTP/2 client)', () => {
  beforeEach(async () => {
    port = await mainServer();
  });

  it('sends :status 200 and content-type application/grpc, the message, then grpc-status 0 in the trailers', async () => {
    const response = await raw({ path: '/shop.Inventory/Echo', body: [frame(jsonBytes({ n: 1 }))] });
    expect(response.headers[':status'], ':status').toBe(200);
    expect(String(response.headers['content-type']), 'content-type').toMatch(/^application\/grpc/);
    expect(response.trailersOnly, 'a response with a message is not Trailers-Only').toBe(false);
    expect(response.headers['grpc-status'], 'grpc-status in the headers, before the message: it belongs in the trailers (PROTOCOL-HTTP2.md, Responses)').toBeUndefined();
    expect(response.trailers?.['grpc-status'], 'grpc-status in the trailers').toBe('0');
    expectBytes(response.body, frame(jsonBytes({ echo: { n: 1 } })), { what: 'the response body', fields: FIELDS, see: SEE });
  });

  it('answers errors with HTTP 200 too: the status is grpc-status, and grpc-message is percent-encoded', async () => {
    const unknown = await raw({ path: '/shop.Inventory/Restock', body: [frame(jsonBytes({}))] });
    expect(unknown.headers[':status'], 'an unknown method is a gRPC error, not an HTTP one: :status 200').toBe(200);
    expect(statusOf(unknown).status, 'grpc-status UNIMPLEMENTED').toBe(GrpcStatus.UNIMPLEMENTED);
    const refused = await raw({ path: '/shop.Inventory/Refuse', body: [frame(jsonBytes({}))] });
    expect(refused.headers[':status'], ':status for a refused call').toBe(200);
    expect(statusOf(refused), 'UTF-8, every byte outside 0x20–0x7e and "%" as %XX (PROTOCOL-HTTP2.md, Status-Message)').toEqual({
      status: GrpcStatus.FAILED_PRECONDITION,
      message: 'stock < 0: 100%25 sold %E2%86%92 %C3%BCnter',
    });
  });

  it('percent-encodes the edges of the printable range: "~" stays, a tab and "%" do not', async () => {
    const response = await raw({ path: '/shop.Inventory/RefuseEdges', body: [frame(jsonBytes({}))] });
    expect(statusOf(response).message, 'the message "a~b<tab>c %" (PROTOCOL-HTTP2.md, Status-Message)').toBe('a~b%09c %25');
  });

  it('serves POST with content-type application/grpc or application/grpc+…, and nothing else', async () => {
    for (const type of ['application/grpc+json', 'application/grpc;charset=utf-8']) {
      const response = await raw({ path: '/shop.Inventory/Echo', headers: { 'content-type': type }, body: [frame(jsonBytes({}))] });
      expect(statusOf(response).status, `content-type ${type} is gRPC`).toBe(0);
    }
    for (const type of ['application/grpcx', 'text/plain; q=application/grpc']) {
      const response = await raw({ path: '/shop.Inventory/Echo', headers: { 'content-type': type }, body: [frame(jsonBytes({}))] });
      expect(response.headers[':status'], `content-type ${type} is not gRPC: HTTP 415`).toBe(415);
    }
    const get = await raw({ path: '/shop.Inventory/Echo', headers: { ':method': 'GET' }, body: [] });
    expect(get.headers[':status'], 'a GET is not a gRPC call: HTTP 415').toBe(415);
  });

  it('refuses an oversize message as soon as its 5-byte prefix arrives', async () => {
    const small = await listen({ maxMessageBytes: 1_024 });
    const over = await raw({ port: small, path: '/shop.Inventory/Echo', body: [frame(new Uint8Array(0), 0, 4_096)], end: false });
    expect(statusOf(over).status, 'only the prefix, announcing 4,096 bytes: RESOURCE_EXHAUSTED').toBe(GrpcStatus.RESOURCE_EXHAUSTED);
  });

  it('keeps serving after a client resets a call with an error code', async () => {
    const session = http2.connect(`http://127.0.0.1:${port}`);
    session.on('error', () => {});
    try {
      const reset = session.request({ ':method': 'POST', ':path': '/shop.Inventory/Hang', 'content-type': 'application/grpc', te: 'trailers' });
      reset.on('error', () => {});
      reset.write(frame(jsonBytes({ key: 'reset' })));
      reset.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
      const after = await raw({ path: '/shop.Inventory/Echo', body: [frame(jsonBytes({ n: 2 }))] });
      expect(statusOf(after).status, 'a call after another was reset with INTERNAL_ERROR').toBe(0);
    } finally {
      session.destroy();
    }
  });

  it('names the encodings it accepts when it refuses a compressed message', async () => {
    const response = await raw({ path: '/shop.Inventory/Echo', headers: { 'grpc-encoding': 'gzip' }, body: [frame(jsonBytes({ n: 1 }), 1)] });
    const where = response.trailersOnly ? response.headers : response.trailers;
    expect(where?.['grpc-accept-encoding'], 'grpc-accept-encoding beside UNIMPLEMENTED (gRPC compression.md)').toBe('identity');
  });

  it('says why in grpc-message for every error status', async () => {
    const small = await listen({ maxMessageBytes: 16 });
    const cases: [string, Parameters<typeof raw>[0]][] = [
      ['an unknown method', { path: '/shop.Inventory/Restock', body: [frame(jsonBytes({}))] }],
      ['a compressed message', { path: '/shop.Inventory/Echo', body: [frame(jsonBytes({}), 1)] }],
      ['a message over the limit', { port: small, path: '/shop.Inventory/Echo', body: [frame(jsonBytes({ pad: 'z'.repeat(20) }))] }],
      ['a malformed grpc-timeout', { path: '/shop.Inventory/Echo', headers: { 'grpc-timeout': '5s' }, body: [frame(jsonBytes({}))] }],
      ['no message', { path: '/shop.Inventory/Echo', body: [] }],
      ['two messages', { path: '/shop.Inventory/Echo', body: [frame(jsonBytes({})), frame(jsonBytes({}))] }],
      ['a deadline passed', { path: '/shop.Inventory/Hang', headers: { 'grpc-timeout': '20m' }, body: [frame(jsonBytes({ key: 'why' }))] }],
    ];
    for (const [what, request] of cases) {
      const { status, message } = statusOf(await raw(request));
      expect(status, `${what}: an error status`).not.toBe(0);
      expect(message ?? '', `${what}: grpc-message should say why`).not.toBe('');
    }
  });

  it('sends errors with content-type application/grpc too', async () => {
    const response = await raw({ path: '/shop.Inventory/Refuse', body: [frame(jsonBytes({}))] });
    expect(String(response.headers['content-type']), 'the content-type of a Trailers-Only error').toMatch(/^application\/grpc/);
  });

  it('never runs the handler of a request it refused', async () => {
    const before = counted;
    const twice = await raw({ path: '/shop.Inventory/Count', body: [frame(jsonBytes({})), frame(jsonBytes({}))] });
    expect(statusOf(twice).status, 'two messages: INTERNAL').toBe(GrpcStatus.INTERNAL);
    const compressed = await raw({ path: '/shop.Inventory/Count', body: [frame(jsonBytes({}), 1)] });
    expect(statusOf(compressed).status, 'a compressed message: UNIMPLEMENTED').toBe(GrpcStatus.UNIMPLEMENTED);
    // A call after them on the same server: once it is answered, the refused ones' request ends have long been read.
    const after = await raw({ path: '/shop.Inventory/Count', body: [frame(jsonBytes({}))] });
    expect(decoded(after.body.subarray(5)), 'the handler ran once, for the last call only').toEqual({ counted: before + 1 });
  });

  it('reads grpc-timeout in each unit: M is a minute, m a millisecond', async () => {
    const cases: [string, number][] = [['1H', 3_600_000], ['1M', 60_000], ['30S', 30_000], ['90000m', 90_000], ['90000000u', 90_000]];
    for (const [timeout, ms] of cases) {
      const response = await raw({ path: '/shop.Inventory/Deadline', headers: { 'grpc-timeout': timeout }, body: [frame(jsonBytes({}))] });
      expect(statusOf(response), `grpc-timeout ${timeout}: the call should succeed`).toEqual({ status: 0, message: null });
      const left = decoded(response.body.subarray(5)).left as number;
      expect(left, `grpc-timeout ${timeout} is ${ms} ms: time left seen by the handler`).toBeGreaterThan(ms - 10_000);
      expect(left).toBeLessThanOrEqual(ms);
    }
  });

  it('ends a call still running at its deadline with DEADLINE_EXCEEDED, and aborts its handler’s signal', async () => {
    const reason = new Promise((resolve) => aborted.set('deadline', resolve));
    const response = await raw({ path: '/shop.Inventory/Hang', headers: { 'grpc-timeout': '50m' }, body: [frame(jsonBytes({ key: 'deadline' }))] });
    expect(statusOf(response).status, 'grpc-timeout 50m, a handler that never answers: DEADLINE_EXCEEDED is 4').toBe(GrpcStatus.DEADLINE_EXCEEDED);
    expect(await within(reason, 'the signal at the deadline'), 'the abort reason').toBeDefined();
  });

  it('refuses a malformed grpc-timeout with INTERNAL', async () => {
    const response = await raw({ path: '/shop.Inventory/Echo', headers: { 'grpc-timeout': '5s' }, body: [frame(jsonBytes({}))] });
    expect(statusOf(response).status, 'grpc-timeout "5s": lower-case s is no unit (grpc-go and grpc-js answer INTERNAL)').toBe(GrpcStatus.INTERNAL);
  });

  it('refuses a message whose Compressed-Flag is 1, whatever its bytes', async () => {
    const response = await raw({ path: '/shop.Inventory/Echo', body: [frame(jsonBytes({ n: 1 }), 1)] });
    expect(statusOf(response).status, 'flag 1, the server compresses nothing: UNIMPLEMENTED (gRPC compression.md)').toBe(GrpcStatus.UNIMPLEMENTED);
  });

  it('refuses a message over the limit from its prefix alone, and takes one exactly at it', async () => {
    const small = await listen({ maxMessageBytes: 1_024 });
    const over = await raw({ port: small, path: '/shop.Inventory/Echo', body: [frame(fromHex('7b 7d'), 0, 1_025)], end: false });
    expect(statusOf(over).status, 'a prefix announcing 1,025 bytes, limit 1,024, the rest never sent: RESOURCE_EXHAUSTED is 8').toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    const at = jsonBytes({ pad: 'y'.repeat(1_024 - 10) });
    expect(at.length).toBe(1_024);
    const response = await raw({ port: small, path: '/shop.Inventory/Echo', body: [frame(at)] });
    expect(statusOf(response).status, 'a message of exactly 1,024 bytes').toBe(0);
  });

  it('accepts a request cut into pieces at any byte', async () => {
    const whole = frame(jsonBytes({ sku: 'sku-7' }));
    const pieces = Array.from(whole, (byte) => Uint8Array.of(byte));
    const response = await raw({ path: '/shop.Inventory/Echo', body: pieces });
    expect(statusOf(response).status, 'one byte per write').toBe(0);
    expect(decoded(response.body.subarray(5)), 'the echo').toEqual({ echo: { sku: 'sku-7' } });
  });

  it('refuses a unary request without exactly one message with INTERNAL', async () => {
    const cases: [string, Uint8Array[]][] = [
      ['no message', []],
      ['a message cut short', [frame(jsonBytes({ n: 1 })).subarray(0, 8)]],
      ['two messages', [frame(jsonBytes({ n: 1 })), frame(jsonBytes({ n: 2 }))]],
    ];
    for (const [what, body] of cases) {
      const response = await raw({ path: '/shop.Inventory/Echo', body });
      expect(statusOf(response).status, `${what}: INTERNAL is 13`).toBe(GrpcStatus.INTERNAL);
    }
  });

  it('answers a request that is not gRPC with HTTP 415', async () => {
    const response = await raw({ path: '/shop.Inventory/Echo', headers: { 'content-type': 'application/json' }, body: [jsonBytes({})] });
    expect(response.headers[':status'], 'content-type application/json: no gRPC call to give a status to (PROTOCOL-HTTP2.md)').toBe(415);
  });
});
