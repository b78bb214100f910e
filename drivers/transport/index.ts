/**
 * Public surface of the transports. Drivers import from here.
 */
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/log.ts';
import type { TransportConfig } from './config.ts';
import { EvdevTransport, type EvdevSource } from './evdev.ts';
import { HidTransport, type HidBackend } from './hid.ts';
import type { MemoryHub } from './memory.ts';
import { SerialTransport } from './serial.ts';
import { TcpTransport } from './tcp.ts';
import type { Transport } from './types.ts';

export interface TransportDeps {
  clock: Clock;
  logger: Logger;
  /** Required for `kind: 'memory'`: the host end of `hub.link(name)` is returned. */
  hub?: MemoryHub;
  /** HID backend; default node-hid (loaded lazily on first open). */
  hid?: HidBackend;
  /** evdev source; default `fs.createReadStream`. */
  evdev?: EvdevSource;
  /** Serial device-node presence check period (ms, 0 = off). Default 1000. */
  serialPresenceCheckMs?: number;
  /** TCP keepalive initial delay (ms). */
  tcpKeepAliveMs?: number;
}

/**
 * Build the transport a (parsed) `TransportConfig` describes. Nothing is opened here.
 * Throws `TypeError` only for a programming error: `memory` without a hub.
 */
export function createTransport(config: TransportConfig, deps: TransportDeps): Transport {
  switch (config.kind) {
    case 'serial':
      return new SerialTransport(config, {
        clock: deps.clock,
        logger: deps.logger,
        ...(deps.serialPresenceCheckMs !== undefined ? { presenceCheckMs: deps.serialPresenceCheckMs } : {}),
      });
    case 'tcp':
      return new TcpTransport(config, {
        clock: deps.clock,
        logger: deps.logger,
        ...(deps.tcpKeepAliveMs !== undefined ? { keepAliveMs: deps.tcpKeepAliveMs } : {}),
      });
    case 'hid':
      return new HidTransport(config, { logger: deps.logger, ...(deps.hid ? { backend: deps.hid } : {}) });
    case 'evdev':
      return new EvdevTransport(config, { logger: deps.logger, ...(deps.evdev ? { source: deps.evdev } : {}) });
    case 'memory':
      if (!deps.hub) throw new TypeError(`memory transport '${config.name}' needs deps.hub`);
      return deps.hub.link(config.name).host;
  }
}

export type { CloseReason, Transport } from './types.ts';
export { TransportError } from './types.ts';
export * from './config.ts';
export { MemoryHub, MemoryLink } from './memory.ts';
export { SerialTransport, type ModemLines, type SerialTransportDeps } from './serial.ts';
export { TcpTransport, type TcpTransportDeps } from './tcp.ts';
export { HidTransport, nodeHidBackend, type HidBackend, type HidDevice, type HidDeviceInfo, type HidTransportDeps } from './hid.ts';
export { EvdevTransport, fsEvdevSource, type EvdevSource, type EvdevStream, type EvdevTransportDeps } from './evdev.ts';
export { Supervisor, DEFAULT_BACKOFF, type BackoffOptions, type HandshakeResult, type LinkState, type OfflineReason, type SupervisorOptions } from './supervisor.ts';
export { RequestQueue, type RequestError, type RequestFailureReason, type RequestQueueOptions, type RequestResult, type RequestSpec, type RequestStep } from './request-queue.ts';
