import { BusCommand, CommandReply, LaneEvent, LaneInterventions, LaneShift, LaneStatus, TOPIC_VERSION, TopicId, fail, fromZodError, ok } from '../contracts/index.ts';
import type { Result } from '../contracts/index.ts';
import type { ZodError } from 'zod';

/**
 * Parsing of store-bus messages: topic → (kind, lane, sender) and payload → schema. Pure,
 * no I/O, safe in the browser. Every receiver (lane and console) goes through here, so an
 * invalid message is always turned into a `LaneError` and never acted on.
 */
export type BusMessage =
  | { kind: 'status'; laneId: string; payload: LaneStatus }
  | { kind: 'interventions'; laneId: string; payload: LaneInterventions }
  | { kind: 'event'; laneId: string; payload: LaneEvent }
  | { kind: 'command'; laneId: string; attendantId: string; payload: BusCommand }
  | { kind: 'reply'; laneId: string; payload: CommandReply }
  | { kind: 'shift'; laneId: string; payload: LaneShift };

/**
 * Largest payload accepted. A status with 300 basket lines and a staff roster, or a shift
 * with 4000 resolve-time samples, stays well under it; anything bigger is refused unread.
 */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

/** Split `lane/v1/<store>/lanes/<lane>/<kind>[/<attendant>]`; null when it is not ours. */
export function parseTopic(storeId: string, topic: string): { laneId: string; leaf: string; attendantId?: string } | null {
  const prefix = `${TOPIC_VERSION}/${storeId}/lanes/`;
  if (!topic.startsWith(prefix)) return null;
  const rest = topic.slice(prefix.length).split('/');
  const [laneId, leaf, attendantId, ...extra] = rest;
  if (!laneId || !leaf || extra.length > 0 || !TopicId.safeParse(laneId).success) return null;
  if (leaf === 'commands') {
    if (!attendantId || !TopicId.safeParse(attendantId).success) return null;
    return { laneId, leaf, attendantId };
  }
  if (attendantId !== undefined) return null;
  return { laneId, leaf };
}

function decode(payload: Uint8Array | string): Result<unknown> {
  const size = typeof payload === 'string' ? payload.length : payload.byteLength;
  if (size > MAX_PAYLOAD_BYTES) return fail('invalidInput', `payload of ${size} bytes is over the ${MAX_PAYLOAD_BYTES}-byte limit`);
  const text = typeof payload === 'string' ? payload : new TextDecoder('utf-8', { fatal: false }).decode(payload);
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return fail('invalidInput', 'payload is not JSON');
  }
}

/**
 * Validate one message. Besides the schema, the lane named in the payload must be the lane
 * in the topic (a lane can only publish its own topics, so the topic is the authority).
 */
export function parseBusMessage(storeId: string, topic: string, payload: Uint8Array | string): Result<BusMessage> {
  const t = parseTopic(storeId, topic);
  if (!t) return fail('invalidInput', `not a store-bus topic: ${topic}`);
  const raw = decode(payload);
  if (!raw.ok) return raw;
  const { laneId } = t;
  const check = <T extends { laneId: string }>(r: { success: true; data: T } | { success: false; error: ZodError }, what: string): Result<T> => {
    if (!r.success) return { ok: false, error: fromZodError(r.error, what) };
    if (r.data.laneId !== laneId) return fail('invalidInput', `${what} names lane '${r.data.laneId}' on the topic of lane '${laneId}'`, { path: 'laneId' });
    return ok(r.data);
  };
  switch (t.leaf) {
    case 'status': {
      const r = check(LaneStatus.safeParse(raw.value), 'status');
      return r.ok ? ok({ kind: 'status', laneId, payload: r.value }) : r;
    }
    case 'interventions': {
      const r = check(LaneInterventions.safeParse(raw.value), 'interventions');
      return r.ok ? ok({ kind: 'interventions', laneId, payload: r.value }) : r;
    }
    case 'events': {
      const r = check(LaneEvent.safeParse(raw.value), 'event');
      return r.ok ? ok({ kind: 'event', laneId, payload: r.value }) : r;
    }
    case 'replies': {
      const r = check(CommandReply.safeParse(raw.value), 'reply');
      return r.ok ? ok({ kind: 'reply', laneId, payload: r.value }) : r;
    }
    case 'shift': {
      const r = check(LaneShift.safeParse(raw.value), 'shift');
      return r.ok ? ok({ kind: 'shift', laneId, payload: r.value }) : r;
    }
    case 'commands': {
      const r = BusCommand.safeParse(raw.value);
      if (!r.success) return { ok: false, error: fromZodError(r.error, 'command') };
      return ok({ kind: 'command', laneId, attendantId: t.attendantId ?? '', payload: r.data });
    }
    default:
      return fail('invalidInput', `unknown topic kind '${t.leaf}'`);
  }
}

export function encode(payload: unknown): string {
  return JSON.stringify(payload);
}
