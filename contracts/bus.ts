import { z } from 'zod';
import { DeviceHealth, DeviceName } from './devices.ts';
import { AttendantCommand } from './intents.ts';
import { LaneErrorSchema } from './errors.ts';
import { Language } from './catalogue.ts';
import { Intervention, InterventionKind, Screen } from './view.ts';

/**
 * The store bus: MQTT topics and payloads between lanes and attendant consoles.
 *
 * Topic tree (prefix `lane/v1/<storeId>/`):
 *
 * | topic | from → to | QoS | retained | payload |
 * | --- | --- | --- | --- | --- |
 * | `lanes/<laneId>/status` | lane → consoles | 1 | yes | `LaneStatus` (last will: `online: false`) |
 * | `lanes/<laneId>/interventions` | lane → consoles | 1 | yes | `LaneInterventions` (all pending) |
 * | `lanes/<laneId>/events` | lane → consoles | 1 | no | `LaneEvent` (raised/resolved/transaction ended) |
 * | `lanes/<laneId>/commands/<attendantId>` | console → lane | 1 | no | `BusCommand` |
 * | `lanes/<laneId>/replies` | lane → consoles | 1 | no | `CommandReply` |
 * | `lanes/<laneId>/shift` | lane → consoles | 1 | yes | `LaneShift` (figures since the shift start, from the journal) |
 *
 * Identity: the last level of a command topic is the attendant's MQTT user name. The broker's
 * ACL lets a user publish only under its own name (`lanes/+/commands/%u`), so the lane knows
 * WHO sent a command from the topic itself, and checks that person's role in its own account
 * list. Lanes may publish only their own status/interventions/events/replies/shift and may not
 * publish commands at all, so a lane cannot approve its own interventions.
 */

export const TOPIC_VERSION = 'lane/v1';

export function topics(storeId: string) {
  const base = `${TOPIC_VERSION}/${storeId}`;
  return {
    base,
    status: (laneId: string) => `${base}/lanes/${laneId}/status`,
    interventions: (laneId: string) => `${base}/lanes/${laneId}/interventions`,
    events: (laneId: string) => `${base}/lanes/${laneId}/events`,
    command: (laneId: string, attendantId: string) => `${base}/lanes/${laneId}/commands/${attendantId}`,
    commandsOf: (laneId: string) => `${base}/lanes/${laneId}/commands/+`,
    replies: (laneId: string) => `${base}/lanes/${laneId}/replies`,
    shift: (laneId: string) => `${base}/lanes/${laneId}/shift`,
    allStatus: `${base}/lanes/+/status`,
    allInterventions: `${base}/lanes/+/interventions`,
    allEvents: `${base}/lanes/+/events`,
    allReplies: `${base}/lanes/+/replies`,
    allShift: `${base}/lanes/+/shift`,
  };
}

/** Lane, store and user ids that are safe as single MQTT topic levels. */
export const TopicId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

/**
 * One member of a lane's staff roster: who may act on the lane and in which role (from the
 * lane's attendant accounts). Never a PIN, badge code or hash. Consoles derive the logged-in
 * person's role from it; the lane enforces roles on every command regardless.
 */
export const StaffMember = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(80),
  role: z.enum(['attendant', 'supervisor']),
});
export type StaffMember = z.infer<typeof StaffMember>;
export const MAX_STAFF = 200;

/** A basket line as the bus carries it (the attendant voids or re-prices it by `lineId`). */
export const StatusLine = z.object({
  lineId: z.string().min(1).max(64),
  /** In the lane's current language (the shopper's), cut to 80 characters. */
  name: z.string().max(80),
  /** The catalogue's name per language, each cut to 80: a console shows its viewer's (`statusLineName`). */
  names: z.partialRecord(Language, z.string().max(80)).optional(),
  /** `each` lines. */
  quantity: z.number().int().positive().optional(),
  /** Weighed lines (grams). */
  weightGrams: z.number().int().positive().optional(),
  unitPriceMinor: z.number().int().nonnegative(),
  /** Before discounts. */
  totalMinor: z.number().int().nonnegative(),
  /** What the line's discounts take off (absent: none); the shopper pays totalMinor − discountMinor. */
  discountMinor: z.number().int().nonnegative().optional(),
  ageLimit: z.number().int().optional(),
  overridden: z.boolean().optional(),
});
export type StatusLine = z.infer<typeof StatusLine>;

/**
 * A line's name for a viewer: the catalogue's name in the viewer's language, else its
 * English name (every catalogue item has one), else the name as the shopper sees it. Pure.
 */
export function statusLineName(line: Pick<StatusLine, 'name'> & { names?: StatusLine['names'] | undefined }, language: Language): string {
  return line.names?.[language] ?? line.names?.en ?? line.name;
}
/** Status carries at most the last this-many lines; `linesOmitted` counts the earlier ones. */
export const MAX_STATUS_LINES = 300;

/** A basket parked with `transaction.suspend`, to be recalled at the same lane with `transaction.resume`. */
export const SuspendedBasket = z.object({
  transactionId: z.string().min(1).max(128),
  itemCount: z.number().int().nonnegative(),
  totalMinor: z.number().int(),
  /** Epoch ms of the suspension (lane clock). */
  at: z.number().int(),
  by: z.string().optional(),
});
export type SuspendedBasket = z.infer<typeof SuspendedBasket>;
export const MAX_SUSPENDED = 50;

export const LaneStatus = z.object({
  laneId: TopicId,
  online: z.boolean(),
  screen: Screen.optional(),
  open: z.boolean().optional(),
  transactionId: z.string().nullable().optional(),
  totalMinor: z.number().int().optional(),
  currency: z.string().length(3).optional(),
  itemCount: z.number().int().nonnegative().optional(),
  /** Epoch ms when the lane entered its current screen. */
  stateSince: z.number().int().optional(),
  blocked: z.boolean().optional(),
  devices: z.partialRecord(DeviceName, DeviceHealth).optional(),
  attendantAtLane: z.string().nullable().optional(),
  /** The lane's staff roster (ids, names, roles; no secrets). */
  staff: z.array(StaffMember).max(MAX_STAFF).optional(),
  /** Active basket lines, oldest first: the last `MAX_STATUS_LINES` of them. */
  lines: z.array(StatusLine).max(MAX_STATUS_LINES).optional(),
  /** Active lines before `lines[0]` that are not listed (0 when all are). */
  linesOmitted: z.number().int().nonnegative().optional(),
  /** Baskets suspended at this lane and not yet resumed, oldest first. */
  suspended: z.array(SuspendedBasket).max(MAX_SUSPENDED).optional(),
  /**
   * The lane republishes its status at least this often while it runs. A console that hears
   * nothing from an "online" lane for `staleAfterMs(heartbeatMs)` shows it offline: a lane that
   * died while the broker was down never gets its last will published.
   */
  heartbeatMs: z.number().int().positive().max(600_000).optional(),
  updatedAt: z.number().int(),
});
export type LaneStatus = z.infer<typeof LaneStatus>;

export const LaneInterventions = z.object({
  laneId: TopicId,
  transactionId: z.string().nullable(),
  interventions: z.array(Intervention),
  updatedAt: z.number().int(),
});
export type LaneInterventions = z.infer<typeof LaneInterventions>;

export const LaneEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('intervention.raised'), laneId: TopicId, intervention: Intervention, at: z.number().int() }),
  z.object({
    type: z.literal('intervention.resolved'),
    laneId: TopicId,
    interventionId: z.string(),
    kind: InterventionKind,
    resolution: z.enum(['approved', 'denied', 'auto']),
    by: z.string(),
    since: z.number().int(),
    at: z.number().int(),
  }),
  z.object({
    type: z.literal('transaction.ended'),
    laneId: TopicId,
    transactionId: z.string(),
    outcome: z.enum(['completed', 'cancelled']),
    items: z.number().int().nonnegative(),
    totalMinor: z.number().int(),
    startedAt: z.number().int(),
    at: z.number().int(),
  }),
]);
export type LaneEvent = z.infer<typeof LaneEvent>;

export const BusCommand = z.object({
  command: AttendantCommand,
  /** Console that sent it (for replies and audit). */
  consoleId: z.string().min(1).max(64),
});
export type BusCommand = z.infer<typeof BusCommand>;

export const CommandReply = z.object({
  laneId: TopicId,
  commandId: z.string(),
  consoleId: z.string(),
  ok: z.boolean(),
  error: LaneErrorSchema.optional(),
  at: z.number().int(),
});
export type CommandReply = z.infer<typeof CommandReply>;

/** Time to resolve, over attendant resolutions (automatic ones are left out). */
export const ResolveStats = z.object({
  count: z.number().int().nonnegative(),
  medianMs: z.number().int().nonnegative().nullable(),
  p90Ms: z.number().int().nonnegative().nullable(),
});
export type ResolveStats = z.infer<typeof ResolveStats>;

/** Resolve-time samples a lane publishes, at most this many in all (the most recent). */
export const MAX_RESOLVE_SAMPLES = 4000;

/**
 * A lane's own shift figures, computed from its JOURNAL since `from` (the shift start: local
 * midnight by default), so they survive restarts and cover what no console saw. Retained.
 *
 * `resolveSamplesMs` holds the individual resolve times per kind so a console can compute the
 * island's median and p90 exactly (medians of medians are not medians). When a lane had more
 * than `MAX_RESOLVE_SAMPLES` resolutions the oldest samples are left out and
 * `samplesComplete` is false: the lane's own `timeToResolve` stays exact, an island
 * aggregate over its samples is then approximate (and says so).
 */
export const LaneShift = z.object({
  laneId: TopicId,
  /** Shift start (epoch ms, lane clock). */
  from: z.number().int(),
  /** Time of the last journal event counted (or `from`). */
  to: z.number().int(),
  completed: z.number().int().nonnegative(),
  cancelled: z.number().int().nonnegative(),
  suspended: z.number().int().nonnegative(),
  /** Items in completed transactions. */
  items: z.number().int().nonnegative(),
  /** Summed start-to-end time of completed transactions (ms). */
  transactionMs: z.number().int().nonnegative(),
  itemsPerMinute: z.number().nonnegative().nullable(),
  interventionsByKind: z.partialRecord(InterventionKind, z.number().int().nonnegative()),
  timeToResolve: ResolveStats,
  timeToResolveByKind: z.partialRecord(InterventionKind, ResolveStats),
  resolveSamplesMs: z.partialRecord(InterventionKind, z.array(z.number().int().nonnegative())),
  samplesComplete: z.boolean(),
  updatedAt: z.number().int(),
});
export type LaneShift = z.infer<typeof LaneShift>;
