import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { tryOpenLane, type OpenLaneOptions } from './lane.ts';
import { startLaneServer } from './server.ts';
import { LaneConfig } from './config.ts';
import { systemClock } from '../core/clock.ts';
import { createLogger } from '../core/log.ts';
import type { LaneError } from '../contracts/errors.ts';

/**
 * One lane service process (docs/SERVICE-API.md).
 * `tsx lane/main.ts [--config FILE] [--port N] [--data DIR] [--lane-id ID] [--catalogue FILE] [--devices sim|wire] [--bus embedded|URL]`
 *
 * Devices: `sim` (default) = in-memory simulators; `wire` = the real drivers talking to
 * byte-level simulators over pty/TCP (needs socat); a `devices` object in the config file
 * (lane/devices.ts DevicesConfig) = real hardware.
 */
const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    port: { type: 'string', default: '7310' },
    data: { type: 'string' },
    'lane-id': { type: 'string' },
    catalogue: { type: 'string' },
    token: { type: 'string' },
    devices: { type: 'string' },
    /** Store bus: `embedded` (start/join the embedded broker) or a broker URL; see store-bus/README.md. */
    bus: { type: 'string' },
  },
});

const logger = createLogger('lane');

/** A configuration the lane cannot start with: say which field, and exit. */
function refuse(error: LaneError): never {
  logger.fatal({ path: error.path, err: error.message }, 'lane not started');
  process.stderr.write(`lane not started: ${error.message}${error.path ? ` (at '${error.path}')` : ''}\n`);
  process.exit(1);
}
const fileConfig: Record<string, unknown> = values.config ? (JSON.parse(readFileSync(values.config, 'utf8')) as Record<string, unknown>) : {};
const config = { ...fileConfig, ...(values['lane-id'] ? { laneId: values['lane-id'] } : {}) };
const laneId = String(config.laneId ?? 'lane-1');
const { devices: devicesConfig, ...laneConfig } = config as Record<string, unknown>;
const deviceMode = values.devices ?? (devicesConfig === undefined || devicesConfig === 'sim' ? 'sim' : devicesConfig === 'wire' ? 'wire' : 'hardware');
let devices: Pick<OpenLaneOptions, 'devices' | 'control' | 'terminalCurrencyCode'>;
const laneCurrency = typeof laneConfig['currency'] === 'string' ? laneConfig['currency'] : undefined;
// Drivers (and the bus client) load only when used: a simulated lane starts faster.
if (deviceMode === 'wire') {
  const { openWireLane } = await import('./sim/wire.ts');
  const wire = await openWireLane(laneCurrency ? { currency: laneCurrency } : {}, { clock: systemClock, logger });
  devices = { devices: wire.devices, control: wire.control, terminalCurrencyCode: wire.config.terminal.currencyCode };
} else if (deviceMode === 'hardware') {
  const { parseDevicesConfig, openDevices, withTerminalCurrency } = await import('./devices.ts');
  const parsed = parseDevicesConfig(devicesConfig);
  if (!parsed.ok) refuse(parsed.error);
  devices = {
    // Opened once the lane knows its currency; the terminal is set up in it.
    devices: (currency) => openDevices(withTerminalCurrency(parsed.value.config, currency), { clock: systemClock, logger }),
    terminalCurrencyCode: parsed.value.terminalCurrencyCode,
  };
} else {
  devices = { devices: 'sim' };
}
logger.info({ deviceMode }, 'devices');
const opened = tryOpenLane({
  dataDir: values.data ?? resolve(root, 'var', laneId),
  catalogue: values.catalogue ?? resolve(root, 'fixtures/catalogue.json'),
  config: laneConfig,
  clock: systemClock,
  logger,
  ...devices,
});
if (!opened.ok) refuse(opened.error);
const lane = opened.value;
const server = await startLaneServer({
  service: lane.service,
  logger,
  port: Number(values.port),
  ...(values.token ? { token: values.token } : {}),
  staticDir: resolve(root, 'renderer/dist'),
  mounts: { '/pictures/': resolve(root, 'fixtures/pictures') },
});
// The store bus never blocks the lane: a broker that is down is retried in the background.
const parsedConfig = LaneConfig.parse(laneConfig);
const storeBus =
  values.bus || parsedConfig.bus
    ? await (await import('./bus/start.ts')).startLaneBusFromConfig({ service: lane.service, config: parsedConfig, flag: values.bus, clock: systemClock, logger })
    : { close: async () => undefined };
process.stdout.write(`${JSON.stringify({ event: 'lane.ready', laneId, url: server.url, wsUrl: server.wsUrl, token: server.token })}\n`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'stopping');
  await server.close();
  await storeBus.close();
  await lane.close();
  await lane.control?.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
