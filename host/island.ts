import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchKiosk, type KioskMode } from './launcher.ts';
import { LaneServiceSupervisor, serviceCommand } from './supervisor.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from '../broker/broker.ts';
import { DEMO_LANE_SECRET, DEMO_STORE_ID, demoBusAccounts } from '../store-bus/demo.ts';
import { createLogger } from '../core/log.ts';

/**
 * `npm start`: a simulated island on embedded defaults. Builds the touch UI when it is
 * missing or stale, starts the embedded store-bus broker (Aedes, MQTT on 1883 and
 * MQTT-over-WebSocket on 8083 for the attendant console), the lane services (supervised
 * child processes with simulated devices, each on the bus) and opens the first lane in a
 * kiosk window (Electron, else Chromium, else the address is printed). Options:
 *   --lanes N        number of lanes (default 4)
 *   --broker URL     use this broker instead of the embedded one (mqtt://, mqtts://)
 *   --devices MODE   sim (default) or wire (real drivers against byte simulators)
 *   --port P         first lane's port (default 7310; lane n uses P+n-1)
 *   --headless       launch no window (CI, servers)
 *   --kiosk MODE     electron | chromium | print
 */
const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const { values } = parseArgs({
  options: {
    lanes: { type: 'string', default: '4' },
    broker: { type: 'string' },
    devices: { type: 'string', default: 'sim' },
    port: { type: 'string', default: '7310' },
    headless: { type: 'boolean', default: !!process.env.CI },
    kiosk: { type: 'string' },
  },
});
const log = createLogger('start');
const say = (line: string) => process.stdout.write(`${line}\n`);

function newestMtime(dir: string): number {
  let t = 0;
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    if (f.name === 'dist' || f.name === 'node_modules') continue;
    const p = join(dir, f.name);
    t = Math.max(t, f.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

function ensureUiBuilt(): void {
  const index = join(root, 'renderer/dist/index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(join(root, 'renderer'))) return;
  say('building the touch UI (vite build)…');
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}

ensureUiBuilt();
const count = Math.max(1, Math.min(64, Number(values.lanes) || 4));
const laneIds = Array.from({ length: count }, (_, i) => `lane-${i + 1}`);

// The store bus: embedded unless a broker URL is given.
let brokerUrl = values.broker;
let consoleBus = '';
let broker: EmbeddedBroker | null = null;
if (!brokerUrl) {
  broker = await startEmbeddedBroker({ accounts: demoBusAccounts(laneIds), port: 1883, wsPort: 8083, logger: log.child({ component: 'broker' }) }).catch(async (err: unknown) => {
    say(`store bus: ports 1883/8083 are taken (${err instanceof Error ? err.message : String(err)}); using free ports`);
    return startEmbeddedBroker({ accounts: demoBusAccounts(laneIds), port: 0, wsPort: 0, logger: log.child({ component: 'broker' }) });
  });
  brokerUrl = broker.url;
  consoleBus = broker.wsUrl ?? '';
  say(`store bus: embedded broker at ${broker.url} (consoles: ${broker.wsUrl}); demo attendants alex/1234, sam/9999`);
}
// A browser kiosk cannot follow a restarted service to a new port or token: pin both.
const token = randomBytes(16).toString('hex');
const basePort = Number(values.port) || 7310;
const supervisors: LaneServiceSupervisor[] = [];
let launched = false;
for (let i = 1; i <= count; i++) {
  const laneId = `lane-${i}`;
  const sup = new LaneServiceSupervisor({
    command: serviceCommand({
      repoRoot: root,
      execPath: process.execPath,
      inElectron: false,
      packaged: false,
      platform: process.platform,
      port: basePort + i - 1,
      extraArgs: ['--lane-id', laneId, '--data', join(root, 'var', laneId), '--token', token, '--bus', brokerUrl, '--devices', values.devices],
      env: { ...process.env, LANE_BUS_PASSWORD: process.env.LANE_BUS_PASSWORD ?? DEMO_LANE_SECRET },
    }),
    log,
  });
  sup.onState((s) => {
    if (s.state !== 'ready') return;
    say(`${laneId}: ready at ${s.url}/?token=${s.token}   (simulator panel: ${s.url}/simulator/?token=${s.token})`);
    if (i === 1 && consoleBus) say(`attendant console: ${s.url}/attendant/?bus=${encodeURIComponent(consoleBus)}&store=${DEMO_STORE_ID}`);
    if (!launched && i === 1) {
      launched = true;
      launchKiosk({ url: `${s.url}/?token=${s.token}`, headless: values.headless, ...(values.kiosk ? { mode: values.kiosk as KioskMode } : {}), say });
    }
  });
  sup.start();
  supervisors.push(sup);
}

async function stop() {
  await Promise.all(supervisors.map((s) => s.stop()));
  await broker?.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
