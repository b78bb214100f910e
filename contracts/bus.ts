import { z } from 'zod';
import { DeviceHealth, DeviceName } from './devices.ts';
import { AttendantCommand } from './intents.ts';
import { LaneErrorSchema } from './errors.ts';
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
 *
 * Identity: the last level of a command topic is the attendant's MQTT user name. The broker's
 * ACL lets a user publish only under its own name (`lanes/+/commands/%u`), so the lane knows
 * WHO sent a command from the topic itself, and checks that person's role in its own account
 * list. Lanes may publish only their own status/interventions/events/replies and may not
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
    allStatus: `${base}/lanes/+/status`,
    allInterventions: `${base}/lanes/+/interventions`,
    allEvents: `${base}/lanes/+/events`,
    allReplies: `${base}/lanes/+/replies`,
  };
}

/** Lane, store and user ids that are safe as single MQTT topic levels. */
export const TopicId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);

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
