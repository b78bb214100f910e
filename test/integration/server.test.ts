import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../contracts/index.ts';
import { ServerMessage as ServerMessageSchema } from '../../contracts/index.ts';
import { startLaneServer, type LaneServer } from '../../lane/server.ts';
import { silentLogger } from '../../core/log.ts';
import { memoryLane } from '../helpers/memoryLane.ts';

/** The loopback API over a real socket: health, token, views out, intents in, bad frames. */
let server: LaneServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

class Client {
  readonly messages: ServerMessage[] = [];
  private waiters: { pred: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const m = ServerMessageSchema.parse(JSON.parse(String(data)));
      this.messages.push(m);
      this.waiters = this.waiters.filter((w) => (w.pred(m) ? (w.resolve(m), false) : true));
    });
  }
  next(pred: (m: ServerMessage) => boolean): Promise<ServerMessage> {
    const found = this.messages.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ pred, resolve }));
  }
  send(m: unknown) {
    this.ws.send(JSON.stringify(m));
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

describe('lane server', () => {
  it('answers /health with the lane id', async () => {
    const lane = memoryLane();
    server = await startLaneServer({ service: lane.service, logger: silentLogger, port: 0 });
    const r = await fetch(`${server.url}/health`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ ok: true, laneId: 'lane-1' });
  });

  it('refuses a WebSocket without the right token', async () => {
    const lane = memoryLane();
    server = await startLaneServer({ service: lane.service, logger: silentLogger, port: 0 });
    const ws = new WebSocket(`${server.wsUrl}?token=wrong`);
    const code = await new Promise<number>((res) => ws.once('unexpected-response', (_req, resp) => res(resp.statusCode ?? 0)));
    expect(code).toBe(401);
  });

  it('sends the current view at once, then a view per change, and replies to intents', async () => {
    const lane = memoryLane();
    server = await startLaneServer({ service: lane.service, logger: silentLogger, port: 0 });
    const c = await connect(`${server.wsUrl}?token=${server.token}`);
    const first = await c.next((m) => m.type === 'view');
    expect(first.type === 'view' && first.view.screen).toBe('attract');
    c.send({ type: 'intent', id: 'i1', intent: { type: 'session.start' } });
    expect(await c.next((m) => m.type === 'reply' && m.id === 'i1')).toMatchObject({ ok: true });
    await c.next((m) => m.type === 'view' && m.view.screen === 'scanning');
    c.send({ type: 'intent', id: 'i2', intent: { type: 'scan.manual', code: '4006381333931' } });
    await c.next((m) => m.type === 'view' && m.view.lines.length === 1);
    await c.next((m) => m.type === 'cue' && m.cue === 'scanAccepted');
    c.ws.close();
  });

  it('answers a bad frame with a clear error and changes nothing', async () => {
    const lane = memoryLane();
    server = await startLaneServer({ service: lane.service, logger: silentLogger, port: 0 });
    const c = await connect(`${server.wsUrl}?token=${server.token}`);
    await c.next((m) => m.type === 'view');
    const seq = lane.service.view().seq;
    c.ws.send('not json');
    expect(await c.next((m) => m.type === 'reply' && m.id === '?')).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    c.send({ type: 'intent', id: 'bad1', intent: { type: 'pay.card', amount: 5 } });
    c.send({ type: 'intent', id: 'bad2', intent: { type: 'scan.manual', code: '12ab' } });
    expect(await c.next((m) => m.type === 'reply' && m.id === 'bad2')).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    const bad1 = await c.next((m) => m.type === 'reply' && m.id === 'bad1');
    expect(bad1).toMatchObject({ ok: false });
    expect(lane.service.view().seq).toBe(seq);
    c.ws.close();
  });

  it('simulator actions drive the simulated devices', async () => {
    const lane = memoryLane();
    server = await startLaneServer({ service: lane.service, logger: silentLogger, port: 0 });
    const c = await connect(`${server.wsUrl}?token=${server.token}`);
    c.send({ type: 'sim', id: 's1', action: { type: 'scan', data: '5901234123457' } });
    await c.next((m) => m.type === 'view' && m.view.lines.length === 1);
    c.send({ type: 'sim', id: 's2', action: { type: 'bagGrams', grams: 105 } });
    await c.next((m) => m.type === 'view' && m.view.prompt.id === 'scanItem');
    c.ws.close();
  });
});
