import { describe, expect, it } from 'vitest';
import { filterWithin, mayPublish, maySubscribe, type BusIdentity } from './acl.ts';

const S = 'store-1';
const base = `lane/v1/${S}/lanes`;
const lane: BusIdentity = { kind: 'lane', username: 'lane-l1', laneId: 'l1' };
const alex: BusIdentity = { kind: 'attendant', username: 'alex', attendant: { id: 'alex', name: 'Alex', role: 'attendant' } };
const wall: BusIdentity = { kind: 'console', username: 'console-wall', consoleId: 'wall' };

describe('filterWithin', () => {
  it('matches plain topics, + and #', () => {
    expect(filterWithin('a/b/c', 'a/b/c')).toBe(true);
    expect(filterWithin('a/x/c', 'a/+/c')).toBe(true);
    expect(filterWithin('a/+/c', 'a/+/c')).toBe(true);
    expect(filterWithin('a/b/c/d', 'a/#')).toBe(true);
    expect(filterWithin('a/#', 'a/#')).toBe(true);
  });
  it('refuses wider filters, other levels and different depths', () => {
    expect(filterWithin('a/+/c', 'a/b/c')).toBe(false);
    expect(filterWithin('a/#', 'a/+')).toBe(false);
    expect(filterWithin('a/b', 'a/b/c')).toBe(false);
    expect(filterWithin('a/b/c/d', 'a/b/c')).toBe(false);
    expect(filterWithin('#', 'a/#')).toBe(false);
    expect(filterWithin('$SYS/x', '+/x')).toBe(false);
  });
});

describe('the ACL table', () => {
  it('a lane publishes only its own status, interventions, events, replies and shift', () => {
    for (const leaf of ['status', 'interventions', 'events', 'replies', 'shift']) {
      expect(mayPublish(lane, `${base}/l1/${leaf}`, S)).toBe(true);
      expect(mayPublish(lane, `${base}/l2/${leaf}`, S)).toBe(false);
    }
    expect(mayPublish(lane, `${base}/l1/commands/alex`, S)).toBe(false);
    expect(mayPublish(lane, `${base}/l1/commands/lane-l1`, S)).toBe(false);
    expect(mayPublish(lane, `lane/v1/other-store/lanes/l1/status`, S)).toBe(false);
  });
  it('a lane subscribes only to its own commands', () => {
    expect(maySubscribe(lane, `${base}/l1/commands/+`, S)).toBe(true);
    expect(maySubscribe(lane, `${base}/l1/commands/alex`, S)).toBe(true);
    expect(maySubscribe(lane, `${base}/l2/commands/+`, S)).toBe(false);
    expect(maySubscribe(lane, `${base}/+/commands/+`, S)).toBe(false);
    expect(maySubscribe(lane, `${base}/#`, S)).toBe(false);
  });
  it('an attendant publishes commands to any lane under its own name, and reads everything', () => {
    expect(mayPublish(alex, `${base}/l1/commands/alex`, S)).toBe(true);
    expect(mayPublish(alex, `${base}/l7/commands/alex`, S)).toBe(true);
    expect(mayPublish(alex, `${base}/l1/commands/sam`, S)).toBe(false);
    expect(mayPublish(alex, `${base}/l1/status`, S)).toBe(false);
    expect(mayPublish(alex, `${base}/l1/shift`, S)).toBe(false);
    expect(mayPublish(alex, `${base}/+/commands/alex`, S)).toBe(false);
    expect(maySubscribe(alex, `${base}/#`, S)).toBe(true);
    expect(maySubscribe(alex, `${base}/+/status`, S)).toBe(true);
    expect(maySubscribe(alex, '#', S)).toBe(false);
  });
  it('a console reads and publishes nothing', () => {
    expect(maySubscribe(wall, `${base}/+/status`, S)).toBe(true);
    expect(mayPublish(wall, `${base}/l1/commands/console-wall`, S)).toBe(false);
    expect(mayPublish(wall, `${base}/l1/commands/alex`, S)).toBe(false);
    expect(mayPublish(wall, `${base}/l1/shift`, S)).toBe(false);
    expect(maySubscribe(wall, `${base}/+/shift`, S)).toBe(true);
  });
});
