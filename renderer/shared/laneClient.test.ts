import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildView } from './fixtures.ts';
import { LaneClient, resolveLaneUrl, type SocketLike } from './laneClient.ts';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: ((ev: Event) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.({} as CloseEvent);
  }
  push(msg: unknown): void {
    this.onmessage?.({ data: typeof msg === 'string' ? msg : JSON.stringify(msg) } as MessageEvent);
  }
  /** Messages sent other than `hello`. */
  get messages(): Array<{ type: string; id: string }> {
    return this.sent.filter((m) => (m as { type: string }).type !== 'hello') as Array<{ type: string; id: string }>;
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const views: number[] = [];
  const states: string[] = [];
  const cues: string[] = [];
  let n = 0;
  const client = new LaneClient({
    url: 'ws://lane/ws?token=t',
    client: 'test',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    random: () => 1,
    newId: () => `id-${++n}`,
    replyTimeoutMs: 5000,
    listeners: { view: (v) => views.push(v.seq), connection: (s) => states.push(s), cue: (c) => cues.push(c) },
  });
  const last = () => sockets.at(-1) as FakeSocket;
  return { client, sockets, views, states, cues, last };
}

describe('LaneClient', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('says hello on open and resolves an intent with the reply of the same id', async () => {
    // GIVEN an open connection
    const { client, last } = setup();
    client.start();
    last().open();
    expect(last().sent[0]).toEqual({ type: 'hello', client: 'test' });
    // WHEN an intent is sent and the lane replies
    const p = client.intent({ type: 'pay.start' });
    expect(last().messages).toEqual([{ type: 'intent', id: 'id-1', intent: { type: 'pay.start' } }]);
    last().push({ type: 'reply', id: 'id-1', ok: false, error: { code: 'notAllowed', message: 'basket is empty' } });
    // THEN the promise resolves with the error as a value
    await expect(p).resolves.toEqual({ ok: false, error: { code: 'notAllowed', message: 'basket is empty' } });
  });

  it('validates outgoing messages and never sends an invalid one', async () => {
    const { client, last } = setup();
    client.start();
    last().open();
    const r = await client.intent({ type: 'scan.manual', code: '12ab' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('invalidInput');
    expect(last().messages).toEqual([]);
  });

  it('drops frames that fail the ServerMessage schema and keeps the last good view', () => {
    const { client, last, views } = setup();
    client.start();
    last().open();
    last().push({ type: 'view', view: buildView('scanning', { seq: 3 }) });
    last().push('not json');
    last().push({ type: 'view', view: { ...buildView('scanning', { seq: 4 }), totalMinor: 'lots' } });
    last().push({ type: 'surprise' });
    expect(views).toEqual([3]);
  });

  it('drops stale views but takes the first view after a reconnect whatever its seq', () => {
    const { client, last, views } = setup();
    client.start();
    last().open();
    last().push({ type: 'view', view: buildView('scanning', { seq: 10 }) });
    last().push({ type: 'view', view: buildView('scanning', { seq: 9 }) });
    last().push({ type: 'view', view: buildView('scanning', { seq: 11 }) });
    expect(views).toEqual([10, 11]);
    // the service restarted: seq starts again
    last().drop();
    vi.advanceTimersByTime(10_000);
    last().open();
    last().push({ type: 'view', view: buildView('scanning', { seq: 2 }) });
    expect(views).toEqual([10, 11, 2]);
  });

  it('keeps intents typed while offline and sends them in order after reconnecting', async () => {
    const { client, last, sockets } = setup();
    client.start();
    last().open();
    last().drop();
    // WHEN the shopper taps while the link is down
    const a = client.intent({ type: 'quantity.set', lineId: 'L1', quantity: 2 });
    const b = client.intent({ type: 'help.request' });
    expect(client.waiting).toBe(2);
    // THEN nothing is lost: both go out, in order, on the next connection
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(2);
    last().open();
    expect(last().messages.map((m) => m.id)).toEqual(['id-1', 'id-2']);
    expect(client.waiting).toBe(0);
    last().push({ type: 'reply', id: 'id-1', ok: true });
    last().push({ type: 'reply', id: 'id-2', ok: true });
    await expect(Promise.all([a, b])).resolves.toEqual([
      { ok: true, value: undefined },
      { ok: true, value: undefined },
    ]);
  });

  it('resolves a message in flight when the link drops with timeout and does not resend it', async () => {
    const { client, last } = setup();
    client.start();
    last().open();
    const p = client.intent({ type: 'scan.manual', code: '4006381333931' });
    last().drop();
    const r = await p;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('timeout');
    vi.advanceTimersByTime(10_000);
    last().open();
    expect(last().messages).toEqual([]);
  });

  it('times out a reply that never comes', async () => {
    const { client, last } = setup();
    client.start();
    last().open();
    const p = client.query({ type: 'catalogue.categories', language: 'en', produceOnly: true });
    vi.advanceTimersByTime(5001);
    const r = await p;
    expect(r.ok).toBe(false);
  });

  it('reconnects with exponential backoff capped at the maximum and reports the state', () => {
    const { client, sockets, states, last } = setup();
    client.start();
    expect(client.backoffMs(0)).toBe(250);
    expect(client.backoffMs(3)).toBe(2000);
    expect(client.backoffMs(10)).toBe(5000);
    last().drop(); // attempt 0 fails → wait 250 ms
    vi.advanceTimersByTime(249);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    last().drop(); // → wait 500 ms
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    last().open();
    expect(states).toEqual(['connecting', 'closed', 'connecting', 'closed', 'connecting', 'open']);
    expect(client.connection).toBe('open');
  });

  it('passes cues to the listener', () => {
    const { client, last, cues } = setup();
    client.start();
    last().open();
    last().push({ type: 'cue', cue: 'scanAccepted', at: 1 });
    expect(cues).toEqual(['scanAccepted']);
  });

  it('stops cleanly: no reconnect, pending messages resolved', async () => {
    const { client, last, sockets } = setup();
    client.start();
    const p = client.intent({ type: 'help.request' });
    client.stop();
    expect((await p).ok).toBe(false);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(last().readyState).toBe(3);
  });
});

describe('resolveLaneUrl', () => {
  const loc = (search: string) => ({ search, host: 'kiosk.local:7310', protocol: 'http:' });
  it('defaults to ws://<host>/ws with the page token', () => {
    expect(resolveLaneUrl(loc('?token=abc'))).toBe('ws://kiosk.local:7310/ws?token=abc');
  });
  it('uses wss on https pages', () => {
    expect(resolveLaneUrl({ ...loc(''), protocol: 'https:' })).toBe('wss://kiosk.local:7310/ws');
  });
  it('takes ?ws= first and adds the page token unless the ws URL has one', () => {
    expect(resolveLaneUrl(loc('?ws=ws%3A%2F%2F127.0.0.1%3A9%2Fws&token=t1'))).toBe('ws://127.0.0.1:9/ws?token=t1');
    expect(resolveLaneUrl(loc('?ws=ws%3A%2F%2F127.0.0.1%3A9%2Fws%3Ftoken%3Dmine&token=t1'))).toBe('ws://127.0.0.1:9/ws?token=mine');
  });
  it('uses the Electron preload bridge when the page has no ?ws=', () => {
    expect(resolveLaneUrl(loc(''), { wsUrl: 'ws://127.0.0.1:7310/ws', token: 'fromBridge' })).toBe('ws://127.0.0.1:7310/ws?token=fromBridge');
    expect(resolveLaneUrl(loc(''), { token: 'fromBridge' })).toBe('ws://kiosk.local:7310/ws?token=fromBridge');
  });
});
