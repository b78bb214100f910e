/**
 * Public surface of the card terminal drivers. Today: ZVT. A nexo driver would add a member
 * to `TerminalConfig` and a branch in `openTerminal`, keeping `TerminalPort`.
 */
import { parseWith, type Result } from '../../contracts/errors.ts';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/log.ts';
import type { TerminalPort } from '../../contracts/ports.ts';
import { createTransport } from '../transport/index.ts';
import type { MemoryHub } from '../transport/memory.ts';
import type { BackoffOptions } from '../transport/supervisor.ts';
import { TerminalConfig, type TerminalConfigInput } from './config.ts';
import { ZvtTerminal, type ZvtExtras } from './zvt/driver.ts';

export interface TerminalDeps {
  clock: Clock;
  logger: Logger;
  /** Needed for `transport.kind: 'memory'`. */
  hub?: MemoryHub;
  backoff?: Partial<BackoffOptions>;
  onWire?: (direction: 'in' | 'out', bytes: Uint8Array) => void;
}

export type ZvtTerminalPort = TerminalPort & ZvtExtras;

/** Start a terminal driver: connects (and registers) in the background; see `health()`. */
export function openTerminal(config: TerminalConfig, deps: TerminalDeps): ZvtTerminalPort {
  const transport = createTransport(config.transport, { clock: deps.clock, logger: deps.logger, ...(deps.hub ? { hub: deps.hub } : {}) });
  switch (config.protocol) {
    case 'zvt':
      return new ZvtTerminal(config, {
        clock: deps.clock,
        logger: deps.logger,
        transport,
        ...(deps.backoff ? { backoff: deps.backoff } : {}),
        ...(deps.onWire ? { onWire: deps.onWire } : {}),
      });
  }
}

/** Validate raw configuration (file, bus) into a `TerminalConfig`. Never throws. */
export function parseTerminalConfig(input: unknown): Result<TerminalConfig> {
  return parseWith(TerminalConfig, input, 'terminal config');
}

export { TerminalConfig, ZvtTerminalConfig, type TerminalConfigInput } from './config.ts';
export { ZvtTerminal, type ZvtExtras } from './zvt/driver.ts';
export type { ReversalResult, StatusEnquiryResult, EndOfDayResult, RepeatReceiptResult } from './zvt/answers.ts';
export { ZvtSimulator, type PaymentScript, type ZvtSimulatorOptions } from './zvt/sim.ts';
