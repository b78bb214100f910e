/**
 * Runs: node (no Electron import). What `npm start` needs without the Electron shell: the
 * supervised lane service plus a kiosk window from launcher.ts (Chromium `--kiosk --app`, or
 * the printed address). A browser window cannot follow a service to a new port or token, so
 * this path pins both: a fixed port (default 7310) and one token for the whole run, passed
 * to every restart with `--token`. The page stays valid and the UI simply reconnects.
 */
import { randomBytes } from 'node:crypto';
import { createLogger, type Logger } from '../lane/util/log.ts';
import { launchKiosk, type LaunchOptions, type LaunchResult } from './launcher.ts';
import { laneUrl, type ShellMode } from './policy.ts';
import { LaneServiceSupervisor, serviceCommand, type SupervisorOptions } from './supervisor.ts';

export interface StartOptions {
  repoRoot?: string;
  port?: number;
  token?: string;
  mode?: ShellMode;
  /** CI/tests: supervise the service, launch no window. */
  headless?: boolean;
  /** More service arguments (`--config FILE`, `--data DIR` …). */
  serviceArgs?: string[];
  log?: Logger;
  /** Tests: spawn/fetch/clock for the supervisor, and the kiosk launcher. */
  supervisor?: Pick<SupervisorOptions, 'spawn' | 'fetch' | 'clock'>;
  launch?: (o: LaunchOptions) => LaunchResult;
}

export interface Started {
  readonly supervisor: LaneServiceSupervisor;
  /** The kiosk launched on the first ready (undefined before). */
  readonly kiosk: LaunchResult | undefined;
  stop(): Promise<void>;
}

export function startWithKiosk(o: StartOptions = {}): Started {
  const log = o.log ?? createLogger('start');
  const token = o.token ?? randomBytes(16).toString('hex');
  const supervisor = new LaneServiceSupervisor({
    ...o.supervisor,
    log,
    command: serviceCommand({
      repoRoot: o.repoRoot ?? process.cwd(),
      execPath: process.execPath,
      inElectron: false,
      packaged: false,
      env: process.env,
      platform: process.platform,
      port: o.port ?? 7310,
      extraArgs: ['--token', token, ...(o.serviceArgs ?? [])],
    }),
  });
  let kiosk: LaunchResult | undefined;
  const launch = o.launch ?? launchKiosk;
  supervisor.onState((s) => {
    if (s.state !== 'ready' || kiosk) return;
    kiosk = launch({ url: laneUrl(s, o.mode ?? 'shopper'), headless: o.headless ?? false });
  });
  supervisor.start();
  return {
    supervisor,
    get kiosk() {
      return kiosk;
    },
    async stop() {
      await supervisor.stop();
      kiosk?.child?.kill('SIGTERM');
    },
  };
}
