/**
 * Card terminal configuration. `protocol` is the discriminator so a second protocol
 * (nexo) can join the union without touching the ZVT part.
 */
import { z } from 'zod';
import { TransportConfig } from '../transport/config.ts';

/** ZVT defaults on the wire (device-protocols.md §4.1): TCP port 20007, serial 9600 8N2. */
function zvtTransportDefaults(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const t: Record<string, unknown> = { ...input };
  if (t['kind'] === 'tcp' && t['port'] === undefined) t['port'] = 20007;
  if (t['kind'] === 'serial' && t['stopBits'] === undefined) t['stopBits'] = 2;
  return t;
}

export const ZvtTimeouts = z.object({
  /** Terminal's `80 00 00` after each of our commands (§4.4: ~5 s). */
  ackMs: z.number().int().positive().default(5000),
  /** T4: silence allowed while the terminal drives; restarted by each terminal message. */
  responseMs: z.number().int().positive().default(180_000),
  /** Registration and status enquiry: completion after the `80 00 00`. */
  adminMs: z.number().int().positive().default(30_000),
  /** Serial T3: wait for the single-byte ACK of each frame. */
  serialAckMs: z.number().int().positive().default(5000),
  /** Serial: transmissions per frame (first included). */
  serialAttempts: z.number().int().min(1).max(10).default(3),
});

export const ZvtTerminalConfig = z.object({
  protocol: z.literal('zvt'),
  transport: z.preprocess(zvtTransportDefaults, TransportConfig),
  /** `auto`: serial transports use DLE/STX framing, everything else bare APDUs. */
  framing: z.enum(['auto', 'bare', 'serial']).default('auto'),
  /** Terminal password, 6 digits (sent as 3 bytes BCD). */
  password: z.string().regex(/^\d{6}$/, 'password must be 6 digits').default('000000'),
  /**
   * ISO 4217 numeric currency, e.g. 978 EUR. A lane derives it from its one currency setting
   * (lane/currency.ts) and refuses a file that names a different one.
   */
  currencyCode: z.number().int().min(1).max(999).default(978),
  textEncoding: z.enum(['cp437', 'latin1', 'utf8']).default('cp437'),
  /** Registration config byte; default 0x0E (see messages.ts DEFAULT_CONFIG_BYTE). */
  configByte: z.number().int().min(0).max(255).default(0x0e),
  /** Optional registration service byte (`03 xx`). */
  serviceByte: z.number().int().min(0).max(255).optional(),
  /** Send BMP `49` currency with each authorization. */
  currencyInAuthorization: z.boolean().default(true),
  timeouts: ZvtTimeouts.default(ZvtTimeouts.parse({})),
});
export type ZvtTerminalConfig = z.infer<typeof ZvtTerminalConfig>;

export const TerminalConfig = z.discriminatedUnion('protocol', [ZvtTerminalConfig]);
export type TerminalConfig = z.infer<typeof TerminalConfig>;
export type TerminalConfigInput = z.input<typeof TerminalConfig>;
