import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { createTransport, EvdevTransport, HidTransport, MemoryHub, SerialTransport, TcpTransport, TransportConfig } from './index.ts';

const deps = { clock: new ManualClock(), logger: silentLogger };

describe('createTransport', () => {
  it('builds the transport each config kind names, without opening it', () => {
    expect(createTransport(TransportConfig.parse({ kind: 'serial', path: '/dev/ttyUSB0' }), deps)).toBeInstanceOf(SerialTransport);
    expect(createTransport(TransportConfig.parse({ kind: 'tcp', port: 9100 }), deps)).toBeInstanceOf(TcpTransport);
    expect(createTransport(TransportConfig.parse({ kind: 'hid', path: '/dev/hidraw0' }), deps)).toBeInstanceOf(HidTransport);
    expect(createTransport(TransportConfig.parse({ kind: 'evdev', path: '/dev/input/event3' }), deps)).toBeInstanceOf(EvdevTransport);
    expect(createTransport(TransportConfig.parse({ kind: 'tcp', port: 9100 }), deps).isOpen).toBe(false);
  });

  it('returns the host end of the named memory link from the hub', () => {
    const hub = new MemoryHub();
    expect(createTransport(TransportConfig.parse({ kind: 'memory', name: 'scanner' }), { ...deps, hub })).toBe(hub.link('scanner').host);
  });

  it('throws TypeError for memory without a hub (a programming error)', () => {
    expect(() => createTransport(TransportConfig.parse({ kind: 'memory', name: 'x' }), deps)).toThrow(TypeError);
  });

  it('config schema rejects bad transports', () => {
    expect(TransportConfig.safeParse({ kind: 'tcp', port: 70000 }).success).toBe(false);
    expect(TransportConfig.safeParse({ kind: 'serial', path: '' }).success).toBe(false);
    expect(TransportConfig.safeParse({ kind: 'usb' }).success).toBe(false);
  });
});
