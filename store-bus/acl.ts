import { topics } from '../contracts/index.ts';
import type { AttendantView } from '../contracts/index.ts';

/**
 * Who may publish and subscribe what on the store bus: the table in contracts/bus.ts, as
 * pure functions. The embedded broker (broker.ts) calls them from its hooks; the Mosquitto
 * ACL file (mosquitto.ts) is generated from the same patterns, so both brokers enforce
 * one table.
 *
 * | identity | publish | subscribe |
 * | --- | --- | --- |
 * | lane `lane-<laneId>` | `lanes/<laneId>/{status,interventions,events,replies,shift}` | `lanes/<laneId>/commands/+` |
 * | attendant `<attendantId>` | `lanes/+/commands/<attendantId>` | `lanes/#` |
 * | console `console-<consoleId>` (read-only) | nothing | `lanes/#` |
 *
 * Lanes never publish commands, so a lane cannot approve its own interventions; an
 * attendant can only publish under its own name, so the topic says who sent a command.
 */
export type BusIdentity =
  | { kind: 'lane'; username: string; laneId: string }
  | { kind: 'attendant'; username: string; attendant: AttendantView }
  | { kind: 'console'; username: string; consoleId: string };

export const LANE_USER_PREFIX = 'lane-';
export const CONSOLE_USER_PREFIX = 'console-';

export const laneUsername = (laneId: string): string => `${LANE_USER_PREFIX}${laneId}`;
export const consoleUsername = (consoleId: string): string => `${CONSOLE_USER_PREFIX}${consoleId}`;

export interface AclPatterns {
  publish: string[];
  subscribe: string[];
}

/** The topic filters an identity may publish to and subscribe to, in store `storeId`. */
export function aclPatterns(identity: BusIdentity, storeId: string): AclPatterns {
  const t = topics(storeId);
  switch (identity.kind) {
    case 'lane':
      return {
        publish: [t.status(identity.laneId), t.interventions(identity.laneId), t.events(identity.laneId), t.replies(identity.laneId), t.shift(identity.laneId)],
        subscribe: [t.commandsOf(identity.laneId)],
      };
    case 'attendant':
      return { publish: [t.command('+', identity.username)], subscribe: [`${t.base}/lanes/#`] };
    case 'console':
      return { publish: [], subscribe: [`${t.base}/lanes/#`] };
  }
}

/**
 * Whether every topic matched by `filter` is also matched by `pattern` (both MQTT topic
 * filters; a plain topic is a filter without wildcards). `+` in the pattern covers one
 * level (including a `+` in the filter); `#` covers the rest. `$`-topics never match a
 * wildcard at the first level (MQTT-4.7.2-1).
 */
export function filterWithin(filter: string, pattern: string): boolean {
  const f = filter.split('/');
  const p = pattern.split('/');
  if (f[0]?.startsWith('$') && (p[0] === '+' || p[0] === '#')) return false;
  for (let i = 0; i < p.length; i++) {
    const pl = p[i]!;
    if (pl === '#') return true;
    const fl = f[i];
    if (fl === undefined) return false;
    if (fl === '#') return false;
    if (pl === '+') continue;
    if (fl !== pl) return false;
  }
  return f.length === p.length;
}

export function mayPublish(identity: BusIdentity, topic: string, storeId: string): boolean {
  if (topic.includes('+') || topic.includes('#')) return false;
  return aclPatterns(identity, storeId).publish.some((p) => filterWithin(topic, p));
}

export function maySubscribe(identity: BusIdentity, filter: string, storeId: string): boolean {
  return aclPatterns(identity, storeId).subscribe.some((p) => filterWithin(filter, p));
}
