import { describe, expect, it } from 'vitest';
import { LaneConfig } from './config.ts';
import { parseWith } from '../contracts/errors.ts';

describe('lane configuration: a misspelt key is refused with its path', () => {
  it.each([
    [{ languge: 'de' }, ''],
    [{ timeouts: { idleMS: 1000 } }, 'timeouts'],
    [{ bagging: { tolerancePercent: 5 } }, 'bagging'],
    [{ pin: { maxFailure: 3 } }, 'pin'],
    [{ store: { nmae: 'Shop' } }, 'store'],
    [{ receipt: { widht: 32 } }, 'receipt'],
    [{ bus: { url: 'mqtt://h', tls: { caFlie: 'x' } } }, 'bus.tls'],
  ])('%j', (input, path) => {
    const r = LaneConfig.safeParse(input);
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0]!;
    expect(issue.code).toBe('unrecognized_keys');
    expect(issue.path.join('.')).toBe(path);
    const key = Object.keys(path ? path.split('.').reduce((o: Record<string, unknown>, k) => o[k] as Record<string, unknown>, input) : input).find((k) => !['url'].includes(k) && k !== 'tls')!;
    const refused = parseWith(LaneConfig, input, 'lane config');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.path).toBe(path ? `${path}.${key}` : key);
  });

  it('accepts {} and every documented key', () => {
    expect(LaneConfig.safeParse({}).success).toBe(true);
    expect(LaneConfig.safeParse({ laneId: 'l', language: 'fa', timeouts: { idleMs: 1000 }, bus: { url: 'mqtt://h', tls: { caFile: 'x' } } }).success).toBe(true);
  });
});
