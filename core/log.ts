import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * The one logger. JSON lines to stderr (stdout stays free for CLI output);
 * level from LANE_LOG_LEVEL (default `info`, `silent` in tests).
 */
export function createLogger(name: string, level = process.env.LANE_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info')): Logger {
  return pino({ name, level, base: { name } }, pino.destination(2));
}

export const silentLogger: Logger = pino({ level: 'silent' });
