import { parseWith, type LaneError, type Result } from '../../contracts/errors.ts';
import type { AttendantCommand, ShopperIntent } from '../../contracts/intents.ts';
import { ClientMessage, ServerMessage, type CatalogueQuery, type Cue, type SimAction } from '../../contracts/protocol.ts';
import type { LaneView } from '../../contracts/view.ts';

/**
 * WebSocket client of the lane service (docs/SERVICE-API.md). Runs in the browser (dom).
 *
 * - Every frame received is validated with `ServerMessage`; invalid frames are dropped.
 * - Every frame sent is validated with `ClientMessage` first; an invalid one is never sent
 *   and resolves at once with `invalidInput`.
 * - Each intent/command/query/sim gets an id; its `reply` resolves the returned promise with a
 *   `Result` (expected failures are values, never rejections).
 * - While offline, messages wait in an outbox and go out in order after reconnecting: nothing
 *   typed is lost. A message already written when the link dropped resolves with `timeout`
 *   (it may or may not have been applied; the view the service sends next tells which) and
 *   is NOT resent, so a scan can never be applied twice.
 * - After every (re)connect the first `view` is taken whatever its `seq` (the service may have
 *   restarted and is the source of truth); later views older than the current one are dropped.
 */

/** What the Electron preload exposes (contextBridge) to the kiosk window. */
export interface LaneBridge {
  wsUrl?: string;
  token?: string;
}
declare global {
  interface Window {
    laneBridge?: LaneBridge;
  }
}

/**
 * URL rules, first match wins:
 * 1. `?ws=<url>` in the page URL (a `?token=` in the page URL is added unless the ws URL has one);
 * 2. `window.laneBridge.wsUrl` (+ `laneBridge.token`) from the Electron preload;
 * 3. `ws(s)://<page host>/ws?token=<?token= of the page, or the bridge's token>`.
 */
export function resolveLaneUrl(location: Pick<Location, 'search' | 'host' | 'protocol'>, bridge?: LaneBridge): string {
  const params = new URLSearchParams(location.search);
  const token = params.get('token') ?? bridge?.token ?? '';
  const withToken = (raw: string): string => {
    const u = new URL(raw);
    if (token && !u.searchParams.has('token')) u.searchParams.set('token', token);
    return u.toString();
  };
  const explicit = params.get('ws');
  if (explicit) return withToken(explicit);
  if (bridge?.wsUrl) return withToken(bridge.wsUrl);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return withToken(`${scheme}//${location.host}/ws`);
}

/** The part of `WebSocket` the client uses; tests pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: Event) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
}
export type SocketFactory = (url: string) => SocketLike;
const OPEN = 1;

export type ConnectionState = 'connecting' | 'open' | 'closed';
export type Reply = Result<unknown>;
export type ClientKind = 'shopper' | 'attendant' | 'simulator' | 'test';

/** What screens need from the client; components get it from context, tests pass a mock. */
export interface LaneActions {
  intent(intent: ShopperIntent): Promise<Reply>;
  command(command: AttendantCommand, pin?: string): Promise<Reply>;
  query(query: CatalogueQuery): Promise<Reply>;
  sim(action: SimAction): Promise<Reply>;
}

export interface LaneClientListeners {
  view?: (view: LaneView) => void;
  cue?: (cue: Cue, at: number) => void;
  connection?: (state: ConnectionState) => void;
  outbox?: (waiting: number) => void;
}

export interface LaneClientOptions {
  url: string;
  client: ClientKind;
  createSocket?: SocketFactory;
  /** Reconnect delay: initialMs · factor^attempt, capped at maxMs, times a jitter in [0.5, 1]. */
  backoff?: { initialMs: number; maxMs: number; factor: number };
  /** A sent message with no reply after this long resolves with `timeout`. */
  replyTimeoutMs?: number;
  random?: () => number;
  newId?: () => string;
  listeners?: LaneClientListeners;
}

type Outgoing = Exclude<ClientMessage, { type: 'hello' }>;
interface Pending {
  message: Outgoing;
  resolve: (r: Reply) => void;
  sent: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

let counter = 0;
export function newMessageId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  counter += 1;
  return `m-${Date.now().toString(36)}-${counter}`;
}

const err = (code: LaneError['code'], message: string): Reply => ({ ok: false, error: { code, message } });

export class LaneClient implements LaneActions {
  private socket: SocketLike | null = null;
  private state: ConnectionState = 'closed';
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;
  private lastSeq = -1;
  private takeAnyView = true;
  private readonly pending = new Map<string, Pending>();
  private readonly outbox: string[] = [];
  private readonly opts: Required<Omit<LaneClientOptions, 'listeners'>>;
  private readonly listeners: LaneClientListeners;

  constructor(options: LaneClientOptions) {
    this.opts = {
      createSocket: (url): SocketLike => new WebSocket(url),
      backoff: { initialMs: 250, maxMs: 5000, factor: 2 },
      replyTimeoutMs: 15_000,
      random: Math.random,
      newId: newMessageId,
      ...options,
    };
    this.listeners = options.listeners ?? {};
  }

  get connection(): ConnectionState {
    return this.state;
  }
  /** Messages waiting for the link (typed while offline). */
  get waiting(): number {
    return this.outbox.length;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = null;
      s.close(1000, 'client stopped');
    }
    this.setState('closed');
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve(err('timeout', 'client stopped'));
      this.pending.delete(id);
    }
    this.outbox.length = 0;
  }

  intent(intent: ShopperIntent): Promise<Reply> {
    return this.enqueue({ type: 'intent', id: this.opts.newId(), intent });
  }
  command(command: AttendantCommand, pin?: string): Promise<Reply> {
    return this.enqueue({ type: 'command', id: this.opts.newId(), command, ...(pin ? { pin } : {}) });
  }
  query(query: CatalogueQuery): Promise<Reply> {
    return this.enqueue({ type: 'query', id: this.opts.newId(), query });
  }
  sim(action: SimAction): Promise<Reply> {
    return this.enqueue({ type: 'sim', id: this.opts.newId(), action });
  }

  private enqueue(message: Outgoing): Promise<Reply> {
    const checked = parseWith(ClientMessage, message, 'client message');
    if (!checked.ok) return Promise.resolve(checked);
    return new Promise<Reply>((resolve) => {
      this.pending.set(message.id, { message, resolve, sent: false, timer: undefined });
      this.outbox.push(message.id);
      this.flush();
      this.listeners.outbox?.(this.outbox.length);
    });
  }

  private flush(): void {
    const s = this.socket;
    if (!s || this.state !== 'open' || s.readyState !== OPEN) return;
    while (this.outbox.length > 0) {
      const id = this.outbox[0] as string;
      const p = this.pending.get(id);
      if (p) {
        try {
          s.send(JSON.stringify(p.message));
        } catch {
          return; // link failing; onclose will follow and the message stays queued
        }
        p.sent = true;
        p.timer = setTimeout(() => this.settle(id, err('timeout', 'the lane did not reply in time')), this.opts.replyTimeoutMs);
      }
      this.outbox.shift();
    }
    this.listeners.outbox?.(0);
  }

  private settle(id: string, reply: Reply): void {
    const p = this.pending.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(id);
    p.resolve(reply);
  }

  private setState(s: ConnectionState): void {
    if (this.state === s) return;
    this.state = s;
    this.listeners.connection?.(s);
  }

  private connect(): void {
    if (this.stopped) return;
    this.setState('connecting');
    let s: SocketLike;
    try {
      s = this.opts.createSocket(this.opts.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = s;
    s.onopen = () => {
      if (this.socket !== s) return;
      this.attempt = 0;
      this.takeAnyView = true;
      this.setState('open');
      s.send(JSON.stringify({ type: 'hello', client: this.opts.client } satisfies ClientMessage));
      this.flush();
    };
    s.onmessage = (ev) => {
      if (this.socket === s) this.receive(ev.data);
    };
    s.onerror = () => {
      /* onclose follows */
    };
    s.onclose = () => {
      if (this.socket !== s) return;
      this.socket = null;
      this.dropInFlight();
      this.setState('closed');
      this.scheduleReconnect();
    };
  }

  private dropInFlight(): void {
    for (const [id, p] of this.pending) {
      if (p.sent) this.settle(id, err('timeout', 'connection lost before the lane replied; see the next view'));
    }
  }

  /** Delay before reconnect attempt `attempt` (0-based). */
  backoffMs(attempt: number): number {
    const { initialMs, maxMs, factor } = this.opts.backoff;
    const base = Math.min(maxMs, initialMs * factor ** attempt);
    return Math.round(base * (0.5 + this.opts.random() / 2));
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = this.backoffMs(this.attempt);
    this.attempt += 1;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private receive(data: unknown): void {
    let raw: unknown;
    try {
      raw = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      console.warn('lane: dropped a frame that is not JSON');
      return;
    }
    const parsed = ServerMessage.safeParse(raw);
    if (!parsed.success) {
      console.warn('lane: dropped an invalid frame', parsed.error.issues[0]);
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'view': {
        if (!this.takeAnyView && msg.view.seq <= this.lastSeq) return;
        this.takeAnyView = false;
        this.lastSeq = msg.view.seq;
        markReceived(msg.view.seq);
        this.listeners.view?.(msg.view);
        return;
      }
      case 'cue':
        this.listeners.cue?.(msg.cue, msg.at);
        return;
      case 'reply':
        this.settle(msg.id, msg.ok ? { ok: true, value: msg.value } : { ok: false, error: msg.error });
        return;
    }
  }
}

function markReceived(seq: number): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(`lane:recv:${seq}`);
}

/** A client for this window, connected per `resolveLaneUrl`. */
export function clientForWindow(client: ClientKind, listeners: LaneClientListeners): LaneClient {
  const url = resolveLaneUrl(window.location, window.laneBridge);
  return new LaneClient({ url, client, listeners });
}
