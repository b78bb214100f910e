import type { CommandReply, LaneEvent, LaneShift, LaneStatus, StaffMember, StatusLine } from '../../contracts/bus.ts';
import type { DeviceHealth, DeviceName } from '../../contracts/devices.ts';
import type { AttendantView, Intervention, InterventionKind } from '../../contracts/view.ts';
import { interventionQueue, shiftSummary } from '../../store-bus/insights.ts';
import type { BusConnector, BusSnapshot, CommandInput, ConsoleBus, LaneState } from './busSource.ts';

/**
 * An island of fixture lanes inside the page: for the README screenshots (`?demo=8`),
 * training, and component tests. Same queue order and shift figures as the real bus
 * (store-bus/insights.ts). Commands are answered like a lane would: approve/deny resolve,
 * a second resolution is a `conflict` naming who was first, supervisor commands need a
 * supervisor. `respond: 'manual'` holds replies until `flush()` (tests of in-flight state).
 */
export interface DemoOptions {
  now: number;
  lanes?: number;
  attendant?: AttendantView;
  respond?: 'auto' | 'manual';
  /** Seed shift history (transactions and resolved interventions). */
  history?: boolean;
}

const ALL_OK = (since: number): Record<DeviceName, DeviceHealth> => ({
  scanner: { status: 'ok', since },
  produceScale: { status: 'ok', since },
  baggingScale: { status: 'ok', since },
  printer: { status: 'ok', since },
  terminal: { status: 'ok', since },
});

export class DemoBus implements ConsoleBus {
  private readonly laneMap = new Map<string, LaneState>();
  private readonly listeners = new Set<() => void>();
  private readonly eventListeners = new Set<(e: LaneEvent) => void>();
  private readonly events: LaneEvent[] = [];
  private readonly resolved = new Map<string, { by: string; resolution: 'approved' | 'denied' }>();
  private readonly held: Array<() => void> = [];
  private readonly parkedLines = new Map<string, StatusLine[]>();
  private snapshot: BusSnapshot = { connected: true, lanes: {}, queue: [] };
  readonly sent: Array<{ laneId: string; command: CommandInput; id: string; expiresAt: number }> = [];
  private clock: number;

  constructor(readonly options: DemoOptions) {
    this.clock = options.now;
    const n = options.lanes ?? 8;
    for (let i = 1; i <= n; i++) this.laneMap.set(`lane-${i}`, fixtureLane(i, options.now));
    if (options.history ?? true) this.seedHistory(n);
    this.changed();
  }

  now(): number {
    return this.clock;
  }
  advance(ms: number): void {
    this.clock += ms;
  }

  getSnapshot(): BusSnapshot {
    return this.snapshot;
  }
  subscribe(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  onEvent(l: (e: LaneEvent) => void): () => void {
    this.eventListeners.add(l);
    return () => this.eventListeners.delete(l);
  }
  shiftSummary() {
    return shiftSummary(this.events);
  }
  async close(): Promise<void> {
    this.listeners.clear();
  }

  send(laneId: string, command: CommandInput, options: { id: string; expiresAt: number }): Promise<CommandReply> {
    this.sent.push({ laneId, command, ...options });
    return new Promise((resolve) => {
      const run = () => resolve(this.apply(laneId, command, options.id));
      if (this.options.respond === 'manual') this.held.push(run);
      else queueMicrotask(run);
    });
  }

  /** Answer every held command (respond: 'manual'). */
  flush(): void {
    for (const run of this.held.splice(0)) run();
  }

  /** A lane raises an intervention. */
  raise(laneId: string, intervention: Intervention): void {
    const lane = this.lane(laneId);
    this.laneMap.set(laneId, { ...lane, interventions: [...lane.interventions, intervention] });
    this.emit({ type: 'intervention.raised', laneId, intervention, at: this.clock });
    this.changed();
  }

  /** Another console (or the lane itself) resolves an intervention. */
  resolveElsewhere(laneId: string, interventionId: string, by: string, resolution: 'approved' | 'denied' = 'approved'): void {
    this.resolve(laneId, interventionId, by, resolution);
  }

  /** A lane publishes its shift figures. */
  setShift(laneId: string, shift: LaneShift): void {
    this.laneMap.set(laneId, { ...this.lane(laneId), shift });
    this.changed();
  }

  setStatus(laneId: string, patch: Partial<LaneStatus>): void {
    const lane = this.lane(laneId);
    const status: LaneStatus = { ...(lane.status ?? { laneId, online: true, updatedAt: this.clock }), ...patch, updatedAt: this.clock };
    this.laneMap.set(laneId, { ...lane, status });
    this.changed();
  }

  private lane(laneId: string): LaneState {
    return this.laneMap.get(laneId) ?? { laneId, status: null, interventions: [], transactionId: null };
  }

  private reply(laneId: string, commandId: string, error?: CommandReply['error']): CommandReply {
    return { laneId, commandId, consoleId: 'demo', ok: !error, ...(error ? { error } : {}), at: this.clock };
  }

  private apply(laneId: string, command: CommandInput, id: string): CommandReply {
    const who = this.options.attendant ?? { id: 'alex', name: 'Alex', role: 'attendant' as const };
    const lane = this.lane(laneId);
    if (!lane.status?.online) return this.reply(laneId, id, { code: 'timeout', message: `no reply from lane ${laneId}` });
    // Like a lane: the role is the one in the lane's own roster.
    const role = lane.status.staff?.find((m) => m.id === who.id)?.role ?? who.role;
    if ((command.type === 'price.override' || command.type === 'lane.close' || command.type === 'lane.open') && role !== 'supervisor') {
      return this.reply(laneId, id, { code: 'unauthorized', message: `'${command.type}' needs a supervisor` });
    }
    switch (command.type) {
      case 'intervention.approve':
      case 'intervention.deny': {
        const ivId = command.interventionId ?? '';
        const done = this.resolved.get(ivId);
        if (done) {
          return this.reply(laneId, id, { code: 'conflict', message: `intervention ${ivId} was already ${done.resolution} by ${done.by}`, detail: { interventionId: ivId, ...done } });
        }
        if (!lane.interventions.some((i) => i.id === ivId)) return this.reply(laneId, id, { code: 'notFound', message: `no intervention ${ivId}` });
        this.resolve(laneId, ivId, who.id, command.type === 'intervention.approve' ? 'approved' : 'denied');
        return this.reply(laneId, id);
      }
      case 'lane.close':
        this.setStatus(laneId, { open: false, screen: 'outOfService', stateSince: this.clock });
        return this.reply(laneId, id);
      case 'lane.open':
        this.setStatus(laneId, { open: true, screen: 'attract', stateSince: this.clock });
        return this.reply(laneId, id);
      case 'transaction.cancel':
        if (!lane.status.transactionId) return this.reply(laneId, id, { code: 'notAllowed', message: `'transaction.cancel' is not possible now` });
        this.laneMap.set(laneId, { ...lane, interventions: [] });
        this.setStatus(laneId, { screen: 'attract', transactionId: null, totalMinor: 0, itemCount: 0, blocked: false, stateSince: this.clock, lines: [], linesOmitted: 0 });
        return this.reply(laneId, id);
      case 'transaction.suspend': {
        if (!lane.status.transactionId) return this.reply(laneId, id, { code: 'notAllowed', message: `'transaction.suspend' is not possible now` });
        const parked = { transactionId: lane.status.transactionId, itemCount: lane.status.itemCount ?? 0, totalMinor: lane.status.totalMinor ?? 0, at: this.clock, by: who.id };
        this.laneMap.set(laneId, { ...lane, interventions: [] });
        this.setStatus(laneId, { screen: 'attract', transactionId: null, totalMinor: 0, itemCount: 0, blocked: false, stateSince: this.clock, lines: [], linesOmitted: 0, suspended: [...(lane.status.suspended ?? []), parked] });
        this.parkedLines.set(parked.transactionId, lane.status.lines ?? []);
        return this.reply(laneId, id);
      }
      case 'transaction.resume': {
        const parked = lane.status.suspended?.find((x) => x.transactionId === command.transactionId);
        if (lane.status.transactionId || !parked) return this.reply(laneId, id, { code: 'notAllowed', message: `'transaction.resume' is not possible now` });
        this.setStatus(laneId, {
          screen: 'scanning',
          transactionId: `${parked.transactionId}-r`,
          totalMinor: parked.totalMinor,
          itemCount: parked.itemCount,
          stateSince: this.clock,
          lines: this.parkedLines.get(parked.transactionId) ?? [],
          suspended: (lane.status.suspended ?? []).filter((x) => x.transactionId !== parked.transactionId),
        });
        return this.reply(laneId, id);
      }
      case 'item.void':
      case 'price.override': {
        const lines = lane.status.lines ?? [];
        const line = lines.find((l) => l.lineId === command.lineId);
        if (!line) return this.reply(laneId, id, { code: 'notAllowed', message: `'${command.type}' is not possible now` });
        const next =
          command.type === 'item.void'
            ? lines.filter((l) => l.lineId !== command.lineId)
            : lines.map((l) => (l.lineId === command.lineId ? repriced(l, command.unitPriceMinor) : l));
        this.setStatus(laneId, { lines: next, totalMinor: next.reduce((a, l) => a + l.totalMinor, 0), itemCount: next.reduce((a, l) => a + (l.quantity ?? 1), 0) });
        return this.reply(laneId, id);
      }
      default:
        return this.reply(laneId, id);
    }
  }

  private resolve(laneId: string, interventionId: string, by: string, resolution: 'approved' | 'denied'): void {
    const lane = this.lane(laneId);
    const iv = lane.interventions.find((i) => i.id === interventionId);
    if (!iv) return;
    this.resolved.set(interventionId, { by, resolution });
    this.laneMap.set(laneId, { ...lane, interventions: lane.interventions.filter((i) => i.id !== interventionId) });
    this.emit({ type: 'intervention.resolved', laneId, interventionId, kind: iv.kind, resolution, by, since: iv.since, at: this.clock });
    this.changed();
  }

  private emit(e: LaneEvent): void {
    this.events.push(e);
    for (const l of [...this.eventListeners]) l(e);
  }

  private changed(): void {
    const lanes: Record<string, LaneState> = {};
    for (const [id, l] of this.laneMap) lanes[id] = l;
    this.snapshot = { connected: true, lanes, queue: interventionQueue(this.laneMap.values()) };
    for (const l of [...this.listeners]) l();
  }

  /** A deterministic shift so far: about 3 hours, ~20 transactions per lane. */
  private seedHistory(lanes: number): void {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const start = this.options.now - 3 * 3600_000;
    const kinds: InterventionKind[] = ['ageCheck', 'weightMismatch', 'unknownItem', 'unexpectedItem', 'voidRequest', 'help', 'paymentTrouble', 'skipBagging'];
    for (let lane = 1; lane <= lanes; lane++) {
      const laneId = `lane-${lane}`;
      let t = start + rand() * 300_000;
      let n = 0;
      while (t < this.options.now - 600_000) {
        const dur = 90_000 + rand() * 240_000;
        const items = 3 + Math.floor(rand() * 22);
        if (rand() < 0.3) {
          const kind = kinds[Math.floor(rand() * kinds.length)]!;
          const id = `h-${laneId}-${n}`;
          const since = Math.round(t + dur / 2);
          const wait = Math.round(12_000 + rand() * rand() * 110_000);
          this.events.push({ type: 'intervention.raised', laneId, intervention: { id, kind, since, blocking: kind !== 'help', detail: {} }, at: since });
          this.events.push({ type: 'intervention.resolved', laneId, interventionId: id, kind, resolution: rand() < 0.85 ? 'approved' : 'denied', by: rand() < 0.5 ? 'alex' : 'sam', since, at: since + wait });
        }
        const outcome = rand() < 0.04 ? 'cancelled' : 'completed';
        this.events.push({ type: 'transaction.ended', laneId, transactionId: `h-${laneId}-${n}`, outcome, items, totalMinor: items * 349, startedAt: Math.round(t), at: Math.round(t + dur) });
        t += dur + 30_000 + rand() * 400_000;
        n++;
      }
    }
    this.events.sort((a, b) => a.at - b.at);
  }
}

function repriced(l: StatusLine, unitPriceMinor: number): StatusLine {
  const totalMinor = l.weightGrams !== undefined ? Math.round((unitPriceMinor * l.weightGrams) / 1000) : unitPriceMinor * (l.quantity ?? 1);
  return { ...l, unitPriceMinor, totalMinor, overridden: true };
}

/** The demo store's staff, as every lane's roster lists them (the role decides supervisor actions). */
export const DEMO_STAFF: StaffMember[] = [
  { id: 'alex', name: 'Alex', role: 'attendant' },
  { id: 'sam', name: 'Sam', role: 'supervisor' },
];

const line = (lineId: string, name: string, unitPriceMinor: number, amount: { quantity: number } | { weightGrams: number }): StatusLine => ({
  lineId,
  name,
  ...amount,
  unitPriceMinor,
  totalMinor: 'weightGrams' in amount ? Math.round((unitPriceMinor * amount.weightGrams) / 1000) : unitPriceMinor * amount.quantity,
});

function iv(id: string, kind: InterventionKind, since: number, detail: Intervention['detail'], blocking = kind !== 'help'): Intervention {
  return { id, kind, since, blocking, detail };
}

/** Eight lanes that show every tile state; more lanes repeat calm scanning lanes. */
export function fixtureLane(i: number, now: number): LaneState {
  const laneId = `lane-${i}`;
  const devices = ALL_OK(now - 3600_000);
  const base: LaneStatus = { laneId, online: true, screen: 'scanning', open: true, transactionId: `tx-${i}`, totalMinor: 0, currency: 'EUR', itemCount: 0, stateSince: now - 95_000, blocked: false, devices, attendantAtLane: null, staff: DEMO_STAFF, updatedAt: now };
  const lane = (status: Partial<LaneStatus>, interventions: Intervention[] = []): LaneState => ({
    laneId,
    status: { ...base, ...status },
    interventions,
    transactionId: status.transactionId === undefined ? (base.transactionId ?? null) : status.transactionId,
  });
  switch (i) {
    case 1:
      return lane(
        {
          totalMinor: 2345,
          itemCount: 7,
          blocked: true,
          stateSince: now - 184_000,
          linesOmitted: 0,
          lines: [
            line('l-1', 'Sourdough bread', 249, { quantity: 1 }),
            line('l-2', 'Milk 1 l, 2-pack', 238, { quantity: 1 }),
            line('l-3', 'Apples Fuji', 299, { weightGrams: 1020 }),
            line('l-4', 'Coffee beans 500 g', 899, { quantity: 1 }),
            line('l-5', 'Butter 250 g', 259, { quantity: 1 }),
            line('l-6', 'Chocolate, gift box', 286, { quantity: 1 }),
            line('l-7', 'Lager 0.5 l', 109, { quantity: 1 }),
          ],
        },
        [iv('iv-1', 'ageCheck', now - 42_000, { itemName: 'Lager 0.5 l', ageLimit: 18, lineId: 'l-7' })],
      );
    case 2:
      return lane(
        {
          totalMinor: 1872,
          itemCount: 11,
          blocked: true,
          stateSince: now - 260_000,
          linesOmitted: 0,
          lines: [line('l-1', 'Still water 1.5 l', 79, { quantity: 6 }), line('l-2', 'Spaghetti 500 g', 129, { quantity: 3 }), line('l-3', 'Apples Fuji', 299, { weightGrams: 1020 }), line('l-4', 'Olive oil 0.75 l', 706, { quantity: 1 })],
        },
        [iv('iv-2', 'weightMismatch', now - 78_000, { itemName: 'Apples Fuji', expectedGrams: 1020, measuredGrams: 1385, toleranceGrams: 40, lineId: 'l-3' })],
      );
    case 3:
      return lane({ screen: 'paying', totalMinor: 5610, itemCount: 19, blocked: true, stateSince: now - 35_000 }, [iv('iv-3', 'paymentTrouble', now - 21_000, { reason: 'cardUnreadable' })]);
    case 4:
      return lane({ screen: 'attract', transactionId: null, stateSince: now - 620_000, devices: { ...devices, printer: { status: 'warning', reason: 'paperNearEnd', since: now - 900_000 } } });
    case 5:
      return lane({ screen: 'thanks', totalMinor: 1299, itemCount: 4, blocked: true, stateSince: now - 50_000, devices: { ...devices, printer: { status: 'error', reason: 'paperOut', since: now - 48_000 } } }, [iv('iv-5', 'paperOut', now - 48_000, {})]);
    case 6:
      return lane({ totalMinor: 764, itemCount: 3, blocked: true, stateSince: now - 70_000 }, [iv('iv-6', 'unknownItem', now - 9_000, { code: '4012345678901' })]);
    case 7:
      return lane({ screen: 'outOfService', open: false, transactionId: null, stateSince: now - 1_800_000 });
    case 8:
      return { laneId, status: { laneId, online: false, updatedAt: now - 240_000, stateSince: now - 240_000 }, interventions: [], transactionId: null };
    default:
      return lane({ totalMinor: 300 + ((i * 731) % 4000), itemCount: 1 + (i % 9), stateSince: now - ((i * 13_000) % 300_000) });
  }
}

/** Connects to a demo island whatever the credentials (the role comes from `attendant`). */
export function demoConnector(options: DemoOptions): { connect: BusConnector; bus: DemoBus } {
  const bus = new DemoBus(options);
  const connect: BusConnector = async ({ attendantId }) => ({
    ok: true,
    bus,
    attendant: options.attendant ?? { id: attendantId, name: attendantId, role: 'attendant' },
  });
  return { connect, bus };
}
