import mqtt from 'mqtt';
import type { IClientOptions, MqttClient } from 'mqtt';
import type { AttendantCommand, AttendantView, CommandReply, Intervention, LaneError, LaneEvent, LaneInterventions, LaneShift, LaneStatus, LaneView, Result, StaffMember, StatusLine, SuspendedBasket } from '../../contracts/index.ts';
import { lineDiscountMinor, MAX_STAFF, MAX_STATUS_LINES, MAX_SUSPENDED, topics } from '../../contracts/index.ts';
import type { DomainEvent } from '../checkout/events.ts';
import type { LaneService } from '../service.ts';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/log.ts';
import { laneUsername } from '../../store-bus/acl.ts';
import { DEFAULT_HEARTBEAT_MS } from '../../store-bus/insights.ts';
import { encode, parseBusMessage } from '../../store-bus/messages.ts';
import { localMidnight, ShiftTracker } from './shift.ts';

/**
 * A lane on the store bus. Publishes its retained `status` and `interventions`, its
 * `events`, and answers `commands/<attendantId>` with `replies`. The lane never waits for
 * the bus: when the broker is away the client reconnects by itself and republishes the
 * current status on every (re)connect; events raised meanwhile are buffered (bounded).
 *
 * Commands: the sender is the last topic level (the broker lets a user publish only under
 * its own name); the lane looks that attendant up in its own accounts and hands the
 * command to `LaneService.command`, which checks role, expiry and at-most-once by id and
 * journals who/when/what. A second resolution of an intervention someone already resolved
 * is answered with `conflict`, naming who resolved it.
 */
/** How long `close()` waits for the broker to acknowledge the lane's offline status. */
const CLOSE_PUBLISH_WAIT_MS = 1_000;

export interface LaneBusOptions {
  url: string;
  storeId: string;
  /** Defaults to `service.laneId`. */
  laneId?: string;
  /** Defaults to `lane-<laneId>`. */
  username?: string;
  password: string;
  clock: Clock;
  logger: Logger;
  /** The broker publishes the last will after 1.5 × this without a packet (default 10 s). */
  keepaliveSeconds?: number;
  reconnectMs?: number;
  /** For mqtts:// and wss://: PEM contents. */
  tls?: { ca?: string | Buffer; cert?: string | Buffer; key?: string | Buffer; rejectUnauthorized?: boolean };
  /** Start of the shift containing `now` (epoch ms) for the `shift` figures; default local midnight. */
  shiftStart?: (now: number) => number;
  /** The status is republished at least this often (default 10 s), so consoles can tell a silent lane is gone. */
  heartbeatMs?: number;
}

export interface LaneBusStats {
  /** Command messages received. */
  received: number;
  /** Commands applied (ok replies). */
  applied: number;
  /** Commands refused with a reply (role, expiry, duplicate, conflict …). */
  refused: number;
  /** Messages that failed validation: logged and dropped, never acted on. */
  dropped: number;
  /** Connections made (1 + reconnects). */
  connects: number;
}

export interface LaneBus {
  readonly laneId: string;
  connected(): boolean;
  /** Resolves once connected, subscribed and the retained status is acknowledged. */
  whenReady(): Promise<void>;
  stats(): LaneBusStats;
  /** Resolves with the reply for `commandId` once this lane has published it (tests, audit). */
  replied(commandId: string): Promise<CommandReply>;
  /** Drop the connection without DISCONNECT, as a crash or a pulled cable would (tests). */
  simulateConnectionLoss(): void;
  /** Publish `online: false`, then disconnect cleanly. */
  close(): Promise<void>;
}

/** What the status carries besides the view: the staff roster and the suspended baskets. */
export interface StatusExtras {
  staff?: readonly AttendantView[];
  suspended?: readonly SuspendedBasket[];
}

const cut = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** The last `MAX_STATUS_LINES` active lines of the view, as the bus carries them. Pure. */
export function statusLines(view: LaneView): { lines: StatusLine[]; linesOmitted: number } {
  const kept = view.lines.slice(-MAX_STATUS_LINES);
  return {
    linesOmitted: view.lines.length - kept.length,
    lines: kept.map((l) => ({
      lineId: l.lineId,
      name: cut(l.name, 80),
      ...(l.names ? { names: Object.fromEntries(Object.entries(l.names).map(([k, v]) => [k, cut(v, 80)])) } : {}),
      ...(l.weightGrams !== undefined ? { weightGrams: l.weightGrams } : l.quantity !== undefined ? { quantity: l.quantity } : {}),
      unitPriceMinor: l.unitPriceMinor,
      totalMinor: l.totalMinor,
      ...(lineDiscountMinor(l) > 0 ? { discountMinor: lineDiscountMinor(l) } : {}),
      ...(l.ageLimit !== undefined ? { ageLimit: l.ageLimit } : {}),
      ...(l.overridden ? { overridden: true } : {}),
    })),
  };
}

/** The retained status of a lane, from its view. Pure. */
export function laneStatusFromView(view: LaneView, stateSince: number, now: number, extras: StatusExtras = {}): LaneStatus {
  const staff: StaffMember[] | undefined = extras.staff?.slice(0, MAX_STAFF).map((a) => ({ id: a.id, name: cut(a.name, 80), role: a.role }));
  return {
    laneId: view.laneId,
    online: true,
    screen: view.screen,
    open: view.screen !== 'outOfService',
    transactionId: view.transactionId,
    totalMinor: view.totalMinor,
    currency: view.currency,
    itemCount: view.itemCount,
    stateSince,
    blocked: view.blocked,
    devices: view.devices,
    attendantAtLane: view.attendant?.id ?? null,
    ...(staff ? { staff } : {}),
    ...statusLines(view),
    ...(extras.suspended ? { suspended: extras.suspended.slice(-MAX_SUSPENDED) } : {}),
    updatedAt: now,
  };
}

const MAX_BUFFERED_EVENTS = 1000;
const MAX_REMEMBERED_RESOLUTIONS = 500;

export function connectLaneBus(service: LaneService, opts: LaneBusOptions): LaneBus {
  const laneId = opts.laneId ?? service.laneId;
  const { clock, logger } = opts;
  const t = topics(opts.storeId);
  const log = logger.child({ component: 'laneBus', laneId });
  const username = opts.username ?? laneUsername(laneId);
  const stats: LaneBusStats = { received: 0, applied: 0, refused: 0, dropped: 0, connects: 0 };

  const options: IClientOptions = {
    protocolVersion: 4,
    clientId: username,
    username,
    password: opts.password,
    clean: true,
    keepalive: opts.keepaliveSeconds ?? 10,
    reconnectPeriod: opts.reconnectMs ?? 2000,
    connectTimeout: 10_000,
    // A refused login (e.g. the broker's accounts not yet updated) is retried too.
    reconnectOnConnackError: true,
    will: { topic: t.status(laneId), payload: Buffer.from(encode({ laneId, online: false, updatedAt: clock.now() } satisfies LaneStatus)), qos: 1, retain: true },
    ...(opts.tls ?? {}),
  };
  const client: MqttClient = mqtt.connect(opts.url, options);

  // ---- what the lane knows about its interventions (for events and conflict replies) ----
  const known = new Map<string, Intervention>();
  const resolved = new Map<string, { by: string; resolution: string; at: number }>();
  for (const iv of service.view().interventions) known.set(iv.id, iv);

  // ---- shift figures: from the journal since the shift start, then every appended event ----
  const shiftStart = opts.shiftStart ?? localMidnight;
  const buildShift = (now: number): ShiftTracker => {
    const tracker = ShiftTracker.fromJournal(laneId, shiftStart(now), service.journalEvents());
    if (tracker.unreadableRows > 0) log.warn({ unreadable: tracker.unreadableRows }, 'shift figures: journal rows that are not domain events were skipped');
    return tracker;
  };
  let shift = buildShift(clock.now());
  /** The figures of the shift containing `now`; a new shift (past midnight) starts from the journal again. */
  const shiftFigures = (now: number): LaneShift => {
    if (shiftStart(now) !== shift.from) shift = buildShift(now);
    return shift.figures(now);
  };
  const extras = (): StatusExtras => ({ staff: service.staffRoster(), suspended: service.suspendedBaskets() });
  // A lane with no activity still starts a new shift on time: look once a minute.
  let rollover: ReturnType<Clock['setTimeout']> | undefined;
  const armRollover = () => {
    rollover = clock.setTimeout(() => {
      if (closing) return;
      if (shiftStart(clock.now()) !== shift.from) schedule();
      armRollover();
    }, 60_000);
  };

  // ---- status and interventions: coalesced, published only when changed ----------------
  let screen = service.view().screen;
  let stateSince = service.view().now;
  let lastStatusKey = '';
  /** When the status was last published: a quiet lane still republishes it every `heartbeatMs`. */
  let lastStatusAt = 0;
  const heartbeatMs = opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  let heartbeat: ReturnType<Clock['setTimeout']> | undefined;
  const armHeartbeat = () => {
    heartbeat = clock.setTimeout(() => {
      if (closing) return;
      if (clock.now() - lastStatusAt >= heartbeatMs) void publishState(false);
      armHeartbeat();
    }, Math.max(50, Math.floor(heartbeatMs / 2)));
  };
  let lastInterventionsKey = '';
  let lastShiftKey = '';
  let scheduled = false;
  let closing = false;

  const publishState = (force: boolean): Promise<void> => {
    scheduled = false;
    if (!client.connected || closing) return Promise.resolve();
    const view = service.view();
    const now = clock.now();
    const status: LaneStatus = { ...laneStatusFromView(view, stateSince, now, extras()), heartbeatMs };
    const { updatedAt: _s, ...statusKey } = status;
    const ivs: LaneInterventions = { laneId, transactionId: view.transactionId, interventions: view.interventions, updatedAt: now };
    const { updatedAt: _i, ...ivKey } = ivs;
    const sk = JSON.stringify(statusKey);
    const ik = JSON.stringify(ivKey);
    const sends: Promise<unknown>[] = [];
    if (force || sk !== lastStatusKey || now - lastStatusAt >= heartbeatMs) {
      lastStatusKey = sk;
      lastStatusAt = now;
      sends.push(client.publishAsync(t.status(laneId), encode(status), { qos: 1, retain: true }));
    }
    if (force || ik !== lastInterventionsKey) {
      lastInterventionsKey = ik;
      sends.push(client.publishAsync(t.interventions(laneId), encode(ivs), { qos: 1, retain: true }));
    }
    const shift = shiftFigures(now);
    const { updatedAt: _f, ...shiftKey } = shift;
    const fk = JSON.stringify(shiftKey);
    if (force || fk !== lastShiftKey) {
      lastShiftKey = fk;
      sends.push(client.publishAsync(t.shift(laneId), encode(shift), { qos: 1, retain: true }));
    }
    return Promise.all(sends).then(
      () => undefined,
      (err: unknown) => log.warn({ err }, 'status publish failed (republished on reconnect)'),
    );
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // Coalesce a burst of views (one command can produce several) into one publish.
    setImmediate(() => void publishState(false));
  };

  const unsubView = service.onView((view) => {
    if (view.screen !== screen) {
      screen = view.screen;
      stateSince = view.now;
    }
    for (const iv of view.interventions) known.set(iv.id, iv);
    schedule();
  });

  // ---- events ------------------------------------------------------------------------
  const buffered: LaneEvent[] = [];
  const publishEvent = (e: LaneEvent) => {
    if (!client.connected) {
      buffered.push(e);
      if (buffered.length > MAX_BUFFERED_EVENTS) buffered.shift();
      return;
    }
    client.publish(t.events(laneId), encode(e), { qos: 1 }, (err) => {
      if (err) log.warn({ err, type: e.type }, 'event publish failed');
    });
  };

  const toLaneEvent = (e: DomainEvent, transactionId: string | null, at: number): LaneEvent | null => {
    switch (e.type) {
      case 'intervention.raised':
        known.set(e.intervention.id, e.intervention);
        return { type: 'intervention.raised', laneId, intervention: e.intervention, at };
      case 'intervention.resolved': {
        const iv = known.get(e.id);
        resolved.set(e.id, { by: e.by, resolution: e.resolution, at });
        if (resolved.size > MAX_REMEMBERED_RESOLUTIONS) resolved.delete(resolved.keys().next().value ?? '');
        known.delete(e.id);
        if (!iv) {
          log.warn({ interventionId: e.id }, 'resolved an intervention the bus never saw raised; no event');
          return null;
        }
        return { type: 'intervention.resolved', laneId, interventionId: e.id, kind: iv.kind, resolution: e.resolution, by: e.by, since: iv.since, at };
      }
      case 'transaction.completed':
      case 'transaction.cancelled': {
        if (!transactionId) return null;
        // The last published view is the basket as it stood when the transaction ended.
        const view = service.view();
        const tx = service.context().tx;
        return {
          type: 'transaction.ended',
          laneId,
          transactionId,
          outcome: e.type === 'transaction.completed' ? 'completed' : 'cancelled',
          items: view.transactionId === transactionId ? view.itemCount : 0,
          totalMinor: view.transactionId === transactionId ? view.totalMinor : 0,
          startedAt: tx && tx.transactionId === transactionId ? tx.startedAt : at,
          at,
        };
      }
      default:
        return null;
    }
  };

  const unsubDomain = service.onDomainEvent((e, transactionId, at) => {
    shift.applyEvent(e, transactionId, at);
    const le = toLaneEvent(e, transactionId, at);
    if (le) publishEvent(le);
    // Lane-level events (no view change) can still change the shift figures.
    schedule();
  });

  // ---- commands ----------------------------------------------------------------------
  const replyWaiters = new Map<string, ((r: CommandReply) => void)[]>();
  const recentReplies = new Map<string, CommandReply>();

  const sendReply = (reply: CommandReply) => {
    recentReplies.set(reply.commandId, reply);
    if (recentReplies.size > 200) recentReplies.delete(recentReplies.keys().next().value ?? '');
    client.publish(t.replies(laneId), encode(reply), { qos: 1 }, (err) => {
      if (err) log.warn({ err, commandId: reply.commandId }, 'reply publish failed');
      for (const w of replyWaiters.get(reply.commandId) ?? []) w(reply);
      replyWaiters.delete(reply.commandId);
    });
  };

  /** Make "not possible now" precise for interventions: already resolved, or unknown. */
  const refine = (cmd: AttendantCommand, r: Result<LaneView>): Result<LaneView> => {
    if (r.ok || r.error.code !== 'notAllowed') return r;
    if (cmd.type !== 'intervention.approve' && cmd.type !== 'intervention.deny') return r;
    if (cmd.interventionId) {
      const done = resolved.get(cmd.interventionId);
      if (done) {
        const error: LaneError = {
          code: 'conflict',
          message: `intervention ${cmd.interventionId} was already ${done.resolution === 'auto' ? 'resolved by the lane' : `${done.resolution} by ${done.by}`}`,
          detail: { interventionId: cmd.interventionId, resolution: done.resolution, by: done.by, at: done.at },
        };
        return { ok: false, error };
      }
      if (!service.view().interventions.some((i) => i.id === cmd.interventionId)) {
        return { ok: false, error: { code: 'notFound', message: `intervention ${cmd.interventionId} is not pending on lane ${laneId}`, detail: { interventionId: cmd.interventionId } } };
      }
    } else if (!service.view().interventions.some((i) => !cmd.kind || i.kind === cmd.kind)) {
      return { ok: false, error: { code: 'notFound', message: `no pending ${cmd.kind ?? ''} intervention on lane ${laneId}`.replace('  ', ' ') } };
    }
    return r;
  };

  const onMessage = (topic: string, payload: Buffer) => {
    const parsed = parseBusMessage(opts.storeId, topic, payload);
    if (!parsed.ok || parsed.value.kind !== 'command' || parsed.value.laneId !== laneId) {
      stats.dropped++;
      log.warn({ topic, error: parsed.ok ? 'not a command for this lane' : parsed.error }, 'bus message dropped');
      return;
    }
    stats.received++;
    const { attendantId, payload: bus } = parsed.value;
    const cmd = bus.command;
    const reply = (r: Result<unknown>) => {
      if (r.ok) stats.applied++;
      else stats.refused++;
      sendReply({ laneId, commandId: cmd.id, consoleId: bus.consoleId, ok: r.ok, ...(r.ok ? {} : { error: r.error }), at: clock.now() });
    };
    const attendant = service.attendantAccount(attendantId);
    if (!attendant) {
      log.warn({ attendantId, commandId: cmd.id }, 'command from an unknown attendant refused');
      return reply({ ok: false, error: { code: 'unauthorized', message: `'${attendantId}' is not an attendant of lane ${laneId}` } });
    }
    const r = refine(cmd, service.command(cmd, { attendant }));
    log.info({ attendantId, consoleId: bus.consoleId, commandId: cmd.id, command: cmd.type, ok: r.ok, error: r.ok ? undefined : r.error.code }, 'bus command');
    reply(r);
  };
  client.on('message', onMessage);
  armRollover();
  armHeartbeat();

  // ---- connection lifecycle ------------------------------------------------------------
  let readyResolve: (() => void) | null = null;
  const ready = new Promise<void>((r) => (readyResolve = r));

  client.on('connect', () => {
    stats.connects++;
    log.info({ url: opts.url, connects: stats.connects }, 'bus connected');
    void (async () => {
      try {
        await client.subscribeAsync(t.commandsOf(laneId), { qos: 1 }).catch((err: unknown) => {
          // The lane still publishes its status; it just cannot take commands.
          if (err instanceof mqtt.ErrorWithSubackPacket) log.error({ topic: t.commandsOf(laneId) }, 'broker refused the command subscription (check its ACL)');
          else throw err;
        });
        await publishState(true);
        for (const e of buffered.splice(0)) publishEvent(e);
        readyResolve?.();
        readyResolve = null;
      } catch (err) {
        log.warn({ err }, 'bus set-up after connect failed (retried on reconnect)');
      }
    })();
  });
  client.on('error', (err) => log.warn({ err: err.message }, 'bus error'));
  client.on('offline', () => log.warn('bus offline; reconnecting'));

  return {
    laneId,
    connected: () => client.connected,
    whenReady: () => ready,
    stats: () => ({ ...stats }),
    replied(commandId) {
      const done = recentReplies.get(commandId);
      if (done) return Promise.resolve(done);
      return new Promise((resolve) => replyWaiters.set(commandId, [...(replyWaiters.get(commandId) ?? []), resolve]));
    },
    simulateConnectionLoss() {
      client.stream.destroy();
    },
    async close() {
      if (closing) return;
      closing = true;
      clock.clearTimeout(rollover);
      clock.clearTimeout(heartbeat);
      unsubView();
      unsubDomain();
      let sent = false;
      if (client.connected) {
        // A broker that just vanished never acknowledges: wait a moment, not forever (real
        // time, not the lane's clock, which tests and the scenario runner may hold still).
        let timer: ReturnType<typeof setTimeout> | undefined;
        const gaveUp = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), CLOSE_PUBLISH_WAIT_MS)));
        const published = client.publishAsync(t.status(laneId), encode({ laneId, online: false, updatedAt: clock.now() } satisfies LaneStatus), { qos: 1, retain: true }).then(
          () => true,
          (err: unknown) => (log.warn({ err }, 'offline status not published'), false),
        );
        sent = await Promise.race([published, gaveUp]);
        clearTimeout(timer);
        if (!sent) log.warn('offline status not acknowledged; consoles will see the lane go silent');
      }
      await client.endAsync(!sent);
    },
  };
}
