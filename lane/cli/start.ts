import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchKiosk, type KioskMode } from '../../electron/launcher.ts';
import { LaneServiceSupervisor, serviceCommand } from '../../electron/supervisor.ts';
import { createLogger } from '../util/log.ts';

/**
 * `npm start`: a simulated island on embedded defaults. Builds the touch UI when it is
 * missing or stale, starts the lane services (supervised child processes with simulated
 * devices) and opens the first lane in a kiosk window (Electron, else Chromium, else the
 * address is printed). Options:
 *   --lanes N        number of lanes (default 1)
 *   --port P         first lane's port (default 7310; lane n uses P+n-1)
 *   --headless       launch no window (CI, servers)
 *   --kiosk MODE     electron | chromium | print
 */
const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const { values } = parseArgs({
  options: {
    lanes: { type: 'string', default: '1' },
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
const count = Math.max(1, Math.min(64, Number(values.lanes) || 1));
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
      env: process.env,
      platform: process.platform,
      port: basePort + i - 1,
      extraArgs: ['--lane-id', laneId, '--data', join(root, 'var', laneId), '--token', token],
    }),
    log,
  });
  sup.onState((s) => {
    if (s.state !== 'ready') return;
    say(`${laneId}: ready at ${s.url}/?token=${s.token}   (simulator panel: ${s.url}/simulator/?token=${s.token})`);
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
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
