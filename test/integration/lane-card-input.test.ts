import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../contracts/index.ts';
import { openLane } from '../../lane/lane.ts';
import { startLaneServer, type LaneServer } from '../../lane/server.ts';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { health, startLaneProcess } from '../helpers/laneProcess.ts';

/**
 * "A shopper can freeze the lane": card-number-looking input typed at the keypad is stored
 * masked and the lane carries on; an actor failure is never swallowed (out of service,
 * intents answer an error, /health 503). Through the real HTTP/WebSocket entry point.
 */
const root = resolve(import.meta.dirname, '../..');
/** 13 digits, Luhn-valid, first digit 4, not a valid GTIN-13: looks like a card number. */
const PAN_LIKE = '4012345678909';

class Client {
  readonly messages: ServerMessage[] = [];
  private waiters: { pred: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as ServerMessage;
      this.messages.push(m);
      this.waiters = this.waiters.filter((w) => (w.pred(m) ? (w.resolve(m), false) : true));
    });
  }
  next(pred: (m: ServerMessage) => boolean): Promise<ServerMessage> {
    const found = this.messages.find(pred);
    return found ? Promise.resolve(found) : new Promise((resolve) => this.waiters.push({ pred, resolve }));
  }
  async ask(id: string, m: Record<string, unknown>): Promise<ServerMessage> {
    this.ws.send(JSON.stringify({ ...m, id }));
    return this.next((x) => x.type === 'reply' && x.id === id);
  }
}

async function connect(url: string): Promise<Client> {
  const ws = new WebSocket(url);
  const c = new Client(ws);
  await new Promise<void>((res, rej) => {
    ws.once('open', () => res());
    ws.once('error', rej);
  });
  return c;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('card-number-looking shopper input', () => {
  it('typed on the keypad: stored masked, the lane carries on, /health stays honest', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lane-pan-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const lane = await startLaneProcess({ dataDir });
    cleanups.push(() => lane.stop());
    const c = await connect(`ws://${lane.host}:${lane.port}/ws?token=${lane.token}`);
    cleanups.push(() => c.ws.close());
    expect(await c.ask('s', { type: 'intent', intent: { type: 'session.start' } })).toMatchObject({ ok: true });
    expect(await c.ask('p', { type: 'intent', intent: { type: 'scan.manual', code: PAN_LIKE } })).toMatchObject({ ok: true });
    const blocked = await c.next((m) => m.type === 'view' && m.view.interventions.some((i) => i.kind === 'unknownItem'));
    const iv = blocked.type === 'view' ? blocked.view.interventions.find((i) => i.kind === 'unknownItem') : undefined;
    expect(iv?.detail.code).toBe('401234***8909');
    // The lane still works: the next intent changes the view.
    expect(await c.ask('h', { type: 'intent', intent: { type: 'help.request' } })).toMatchObject({ ok: true });
    await c.next((m) => m.type === 'view' && m.view.interventions.some((i) => i.kind === 'help'));
    expect((await health(lane.host, lane.port)).status).toBe(200);
    c.ws.close();
    await lane.stop();
    // The number is nowhere in the lane's storage (database and WAL).
    for (const f of readdirSync(dataDir)) expect(readFileSync(join(dataDir, f)).includes(PAN_LIKE), f).toBe(false);
  });
});

describe('an actor failure is never swallowed', () => {
  it('the journal fails under the checkout: out of service, intents answer an error, /health 503', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lane-fail-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const lane = openLane({ dataDir, catalogue: join(root, 'fixtures/catalogue.json'), clock: new ManualClock(), logger: silentLogger, devices: 'sim' });
    const server: LaneServer = await startLaneServer({ service: lane.service, logger: silentLogger, port: 0 });
    cleanups.push(() => server.close());
    cleanups.push(() => lane.service.close());
    const c = await connect(`${server.wsUrl}?token=${server.token}`);
    cleanups.push(() => c.ws.close());
    expect(await c.ask('s', { type: 'intent', intent: { type: 'session.start' } })).toMatchObject({ ok: true });
    lane.db.close(); // the storage is gone under the lane
    const r = await c.ask('x', { type: 'intent', intent: { type: 'scan.manual', code: '4006381333931' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    await c.next((m) => m.type === 'view' && m.view.screen === 'outOfService');
    expect(await c.ask('y', { type: 'intent', intent: { type: 'help.request' } })).toMatchObject({ ok: false, error: { code: 'internal' } });
    const u = new URL(server.url);
    const h = await health(u.hostname, Number(u.port));
    expect(h.status).toBe(503);
    expect(JSON.parse(h.body)).toMatchObject({ ok: false, actor: 'error' });
  });
});
