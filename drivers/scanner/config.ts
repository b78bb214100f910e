import { z } from 'zod';
import { TransportConfig } from '../transport/config.ts';

const Backoff = z
  .object({
    initialMs: z.number().int().positive().default(250),
    maxMs: z.number().int().positive().default(10_000),
    factor: z.number().min(1).default(2),
  })
  .optional();

export const SerialScannerConfig = z.object({
  protocol: z.literal('serial'),
  transport: TransportConfig,
  /** What ends a code. The decoder accepts CR, LF or CRLF whatever is set; `none` = silence. */
  suffix: z.enum(['CR', 'LF', 'CRLF', 'none']).default('CRLF'),
  /** Parse a leading AIM id (`]E0`) into `symbology`. */
  aimPrefix: z.boolean().default(true),
  /** `datalogic`: send E/D/B/F host commands (enable, disable, beeps). */
  hostCommands: z.enum(['datalogic', 'none']).default('none'),
  maxLength: z.number().int().min(1).max(512).default(512),
  interByteTimeoutMs: z.number().int().positive().default(50),
  partialTimeoutMs: z.number().int().positive().default(1000),
  backoff: Backoff,
});

export const HidPosScannerConfig = z.object({
  protocol: z.literal('hidpos'),
  transport: TransportConfig,
  /** `report`: each chunk is one report (hid, memory). `stream`: cut bytes into reports. Default by transport kind. */
  framing: z.enum(['report', 'stream']).optional(),
  reportSize: z.number().int().min(8).max(256).default(64),
  orphanTimeoutMs: z.number().int().positive().default(100),
  backoff: Backoff,
});

export const WedgeScannerConfig = z.object({
  protocol: z.literal('wedge'),
  transport: TransportConfig,
  layout: z.enum(['us', 'de']).default('us'),
  recordSize: z.union([z.literal(24), z.literal(16)]).default(24),
  partialTimeoutMs: z.number().int().positive().default(300),
  onPartialTimeout: z.enum(['drop', 'flush']).default('drop'),
  maxAgeMs: z.number().int().positive().default(5000),
  backoff: Backoff,
});

/**
 * Scanner configuration, discriminated on `protocol`. Example:
 * `{ protocol: 'serial', transport: { kind: 'serial', path: '/dev/ttyACM0' }, suffix: 'CR', hostCommands: 'datalogic' }`
 */
export const ScannerConfig = z.discriminatedUnion('protocol', [SerialScannerConfig, HidPosScannerConfig, WedgeScannerConfig]);
export type ScannerConfig = z.infer<typeof ScannerConfig>;
export type ScannerConfigInput = z.input<typeof ScannerConfig>;
export type SerialScannerConfig = z.infer<typeof SerialScannerConfig>;
export type HidPosScannerConfig = z.infer<typeof HidPosScannerConfig>;
export type WedgeScannerConfig = z.infer<typeof WedgeScannerConfig>;
