/**
 * Scanners: `openScanner(config, deps)` builds the driver for a configured scanner and
 * starts connecting. Simulators and codecs are exported for tests and the simulator panel.
 */
import type { ScannerPort } from '../../contracts/ports.ts';
import { createTransport, type TransportDeps } from '../transport/index.ts';
import type { Transport } from '../transport/types.ts';
import type { ScannerConfig } from './config.ts';
import { ScannerDriver, type ScannerProtocol } from './driver.ts';
import { HidPosDecoder } from './hidpos/codec.ts';
import { SerialScannerDecoder, encodeDatalogic } from './serial/codec.ts';
import { WedgeDecoder } from './wedge/codec.ts';

/** `clock`, `logger`, and for tests/simulation `hub` (memory), `hid`, `evdev` fakes. */
export interface ScannerDeps extends TransportDeps {
  /** Use this transport instead of building one from `config.transport`. */
  transport?: Transport;
}

/** The protocol half of a driver: decoder, source tag, host commands. */
export function scannerProtocol(config: ScannerConfig): ScannerProtocol {
  switch (config.protocol) {
    case 'serial':
      return {
        source: 'serial',
        decoder: new SerialScannerDecoder({
          suffix: config.suffix,
          aimPrefix: config.aimPrefix,
          maxLength: config.maxLength,
          interByteTimeoutMs: config.interByteTimeoutMs,
          partialTimeoutMs: config.partialTimeoutMs,
        }),
        ...(config.hostCommands === 'datalogic'
          ? {
              commands: {
                enable: encodeDatalogic('enable'),
                disable: encodeDatalogic('disable'),
                beepGood: encodeDatalogic('goodReadBeep'),
                beepError: encodeDatalogic('notOnFileBeep'),
              },
            }
          : {}),
      };
    case 'hidpos': {
      const stream = config.transport.kind === 'serial' || config.transport.kind === 'tcp';
      return {
        source: 'hid',
        decoder: new HidPosDecoder({
          framing: config.framing ?? (stream ? 'stream' : 'report'),
          reportSize: config.reportSize,
          orphanTimeoutMs: config.orphanTimeoutMs,
        }),
      };
    }
    case 'wedge':
      return {
        source: 'wedge',
        decoder: new WedgeDecoder({
          layout: config.layout,
          recordSize: config.recordSize,
          partialTimeoutMs: config.partialTimeoutMs,
          onPartialTimeout: config.onPartialTimeout,
          maxAgeMs: config.maxAgeMs,
        }),
      };
  }
}

/**
 * Open a scanner from (parsed) configuration. Returns at once; the driver connects in the
 * background and reports `offline`/`ok` through health. Throws `TypeError` only for a
 * programming error (memory transport without `deps.hub`).
 */
export function openScanner(config: ScannerConfig, deps: ScannerDeps): ScannerDriver & ScannerPort {
  const transport = deps.transport ?? createTransport(config.transport, deps);
  return new ScannerDriver(transport, scannerProtocol(config), {
    clock: deps.clock,
    logger: deps.logger,
    ...(config.backoff ? { backoff: config.backoff } : {}),
  });
}

export { ScannerConfig, SerialScannerConfig, HidPosScannerConfig, WedgeScannerConfig, type ScannerConfigInput } from './config.ts';
export { ScannerDriver, type ScannerDiagnostic, type ScannerProtocol, type ScannerCommands, type ScannerDriverDeps } from './driver.ts';
export type { ScannerCodecEvent, ScannerDecoder, ScanDecoded, ScanDiscarded, DiscardReason } from './codec.ts';
export { SerialScannerDecoder, encodeDatalogic, encodeSerialScan, DATALOGIC_COMMANDS, type DatalogicCommand, type SerialSuffix } from './serial/codec.ts';
export { SerialScannerSim } from './serial/sim.ts';
export { HidPosDecoder, encodeHidPosReports, HONEYWELL_SYMBOLOGY_TO_AIM } from './hidpos/codec.ts';
export { HidPosScannerSim } from './hidpos/sim.ts';
export { WedgeDecoder, encodeInputEvent, EV_KEY, EV_SYN } from './wedge/codec.ts';
export { WedgeScannerSim } from './wedge/sim.ts';
export { US_LAYOUT, DE_LAYOUT, LAYOUTS, KEY, strokeFor, type KeyboardLayout, type LayoutName } from './wedge/layouts.ts';
