import { z } from 'zod';

/** The devices a lane has. */
export const DeviceName = z.enum(['scanner', 'produceScale', 'baggingScale', 'printer', 'terminal']);
export type DeviceName = z.infer<typeof DeviceName>;

export const DeviceStatus = z.enum(['ok', 'warning', 'error', 'offline']);
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const DeviceHealth = z.object({
  status: DeviceStatus,
  /** Machine-readable reason, e.g. `paperNearEnd`, `linkLost`, `coverOpen`. */
  reason: z.string().optional(),
  since: z.number().int().nonnegative(),
});
export type DeviceHealth = z.infer<typeof DeviceHealth>;

/**
 * A scale reading as every scale driver reports it. `grams` is meaningful for
 * `stable` and `motion`; the other states carry no usable weight.
 */
export const ScaleState = z.enum(['stable', 'motion', 'overload', 'underZero', 'zeroError']);
export type ScaleState = z.infer<typeof ScaleState>;
export const ScaleReading = z.object({
  state: ScaleState,
  grams: z.number().int(),
});
export type ScaleReading = z.infer<typeof ScaleReading>;

/** A decoded barcode. `symbology` is the AIM identifier (e.g. `]E0`, `]C1`) when known. */
export const Scan = z.object({
  data: z.string().min(1).max(512),
  symbology: z.string().regex(/^\][A-Za-z][0-9A-Za-z]$/).optional(),
  source: z.enum(['serial', 'hid', 'wedge', 'magellan', 'manual', 'sim']).default('sim'),
});
export type Scan = z.infer<typeof Scan>;

/** Printer conditions reported by a printer driver. */
export const PrinterCondition = z.enum(['ok', 'paperNearEnd', 'paperOut', 'coverOpen', 'offline', 'cutterError']);
export type PrinterCondition = z.infer<typeof PrinterCondition>;

/** Messages a card terminal shows the shopper while paying (mirrored on screen). */
export const TerminalPrompt = z.enum([
  'insertCard',
  'presentCard',
  'enterPin',
  'wrongPin',
  'pleaseWait',
  'removeCard',
  'declined',
  'approved',
  'processing',
]);
export type TerminalPrompt = z.infer<typeof TerminalPrompt>;

/** Why a payment did not go through, in words a shopper understands. */
export const DeclineReason = z.enum([
  'declined',
  'cardUnreadable',
  'cardExpired',
  'cardUnknown',
  'amountTooHigh',
  'wrongPin',
  'aborted',
  'timeout',
  'terminalError',
]);
export type DeclineReason = z.infer<typeof DeclineReason>;
