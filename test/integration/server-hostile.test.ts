import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { health, rawExchange, startLaneProcess, upgradeRequest, wsFrame, type LaneProcess } from '../helpers/laneProcess.ts';

/**
 * Hostile bytes against the real lane process over raw TCP: one bad request or one bad
 * WebSocket frame gets a 4xx or a closed socket, and the process carries on (it still
 * answers /health, and nothing in the lane changed).
 */
let lane: LaneProcess | undefined;
// One process for the file; a case that killed it gets the blame, the next case a new one.
beforeEach(async () => {
  if (!lane?.alive() || (await health(lane.host, lane.port)).status !== 200) {
    await lane?.stop();
    lane = await startLaneProcess();
  }
});
afterAll(async () => {
  await lane?.stop();
});

function statusOf(answer: Buffer): number {
  return Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer.toString('latin1'))?.[1] ?? 0);
}

async function expectSurvived(seqBefore?: number): Promise<void> {
  const h = await health(lane!.host, lane!.port);
  expect(lane!.alive(), `the lane process died:\n${lane!.stderr()}`).toBe(true);
  expect(h.status).toBe(200);
  if (seqBefore !== undefined) expect((JSON.parse(h.body) as { seq: number }).seq).toBe(seqBefore);
}

async function seq(): Promise<number> {
  return (JSON.parse((await health(lane!.host, lane!.port)).body) as { seq: number }).seq;
}

const get = (target: string, host = `${'127.0.0.1'}`) => `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;

describe('hostile HTTP requests', () => {
  it.each([
    ['bad percent-encoding under /pictures/', get('/pictures/%zz')],
    ['bad percent-encoding at the UI root', get('/%E0%A4%A')],
    ['a truncated UTF-8 escape', get('/pictures/%C3')],
    ['a NUL byte in the path', get('/pictures/a%00b.png')],
    ['a malformed host in an absolute-form request line', get('http://[zz/health')],
    ['a malformed host in a scheme-relative request line', get('//[::1/x')],
    ['a malformed Host header', 'GET / HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n'],
  ])('%s: 4xx, and the lane carries on', async (_what, request) => {
    const before = await seq();
    const { answer } = await rawExchange(lane!.host, lane!.port, request);
    const status = statusOf(answer);
    expect(status, answer.toString('latin1')).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    await expectSurvived(before);
  });

  it('garbage instead of a request line: the connection is answered or closed, the lane carries on', async () => {
    const before = await seq();
    await rawExchange(lane!.host, lane!.port, Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0d, 0x0a, 0x0d, 0x0a]));
    await rawExchange(lane!.host, lane!.port, 'GET / HTTP/9.9\r\n\r\n');
    await rawExchange(lane!.host, lane!.port, `GET /${'a'.repeat(100_000)} HTTP/1.1\r\n\r\n`);
    await expectSurvived(before);
  });

  it('a WebSocket upgrade with a bad URL or no token is refused, the lane carries on', async () => {
    const before = await seq();
    const bad = await rawExchange(lane!.host, lane!.port, upgradeRequest(lane!.host, lane!.port, 'x').replace('/ws?token=x', '//[zz/ws'));
    expect(statusOf(bad.answer)).toBeGreaterThanOrEqual(400);
    const noToken = await rawExchange(lane!.host, lane!.port, upgradeRequest(lane!.host, lane!.port, 'wrong'));
    expect(statusOf(noToken.answer)).toBe(401);
    await expectSurvived(before);
  });
});

describe('hostile WebSocket frames (with the right token)', () => {
  const text = (s: string) => new TextEncoder().encode(s);
  it.each([
    ['an oversized frame (declared 1 MiB)', wsFrame({ opcode: 1, declaredLength: 1n << 20n })],
    ['a 2^40-byte length', wsFrame({ opcode: 2, declaredLength: 1n << 40n })],
    ['invalid UTF-8 in a text frame', wsFrame({ opcode: 1, payload: new Uint8Array([0x7b, 0xc3, 0x28, 0xff, 0x7d]) })],
    ['a reserved opcode', wsFrame({ opcode: 0x3, payload: text('{}') })],
    ['a reserved control opcode', wsFrame({ opcode: 0xb })],
    ['an unmasked client frame', wsFrame({ opcode: 1, payload: text('{"type":"hello"}'), masked: false })],
    ['RSV bits without an extension', wsFrame({ opcode: 1, payload: text('{}'), rsv: 7 })],
    ['a fragmented control frame', wsFrame({ opcode: 9, fin: false })],
    ['a continuation frame with nothing to continue', wsFrame({ opcode: 0, payload: text('x') })],
    ['a close frame with an invalid code', wsFrame({ opcode: 8, payload: new Uint8Array([0x03, 0xe7]) })],
  ])('%s: that socket is closed, the lane carries on', async (_what, frame) => {
    const before = await seq();
    const { answer } = await rawExchange(lane!.host, lane!.port, Buffer.concat([Buffer.from(upgradeRequest(lane!.host, lane!.port, lane!.token)), frame]), { keepOpen: true });
    expect(statusOf(answer)).toBe(101);
    await expectSurvived(before);
  });
});
