import { z } from 'zod';

/** How a device is reached. Chosen per device in the lane configuration. */
export const SerialTransportConfig = z.object({
  kind: z.literal('serial'),
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd', 'mark', 'space']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(1.5), z.literal(2)]).default(1),
  rtscts: z.boolean().default(false),
});
export const TcpTransportConfig = z.object({
  kind: z.literal('tcp'),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(1).max(65535),
  connectTimeoutMs: z.number().int().positive().default(3000),
});
export const HidTransportConfig = z.object({
  kind: z.literal('hid'),
  /** hidraw path, or vendorId/productId to find one. */
  path: z.string().optional(),
  vendorId: z.number().int().optional(),
  productId: z.number().int().optional(),
});
/** A Linux evdev node (keyboard-wedge scanners): 24-byte input_event records. */
export const EvdevTransportConfig = z.object({
  kind: z.literal('evdev'),
  path: z.string().min(1),
  grab: z.boolean().default(true),
});
export const MemoryTransportConfig = z.object({
  kind: z.literal('memory'),
  /** Name of an in-process memory link (see memory.ts `MemoryHub`). */
  name: z.string().min(1),
});
export const TransportConfig = z.discriminatedUnion('kind', [
  SerialTransportConfig,
  TcpTransportConfig,
  HidTransportConfig,
  EvdevTransportConfig,
  MemoryTransportConfig,
]);
export type TransportConfig = z.infer<typeof TransportConfig>;
export type TransportConfigInput = z.input<typeof TransportConfig>;

export type SerialTransportConfig = z.infer<typeof SerialTransportConfig>;
export type TcpTransportConfig = z.infer<typeof TcpTransportConfig>;
export type HidTransportConfig = z.infer<typeof HidTransportConfig>;
export type EvdevTransportConfig = z.infer<typeof EvdevTransportConfig>;
export type MemoryTransportConfig = z.infer<typeof MemoryTransportConfig>;
