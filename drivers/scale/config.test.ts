import { describe, expect, it } from 'vitest';
import { ScaleConfig, parseScaleConfig, stabilityOf } from './config.ts';

describe('ScaleConfig', () => {
  it('fills protocol line settings for serial transports: 8217 7E1, SICS 8N1, Magellan 7O1', () => {
    const t = (protocol: string) => ScaleConfig.parse({ protocol, transport: { kind: 'serial', path: '/dev/ttyS0' } }).transport;
    expect(t('mt8217')).toMatchObject({ baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 });
    expect(t('sics')).toMatchObject({ baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 });
    expect(t('magellan')).toMatchObject({ baudRate: 9600, dataBits: 7, parity: 'odd', stopBits: 1 });
  });

  it('keeps line settings given explicitly', () => {
    const c = ScaleConfig.parse({ protocol: 'mt8217', transport: { kind: 'serial', path: '/dev/ttyS0', baudRate: 4800, parity: 'none', dataBits: 8 } });
    expect(c.transport).toMatchObject({ baudRate: 4800, parity: 'none', dataBits: 8 });
  });

  it('applies defaults', () => {
    const c = ScaleConfig.parse({ protocol: 'sics', transport: { kind: 'memory', name: 'x' } });
    expect(c).toMatchObject({ protocol: 'sics', mode: 'poll', pollMs: 250, timeoutMs: 1000, missedRepliesBeforeOffline: 2, divisionGrams: 5, name: 'scale' });
  });

  it('stability range defaults to one division', () => {
    const c = ScaleConfig.parse({ protocol: 'mt8217', divisionGrams: 2, stability: { stableReadings: 3 }, transport: { kind: 'memory', name: 'x' } });
    expect(stabilityOf(c)).toEqual({ stableReadings: 3, motionRangeGrams: 2 });
  });

  it.each([
    [{ protocol: 'avery', transport: { kind: 'memory', name: 'x' } }, 'protocol'],
    [{ protocol: 'mt8217', unit: 'oz', transport: { kind: 'memory', name: 'x' } }, 'unit'],
    [{ protocol: 'sics', mode: 'burst', transport: { kind: 'memory', name: 'x' } }, 'mode'],
    [{ protocol: 'sics', pollMs: 10, transport: { kind: 'memory', name: 'x' } }, 'pollMs'],
    [{ protocol: 'sics', stability: { stableReadings: 1 }, transport: { kind: 'memory', name: 'x' } }, 'stability.stableReadings'],
    [{ protocol: 'magellan', transport: { kind: 'serial' } }, 'transport.path'],
    [{ protocol: 'magellan' }, 'transport'],
  ])('rejects %j at %s with our error shape, never throwing', (input, path) => {
    const r = parseScaleConfig(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'invalidInput', path });
  });

  it('rejects non-objects', () => {
    expect(parseScaleConfig(null).ok).toBe(false);
    expect(parseScaleConfig('mt8217').ok).toBe(false);
  });
});
