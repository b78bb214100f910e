import mqtt from 'mqtt';
import type { IClientOptions, MqttClient } from 'mqtt';
import type { AttendantCommand, BusCommand, CommandReply, LaneError, LaneEvent, Result } from '../contracts/index.ts';
import { topics } from '../contracts/index.ts';
import { consoleUsername } from './acl.ts';
import { eventKey, interventionQueue, laneOnline, shiftFromLanes, shiftSummary, type LaneState, type QueueEntry, type ShiftSummary } from './insights.ts';
import { encode, parseBusMessage } from './messages.ts';

/**
 * The attendant console's side of the store bus, for Node and the browser (MQTT over
 * WebSocket: `ws://host:8083/mqtt`). No Node built-ins here.
 *
 * - `getSnapshot()` / `subscribe(listener)`: an immutable snapshot (lanes, queue,
 *   connection), replaced on every change — fits React's `useSyncExternalStore`.
 * - `send(laneId, command)`: QoS 1, fresh id, expiry now + 30 s; resolves with the lane's
 *   `CommandReply` (or a local one: `unauthorized` for a read-only console, `timeout`
 *   when no reply came before the expiry). Never rejects.
 * - `onEvent(listener)`: intervention raised/resolved and transaction ended, for alerts.
 * - `shiftSummary()`: figures from the events seen since this console connected.
 * - `shiftReport()`: the whole shift from the lanes' own journal figures (retained `shift`
 *   topics), island aggregated; falls back to `shiftSummary()` while no lane published any.
 *
 * Log in as an attendant (`attendantId` + `pin`, commands allowed) or as a read-only
 * console (`consoleSecret`, user `console-<consoleId>`).
 */
export type { LaneState, QueueEntry, ShiftSummary } from './insights.ts';
export type { ShiftFigures, ResolveTimes } from './insights.ts';
export { URGENCY, interventionQueue, shiftSummary, shiftFromLanes, percentile, roleOnLane, urgencyOf, whoAmI } from './insights.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A command as the UI builds it; the client adds `id`, `by` and `expiresAt`. */
export type CommandInput = DistributiveOmit<AttendantCommand, 'id' | 'by' | 'expiresAt'>;

export interface ConsoleOptions {
  /** `ws://…/mqtt`, `wss://…/mqtt` in the browser; `mqtt://` also works in Node. */
  url: string;
  storeId: string;
  /** Names this console in replies and the lane's audit log. */
  consoleId: string;
  /** Attendant login: id and PIN or badge code. */
  attendantId?: string;
  pin?: string;
  /** Read-only login as `console-<consoleId>` (no commands). */
  consoleSecret?: string;
  /** Clock for command ids' expiry (defaults to Date.now; tests pass the lanes' clock). */
  now?: () => number;
  /** Life of a command (default 30 s). */
  commandTtlMs?: number;
  /** Give up connecting after this long (default 10 s). */
  connectTimeoutMs?: number;
  keepaliveSeconds?: number;
  /** Extra mqtt.js options (e.g. `ca` for a store CA over wss). */
  mqtt?: Partial<IClientOptions>;
  /** Where dropped (invalid) messages are reported; defaults to nothing. */
  onInvalid?: (topic: string, error: LaneError) => void;
}

export interface ConsoleSnapshot {
  connected: boolean;
  /** By lane id. */
  lanes: Readonly<Record<string, LaneState>>;
  /** Pending interventions across the island, most urgent first. */
  queue: readonly QueueEntry[];
}

export interface SendOptions {
  /** Reuse an id to retry the same command (the lane applies it at most once). */
  id?: string;
  /** Epoch ms; default now + commandTtlMs. */
  expiresAt?: number;
}

export interface ConsoleClient {
  readonly consoleId: string;
  /** The logged-in attendant, or null for a read-only console. */
  readonly attendantId: string | null;
  getSnapshot(): ConsoleSnapshot;
  subscribe(listener: () => void): () => void;
  onEvent(listener: (event: LaneEvent) => void): () => void;
  /** Every reply on the island (also other consoles'), e.g. for an activity feed. */
  onReply(listener: (reply: CommandReply) => void): () => void;
  send(laneId: string, command: CommandInput, options?: SendOptions): Promise<CommandReply>;
  approve(laneId: string, interventionId: string): Promise<CommandReply>;
  deny(laneId: string, interventionId: string): Promise<CommandReply>;
  /** Events seen so far (deduplicated), oldest first. */
  events(): readonly LaneEvent[];
  shiftSummary(window?: { from?: number; to?: number }): ShiftSummary;
  /** The durable shift: the lanes' own figures (see `shiftFromLanes`), else `shiftSummary()`. */
  shiftReport(): ShiftSummary;
  /** Messages dropped as invalid. */
  dropped(): number;
  close(): Promise<void>;
}

/** A random id from getRandomValues (randomUUID needs a secure context in browsers). */
export function newCommandId(): string {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  return `cmd-${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`;
}

const MAX_EVENTS = 50_000;

function connackCode(err: unknown): number | null {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'number') return err.code;
  return null;
}

export function connectConsole(opts: ConsoleOptions): Promise<Result<ConsoleClient>> {
  const t = topics(opts.storeId);
  const now = opts.now ?? (() => Date.now());
  const ttl = opts.commandTtlMs ?? 30_000;
  const attendantId = opts.attendantId && opts.pin !== undefined ? opts.attendantId : null;
  if (!attendantId && opts.consoleSecret === undefined) {
    return Promise.resolve({ ok: false, error: { code: 'invalidInput', message: 'give attendantId and pin, or consoleSecret' } });
  }
  const username = attendantId ?? consoleUsername(opts.consoleId);
  const client: MqttClient = mqtt.connect(opts.url, {
    protocolVersion: 4,
    clientId: `${username}:${opts.consoleId}:${newCommandId().slice(4, 12)}`,
    username,
    password: attendantId ? (opts.pin ?? '') : (opts.consoleSecret ?? ''),
    clean: true,
    keepalive: opts.keepaliveSeconds ?? 15,
    reconnectPeriod: 2000,
    connectTimeout: opts.connectTimeoutMs ?? 10_000,
    ...(opts.mqtt ?? {}),
  });

  // ---- state ---------------------------------------------------------------------------
  const lanes = new Map<string, LaneState>();
  /**
   * Topics that got a live (non-retained) message on this connection. A broker sends the
   * retained snapshot when a subscription is made, asynchronously, so it can arrive after a
   * live message that is newer (Aedes does this under load); it must not overwrite it.
   * MQTT-3.3.1-8/9: the retain flag is 1 only for messages sent because of a new subscription.
   */
  const liveTopics = new Set<string>();
  const events: LaneEvent[] = [];
  const seenEvents = new Set<string>();
  let dropped = 0;
  let snapshot: ConsoleSnapshot = { connected: false, lanes: {}, queue: [] };
  const listeners = new Set<() => void>();
  const eventListeners = new Set<(e: LaneEvent) => void>();
  const replyListeners = new Set<(r: CommandReply) => void>();
  const pending = new Map<string, { resolve: (r: CommandReply) => void; timer: ReturnType<typeof setTimeout> }>();

  /** Lanes shown offline because their status went silent (see `laneOnline`). */
  let silent = new Set<string>();
  const shown = (l: LaneState, at: number): LaneState => {
    if (!l.status?.online || laneOnline(l, at)) return l;
    return { ...l, status: { ...l.status, online: false } };
  };
  const changed = () => {
    const at = now();
    const obj: Record<string, LaneState> = {};
    const nowSilent = new Set<string>();
    for (const [id, l] of [...lanes].sort(([a], [b]) => a.localeCompare(b))) {
      obj[id] = shown(l, at);
      if (l.status?.online && !obj[id].status?.online) nowSilent.add(id);
    }
    silent = nowSilent;
    snapshot = { connected: client.connected, lanes: obj, queue: interventionQueue(Object.values(obj)) };
    for (const l of [...listeners]) l();
  };
  // A silent lane changes nothing on the bus: look for one every second.
  const staleCheck = setInterval(() => {
    const at = now();
    for (const [id, l] of lanes) if (l.status?.online && laneOnline(l, at) === silent.has(id)) return changed();
  }, 1000);
  const lane = (laneId: string): LaneState => lanes.get(laneId) ?? { laneId, status: null, interventions: [], transactionId: null };

  const settle = (reply: CommandReply) => {
    const p = pending.get(reply.commandId);
    if (!p) return;
    clearTimeout(p.timer);
    pending.delete(reply.commandId);
    p.resolve(reply);
  };

  client.on('message', (topic, payload, packet) => {
    if (packet.retain && liveTopics.has(topic)) return;
    if (!packet.retain) liveTopics.add(topic);
    const parsed = parseBusMessage(opts.storeId, topic, payload);
    if (!parsed.ok) {
      dropped++;
      opts.onInvalid?.(topic, parsed.error);
      return;
    }
    const m = parsed.value;
    switch (m.kind) {
      case 'status': {
        lanes.set(m.laneId, { ...lane(m.laneId), status: m.payload, statusReceivedAt: now() });
        changed();
        return;
      }
      case 'interventions': {
        lanes.set(m.laneId, { ...lane(m.laneId), interventions: m.payload.interventions, transactionId: m.payload.transactionId });
        changed();
        return;
      }
      case 'shift': {
        lanes.set(m.laneId, { ...lane(m.laneId), shift: m.payload });
        changed();
        return;
      }
      case 'event': {
        const key = eventKey(m.payload);
        if (seenEvents.has(key)) return;
        seenEvents.add(key);
        events.push(m.payload);
        if (events.length > MAX_EVENTS) events.shift();
        for (const l of [...eventListeners]) l(m.payload);
        return;
      }
      case 'reply': {
        for (const l of [...replyListeners]) l(m.payload);
        if (m.payload.consoleId === opts.consoleId) settle(m.payload);
        return;
      }
      case 'command':
        return; // other consoles' commands: not shown
    }
  });
  client.on('connect', () => {
    liveTopics.clear();
    changed();
  });
  client.on('offline', () => changed());
  client.on('close', () => {
    if (snapshot.connected) changed();
  });

  const localReply = (laneId: string, commandId: string, error: LaneError): CommandReply => ({
    laneId,
    commandId,
    consoleId: opts.consoleId,
    ok: false,
    error,
    at: now(),
  });

  const api: ConsoleClient = {
    consoleId: opts.consoleId,
    attendantId,
    getSnapshot: () => snapshot,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onEvent(l) {
      eventListeners.add(l);
      return () => eventListeners.delete(l);
    },
    onReply(l) {
      replyListeners.add(l);
      return () => replyListeners.delete(l);
    },
    send(laneId, input, options = {}) {
      const id = options.id ?? newCommandId();
      if (!attendantId) return Promise.resolve(localReply(laneId, id, { code: 'unauthorized', message: 'a read-only console cannot send commands; log in as an attendant' }));
      const expiresAt = options.expiresAt ?? now() + ttl;
      const message: BusCommand = { command: { ...input, id, by: attendantId, expiresAt }, consoleId: opts.consoleId };
      return new Promise<CommandReply>((resolve) => {
        // No reply by the expiry (plus slack for the round trip): the lane did not apply it.
        const wait = Math.max(0, expiresAt - now()) + 5000;
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(localReply(laneId, id, { code: 'timeout', message: `no reply from lane ${laneId}` }));
        }, wait);
        pending.set(id, { resolve, timer });
        client.publish(t.command(laneId, attendantId), encode(message), { qos: 1 }, (err) => {
          if (err) settle(localReply(laneId, id, { code: 'internal', message: `not sent: ${err.message}` }));
        });
      });
    },
    approve: (laneId, interventionId) => api.send(laneId, { type: 'intervention.approve', interventionId }),
    deny: (laneId, interventionId) => api.send(laneId, { type: 'intervention.deny', interventionId }),
    events: () => events,
    shiftSummary: (window) => shiftSummary(events, window),
    shiftReport: () => {
      const shifts = [...lanes.values()].flatMap((l) => (l.shift ? [l.shift] : []));
      return shifts.length > 0 ? shiftFromLanes(shifts) : shiftSummary(events);
    },
    dropped: () => dropped,
    async close() {
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        p.resolve(localReply('', id, { code: 'timeout', message: 'console closed' }));
      }
      pending.clear();
      clearInterval(staleCheck);
      await client.endAsync(true);
      changed();
    },
  };

  return new Promise((resolve) => {
    let done = false;
    const finish = (r: Result<ConsoleClient>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (!r.ok) clearInterval(staleCheck);
      client.off('connect', onConnect);
      client.off('error', onError);
      resolve(r);
    };
    const timer = setTimeout(() => {
      client.end(true);
      finish({ ok: false, error: { code: 'timeout', message: `no connection to ${opts.url}` } });
    }, opts.connectTimeoutMs ?? 10_000);
    const onError = (err: Error) => {
      const errno = 'code' in err && typeof err.code === 'string' ? err.code : '';
      if (/CERT|SSL|TLS/.test(errno)) {
        // The broker's certificate is not trusted: retrying will not help.
        client.end(true);
        return finish({ ok: false, error: { code: 'unauthorized', message: `TLS: ${err.message}`, detail: { tls: errno } } });
      }
      const code = connackCode(err);
      if (code === 4 || code === 5) {
        client.end(true);
        finish({ ok: false, error: { code: 'unauthorized', message: code === 5 ? 'not authorized (locked out or not allowed)' : 'wrong user name or PIN', detail: { connack: code } } });
      }
    };
    const onConnect = () => {
      client
        .subscribeAsync([t.allStatus, t.allInterventions, t.allEvents, t.allReplies, t.allShift], { qos: 1 })
        .then(
          () => finish({ ok: true, value: api }),
          (err: unknown) => {
            client.end(true);
            // A SUBACK with 0x80 (refused by the broker's ACL) rejects with the packet.
            const refused = err instanceof mqtt.ErrorWithSubackPacket;
            finish({ ok: false, error: { code: refused ? 'unauthorized' : 'internal', message: refused ? 'the broker refused the subscriptions' : `subscribe failed: ${String(err)}` } });
          },
        );
    };
    client.on('connect', onConnect);
    client.on('error', onError);
  });
}
