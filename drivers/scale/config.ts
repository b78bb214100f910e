/**
 * Scale configuration: one zod schema, discriminated on `protocol`.
 *
 * Serial line settings default per protocol when the transport leaves them out
 * (reference/device-protocols.md): mt8217 9600 7E1, sics 9600 8N1, magellan 9600 7O1.
 */
import { z } from 'zod';
import { parseWith, type Result } from '../../contracts/errors.ts';
import { TransportConfig } from '../transport/config.ts';

export const ScaleProtocol = z.enum(['mt8217', 'sics', 'magellan']);
export type ScaleProtocol = z.infer<typeof ScaleProtocol>;

const LINE_DEFAULTS: Record<ScaleProtocol, { baudRate: number; dataBits: 7 | 8; parity: 'even' | 'odd' | 'none'; stopBits: 1 }> = {
  mt8217: { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 },
  sics: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
  magellan: { baudRate: 9600, dataBits: 7, parity: 'odd', stopBits: 1 },
};

export const StabilityConfig = z.object({
  /** Consecutive device-stable readings required before we call a weight stable. */
  stableReadings: z.number().int().min(2).max(50),
  /** Largest spread among them; defaults to one division (`divisionGrams`). */
  motionRangeGrams: z.number().int().nonnegative().optional(),
});

const common = {
  transport: TransportConfig,
  /** Name in logs (`produceScale`, `baggingScale` …). */
  name: z.string().min(1).default('scale'),
  /** Time between polls (after the previous answer). */
  pollMs: z.number().int().min(50).max(5000).default(250),
  /** Per-request timeout (8217 manual: 1 s). In streaming mode: longest silence allowed. */
  timeoutMs: z.number().int().min(50).max(30_000).default(1000),
  /** Consecutive timeouts before the link is dropped (health offline/noReply) and re-probed. */
  missedRepliesBeforeOffline: z.number().int().min(1).max(20).default(2),
  /** One scale division (e), in grams. */
  divisionGrams: z.number().int().positive().default(5),
  /** Optional software stability filter on top of the device's own report. */
  stability: StabilityConfig.optional(),
  /** Reconnect backoff (defaults: 250 ms doubling to 10 s). */
  backoff: z
    .object({
      initialMs: z.number().int().positive().optional(),
      maxMs: z.number().int().positive().optional(),
      factor: z.number().min(1).optional(),
    })
    .optional(),
};

export const Mt8217Config = z.object({
  protocol: z.literal('mt8217'),
  /** The unit the scale is set to: lb (`0WW.WW`) or kg (`WW.WWW`). */
  unit: z.enum(['lb', 'kg']).default('kg'),
  ...common,
});

export const SicsConfig = z.object({
  protocol: z.literal('sics'),
  /** `stream`: one `SIR` and listen (preferred where the balance supports it); `poll`: `SI` every `pollMs`. */
  mode: z.enum(['poll', 'stream']).default('poll'),
  ...common,
});

export const MagellanConfig = z.object({
  protocol: z.literal('magellan'),
  /** Scale unit setting: lb (4 digits, hundredths) or kg (5 digits, thousandths). */
  unit: z.enum(['lb', 'kg']).default('kg'),
  ...common,
});

const ScaleConfigObject = z.discriminatedUnion('protocol', [Mt8217Config, SicsConfig, MagellanConfig]);

/** Fill in the protocol's serial line settings where the transport left them out. */
function withLineDefaults(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  const record = input as Record<string, unknown>;
  const protocol = ScaleProtocol.safeParse(record['protocol']);
  const transport = record['transport'];
  if (!protocol.success || typeof transport !== 'object' || transport === null) return input;
  const t = transport as Record<string, unknown>;
  if (t['kind'] !== 'serial') return input;
  return { ...record, transport: { ...LINE_DEFAULTS[protocol.data], ...t } };
}

export const ScaleConfig = z.preprocess(withLineDefaults, ScaleConfigObject);
export type ScaleConfig = z.infer<typeof ScaleConfigObject>;
export type ScaleConfigInput = z.input<typeof ScaleConfigObject>;
export type Mt8217Config = z.infer<typeof Mt8217Config>;
export type SicsConfig = z.infer<typeof SicsConfig>;
export type MagellanConfig = z.infer<typeof MagellanConfig>;

/** Validate a scale configuration; never throws. */
export function parseScaleConfig(input: unknown): Result<ScaleConfig> {
  return parseWith(ScaleConfig, input, 'scale config');
}

/** The stability options a config asks for, if any. */
export function stabilityOf(config: ScaleConfig): { stableReadings: number; motionRangeGrams: number } | undefined {
  if (!config.stability) return undefined;
  return { stableReadings: config.stability.stableReadings, motionRangeGrams: config.stability.motionRangeGrams ?? config.divisionGrams };
}
