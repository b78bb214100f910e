import type { LaneStatus } from '../../contracts/bus.ts';
import type { Intervention, InterventionKind } from '../../contracts/view.ts';

/**
 * How loud an intervention or a lane looks on the console (colour, timer). Pure. The ORDER
 * of the queue is the bus's rule (store-bus/insights.ts `interventionQueue`); this only decides
 * colour, so an old item stands out wherever it sits.
 *
 * Levels: 3 urgent · 2 attention · 1 notice · 0 calm.
 * - A shopper stuck mid-payment is urgent at once.
 * - Anything else that blocks a shopper needs attention.
 * - Paper out (the shopper has paid) and a help call (the shopper can carry on) are notices.
 * - Waiting longer than `ESCALATE_AFTER_MS` raises a level (at most to urgent).
 */
export type Level = 0 | 1 | 2 | 3;

export const ESCALATE_AFTER_MS = 60_000;

const BASE: Readonly<Record<InterventionKind, Level>> = {
  paymentTrouble: 3,
  ageCheck: 2,
  unknownItem: 2,
  unexpectedItem: 2,
  itemRemoved: 2,
  weightMismatch: 2,
  skipBagging: 2,
  voidRequest: 2,
  cancelRequest: 2,
  paperOut: 1,
  help: 1,
};

export function interventionLevel(i: Pick<Intervention, 'kind' | 'since' | 'blocking'>, now: number): Level {
  let level: number = BASE[i.kind];
  if (!i.blocking && level > 1) level = 1;
  if (now - i.since >= ESCALATE_AFTER_MS) level += 1;
  return Math.min(3, level) as Level;
}

/** Natural order: lane-2 before lane-10. */
export function compareLaneIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

export type Tone = 'offline' | 'closed' | 'urgent' | 'attention' | 'notice' | 'calm';

/** The colour of a lane tile: offline and closed first, then its most urgent intervention, then device trouble. */
export function laneTone(status: LaneStatus, interventions: readonly Intervention[], now: number): Tone {
  if (!status.online) return 'offline';
  let level = 0;
  for (const i of interventions) level = Math.max(level, interventionLevel(i, now));
  if (level === 3) return 'urgent';
  if (level === 2) return 'attention';
  if (level === 1) return 'notice';
  if (status.open === false || status.screen === 'outOfService') return 'closed';
  const devices = Object.values(status.devices ?? {});
  if (devices.some((d) => d.status === 'error' || d.status === 'offline')) return 'attention';
  if (devices.some((d) => d.status === 'warning')) return 'notice';
  return 'calm';
}
