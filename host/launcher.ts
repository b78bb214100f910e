/**
 * Runs: node (no Electron import). Decides how `npm start` shows the lane UI:
 * - 'electron': an Electron binary is installed → the kiosk shell (electron/dist/main.mjs)
 *   attached to the running service with `--lane-url`;
 * - 'chromium': a Chromium/Chrome is found → `--kiosk --app=<url>` in its own profile;
 * - 'print': neither → print the address to open.
 * Headless (CI, tests) never launches anything. It always says which mode it chose and why.
 *
 * Never `require('electron')` here: in plain Node that module *downloads* a missing binary.
 */
import { spawn as nodeSpawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type KioskMode = 'electron' | 'chromium' | 'print';

export interface KioskChoice {
  mode: KioskMode;
  /** The Electron or Chromium executable (absent for 'print'). */
  executable?: string;
  /** One line saying why. */
  reason: string;
}

/** What the choice looks at; tests inject all of it. */
export interface LauncherProbe {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  exists(path: string): boolean;
  readFile(path: string): string | undefined;
  /** Directory of the installed `electron` npm package, if any. */
  electronPackageDir(): string | undefined;
}

export const nodeProbe: LauncherProbe = {
  env: process.env,
  platform: process.platform,
  exists: (p) => existsSync(p),
  readFile: (p) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  electronPackageDir: () => {
    try {
      return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    } catch {
      return undefined;
    }
  },
};

/** The Electron executable, found the way the `electron` package's index.js does, without its download. */
export function findElectronBinary(probe: LauncherProbe): string | undefined {
  const dir = probe.electronPackageDir();
  const relative = dir ? probe.readFile(join(dir, 'path.txt'))?.trim() : undefined;
  const override = probe.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const p = join(override, relative || (probe.platform === 'win32' ? 'electron.exe' : 'electron'));
    return probe.exists(p) ? p : undefined;
  }
  if (!dir || !relative) return undefined;
  const p = join(dir, 'dist', relative);
  return probe.exists(p) ? p : undefined;
}

const CHROMIUM_PATHS: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'],
  darwin: ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
  win32: ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe'],
};

/** `LANE_CHROMIUM`, then `CHROMIUM_PATH`, then the usual install locations. */
export function findChromium(probe: LauncherProbe): string | undefined {
  const candidates = [probe.env.LANE_CHROMIUM, probe.env.CHROMIUM_PATH, ...(CHROMIUM_PATHS[probe.platform] ?? [])];
  return candidates.find((p): p is string => !!p && probe.exists(p));
}

export function chooseKioskMode(probe: LauncherProbe = nodeProbe): KioskChoice {
  const electron = findElectronBinary(probe);
  if (electron) return { mode: 'electron', executable: electron, reason: `Electron binary at ${electron}` };
  const chromium = findChromium(probe);
  if (chromium) return { mode: 'chromium', executable: chromium, reason: `no Electron binary; Chromium at ${chromium}` };
  return { mode: 'print', reason: 'no Electron binary and no Chromium (set LANE_CHROMIUM to a browser executable)' };
}

/** Chromium as a kiosk: one app window, no first-run, no background traffic to Google. */
export function chromiumArgs(url: string, userDataDir: string): string[] {
  return [
    '--kiosk',
    `--app=${url}`,
    `--user-data-dir=${userDataDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-translate',
    '--disable-features=Translate',
    '--disable-session-crashed-bubble',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    '--noerrdialogs',
    '--autoplay-policy=no-user-gesture-required',
  ];
}

export interface LaunchChild {
  readonly pid?: number | undefined;
  kill(signal?: NodeJS.Signals): boolean;
  on(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
}

export interface LaunchOptions {
  /** The UI address including its token: `http://127.0.0.1:7310/?token=T`. */
  url: string;
  /** Default: `chooseKioskMode()`. */
  mode?: KioskMode | KioskChoice;
  /** CI/tests: choose, say so, launch nothing. */
  headless?: boolean;
  /** The built shell entry for 'electron' (default electron/dist/main.mjs next to this file). */
  shellEntry?: string;
  spawn?: (command: string, args: string[]) => LaunchChild;
  probe?: LauncherProbe;
  /** Where the one-line announcement goes (default stdout). */
  say?: (line: string) => void;
}

export interface LaunchResult {
  mode: KioskMode;
  child?: LaunchChild;
}

const defaultSpawn = (command: string, args: string[]): ChildProcess => nodeSpawn(command, args, { stdio: 'ignore' });

export function launchKiosk(o: LaunchOptions): LaunchResult {
  const say = o.say ?? ((line: string) => process.stdout.write(`${line}\n`));
  const probe = o.probe ?? nodeProbe;
  const choice = resolveChoice(o.mode, probe);
  if (o.headless) {
    say(`kiosk: ${choice.mode} (${choice.reason}); headless, so nothing is launched. The lane is at ${o.url}`);
    return { mode: choice.mode };
  }
  if (choice.mode === 'print' || !choice.executable) {
    say(`kiosk: print (${choice.reason}). Open ${o.url}`);
    return { mode: 'print' };
  }
  const spawn = o.spawn ?? defaultSpawn;
  if (choice.mode === 'electron') {
    const entry = o.shellEntry ?? join(dirname(fileURLToPath(import.meta.url)), '../electron/dist/main.mjs');
    say(`kiosk: electron (${choice.reason}) showing ${o.url}`);
    return { mode: 'electron', child: spawn(choice.executable, [entry, `--lane-url=${o.url}`]) };
  }
  say(`kiosk: chromium (${choice.reason}) showing ${o.url}`);
  return { mode: 'chromium', child: spawn(choice.executable, chromiumArgs(o.url, join(tmpdir(), 'lane-kiosk-profile'))) };
}

function resolveChoice(mode: KioskMode | KioskChoice | undefined, probe: LauncherProbe): KioskChoice {
  if (mode === undefined) return chooseKioskMode(probe);
  if (typeof mode !== 'string') return mode;
  if (mode === 'print') return { mode, reason: 'asked for' };
  const executable = mode === 'electron' ? findElectronBinary(probe) : findChromium(probe);
  return executable ? { mode, executable, reason: `asked for; ${executable}` } : { mode: 'print', reason: `asked for ${mode}, but none is installed` };
}
