import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { health, rawExchange, startLaneProcess, upgradeRequest, wsFrame, type LaneProcess } from '../helpers/laneProcess.ts';

/**
 * Fuzz the real lane process over raw TCP: random request lines, targets and headers, and
 * random WebSocket frames after a valid upgrade. After every input the process is alive,
 * answers /health with 200, and its view did not change (same seq).
 *
 * The suite runs LANE_FUZZ_RUNS (default 300) cases per property; a campaign sets it higher,
 * e.g. `LANE_FUZZ_RUNS=100000 npx vitest run test/integration/server-fuzz.test.ts`.
 * A failure prints fast-check's seed and path to replay it.
 */
const RUNS = Number(process.env.LANE_FUZZ_RUNS ?? 300);
const TIMEOUT = Math.max(60_000, RUNS * 200);

let lane: LaneProcess;
let seq0 = 0;
beforeAll(async () => {
  lane = await startLaneProcess({ env: { LANE_LOG_LEVEL: RUNS > 1000 ? 'error' : 'warn' } });
  seq0 = (JSON.parse((await health(lane.host, lane.port)).body) as { seq: number }).seq;
});
afterAll(async () => {
  await lane?.stop();
});

async function expectUnchanged(): Promise<void> {
  const h = await health(lane.host, lane.port);
  expect(lane.alive(), `the lane process died:\n${lane.stderr().slice(-4000)}`).toBe(true);
  expect(h.status).toBe(200);
  expect((JSON.parse(h.body) as { seq: number }).seq).toBe(seq0);
}

// ---- HTTP ------------------------------------------------------------------------------
const pathChar = fc.oneof(
  fc.constantFrom('/', '%', '.', '..', '?', '#', '[', ']', '@', ':', '\\', '%zz', '%00', '%C3', '%E0%A4%A', '%2e%2e%2f', '//', '~', ' '),
  fc.string({ maxLength: 3 }),
  fc.string({ unit: 'grapheme', maxLength: 2 }),
  fc.stringMatching(/^%[0-9A-Fa-f]{0,2}$/),
);
const target = fc.oneof(
  fc.array(pathChar, { maxLength: 12 }).map((a) => `/${a.join('')}`),
  fc.constantFrom('/pictures/', '/health', '/ws', '/', '/simulator/', '/attendant/').chain((p) => fc.array(pathChar, { maxLength: 6 }).map((a) => p + a.join(''))),
  fc.array(pathChar, { maxLength: 8 }).map((a) => `http://${a.join('')}`),
  fc.string({ maxLength: 40 }),
);
const method = fc.oneof(fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'CONNECT', 'TRACE', 'DELETE', 'PRI'), fc.stringMatching(/^[A-Z]{1,8}$/), fc.string({ maxLength: 6 }));
const version = fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 ', 'HTTP/9', '', 'http/1.1');
const headerName = fc.oneof(fc.constantFrom('Host', 'Content-Length', 'Transfer-Encoding', 'Upgrade', 'Connection', 'Origin', 'Sec-WebSocket-Key', 'Sec-WebSocket-Version', 'Expect', 'Cookie'), fc.string({ maxLength: 12 }));
const headerValue = fc.oneof(fc.constantFrom('websocket', 'Upgrade', 'chunked', '-1', '99999999999999999999', '[::1', '127.0.0.1:0', 'close', '100-continue', '13'), fc.string({ maxLength: 30 }));
const request = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(method, target, version, fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 }), fc.string({ maxLength: 40 })).map(
    ([m, t, v, hs, body]) => Buffer.from(`${m} ${t} ${v}\r\n${hs.map(([k, val]) => `${k}: ${val}\r\n`).join('')}\r\n${body}`, 'utf8'),
  ) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) },
);

describe('fuzzed HTTP', () => {
  it(`${RUNS} random requests: the lane survives and nothing changes`, async () => {
    await fc.assert(
      fc.asyncProperty(request, async (bytes) => {
        await rawExchange(lane.host, lane.port, bytes);
        await expectUnchanged();
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});

// ---- WebSocket frames ------------------------------------------------------------------
const frame = fc
  .record({
    opcode: fc.oneof(fc.constantFrom(0, 1, 2, 8, 9, 10), fc.integer({ min: 0, max: 15 })),
    fin: fc.boolean(),
    rsv: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 7 })),
    masked: fc.oneof(fc.constant(true), fc.boolean()),
    payload: fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.string({ maxLength: 80 }).map((s) => new TextEncoder().encode(s)),
      fc.constantFrom('{"type":"intent","id":"x","intent":{"type":"pay.card","amount":-1}}', '{"type":"sim"}', 'null', '[]', '{"__proto__":{"x":1}}').map((s) => new TextEncoder().encode(s)),
    ),
    lie: fc.option(fc.oneof(fc.bigInt({ min: 0n, max: 70_000n }), fc.constantFrom(1n << 40n, (1n << 63n) - 1n, 65_536n, 126n, 127n)), { nil: undefined }),
  })
  .map((f) => wsFrame({ opcode: f.opcode, fin: f.fin, rsv: f.rsv, masked: f.masked, payload: f.payload, ...(f.lie !== undefined ? { declaredLength: f.lie } : {}) }));
const frames = fc.oneof(
  { weight: 4, arbitrary: fc.array(frame, { minLength: 1, maxLength: 4 }).map((fs) => Buffer.concat(fs)) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => Buffer.from(b)) },
);

describe('fuzzed WebSocket frames', () => {
  it(`${RUNS} random frame sequences after a valid upgrade: the lane survives and nothing changes`, async () => {
    await fc.assert(
      fc.asyncProperty(frames, async (bytes) => {
        const { answer } = await rawExchange(lane.host, lane.port, Buffer.concat([Buffer.from(upgradeRequest(lane.host, lane.port, lane.token)), bytes]));
        expect(answer.toString('latin1')).toMatch(/^HTTP\/1\.1 101 /);
        await expectUnchanged();
      }),
      { numRuns: RUNS },
    );
  }, TIMEOUT);
});
