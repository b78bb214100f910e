/**
 * Public surface of the scale drivers.
 *
 *   const scale = openScale(ScaleConfig.parse({ protocol: 'mt8217', unit: 'lb',
 *     transport: { kind: 'serial', path: '/dev/ttyUSB0' } }), { clock, logger });
 *   scale.onReading((r) => …); scale.onHealth((h) => …);
 *
 * `openMagellan` gives the scanner and the scale of one Magellan scanner-scale.
 */
import type { DeviceHealth, ScaleReading } from '../../contracts/devices.ts';
import type { ScalePort, ScannerPort, Unsubscribe } from '../../contracts/ports.ts';
import { createTransport } from '../transport/index.ts';
import type { MagellanConfig, ScaleConfig } from './config.ts';
import type { ScaleDeps } from './driver.ts';
import { MagellanDriver, MagellanScanner } from './magellan/driver.ts';
import { Mt8217Driver } from './mt8217/driver.ts';
import { SicsDriver } from './sics/driver.ts';

export { ScaleConfig, ScaleProtocol, Mt8217Config, SicsConfig, MagellanConfig, StabilityConfig, parseScaleConfig, type ScaleConfigInput } from './config.ts';
export type { ScaleDeps } from './driver.ts';
export { StabilityFilter, type StabilityOptions } from './stability.ts';
export { Mt8217Driver } from './mt8217/driver.ts';
export { SicsDriver } from './sics/driver.ts';
export { MagellanDriver, MagellanScanner } from './magellan/driver.ts';
export { Mt8217Simulator, type Mt8217SimulatorOptions } from './mt8217/sim.ts';
export { SicsSimulator, type SicsSimulatorOptions } from './sics/sim.ts';
export { MagellanSimulator, type MagellanSimulatorOptions, type MagellanScanType } from './magellan/sim.ts';
export { ScaleSimulator, type ScaleSimulatorOptions } from './sim/base.ts';
export { SimScale, type SimFault } from './sim/model.ts';
export * as mt8217 from './mt8217/codec.ts';
export * as sics from './sics/codec.ts';
export * as magellan from './magellan/codec.ts';

/** Open a scale of any supported protocol. Connecting starts at once; watch `onHealth`. */
export function openScale(config: ScaleConfig, deps: ScaleDeps): ScalePort {
  const transport = createTransport(config.transport, deps);
  switch (config.protocol) {
    case 'mt8217':
      return new Mt8217Driver(config, transport, deps).start();
    case 'sics':
      return new SicsDriver(config, transport, deps).start();
    case 'magellan':
      return magellanPorts(config, deps, ['scale']).scale;
  }
}

export interface MagellanPorts {
  scale: ScalePort;
  scanner: ScannerPort;
  /** Close both ports (the link closes when both are closed). */
  close(): Promise<void>;
}

/**
 * Open a Magellan scanner-scale: one link, two ports. Each port's `close()` releases its
 * share; the link closes when both are released (or on `close()`).
 */
export function openMagellan(config: MagellanConfig, deps: ScaleDeps): MagellanPorts {
  return magellanPorts(config, deps, ['scale', 'scanner']);
}

function magellanPorts(config: MagellanConfig, deps: ScaleDeps, shares: ('scale' | 'scanner')[]): MagellanPorts {
  const driver = new MagellanDriver(config, createTransport(config.transport, deps), deps).start();
  const open = new Set(shares);
  const release = async (which: 'scale' | 'scanner'): Promise<void> => {
    open.delete(which);
    if (open.size === 0) await driver.close();
  };
  const scale: ScalePort = {
    health: (): DeviceHealth => driver.health(),
    onHealth: (l: (h: DeviceHealth) => void): Unsubscribe => driver.onHealth(l),
    onReading: (l: (r: ScaleReading) => void): Unsubscribe => driver.onReading(l),
    current: (): ScaleReading | null => driver.current(),
    close: () => release('scale'),
  };
  const scanner = new MagellanScanner(driver, () => release('scanner'));
  return {
    scale,
    scanner,
    close: async () => {
      open.clear();
      await driver.close();
    },
  };
}
