import { describe, expect, it } from 'vitest';
import { chooseKioskMode, chromiumArgs, findElectronBinary, launchKiosk, type LaunchChild, type LauncherProbe } from './launcher.ts';

function probe(files: Record<string, string>, env: NodeJS.ProcessEnv = {}, electronDir: string | undefined = '/repo/node_modules/electron'): LauncherProbe {
  return {
    env,
    platform: 'linux',
    exists: (p) => p in files,
    readFile: (p) => files[p],
    electronPackageDir: () => electronDir,
  };
}

const ELECTRON = '/repo/node_modules/electron/dist/electron';
const withElectron = { '/repo/node_modules/electron/path.txt': 'electron', [ELECTRON]: '' };

describe('chooseKioskMode', () => {
  it('chooses electron when the package has its binary', () => {
    expect(chooseKioskMode(probe(withElectron))).toMatchObject({ mode: 'electron', executable: ELECTRON });
  });

  it('does not choose electron when path.txt exists but the binary was never downloaded', () => {
    expect(chooseKioskMode(probe({ '/repo/node_modules/electron/path.txt': 'electron' })).mode).toBe('print');
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const p = probe({ '/opt/electron/electron': '' }, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, undefined);
    expect(findElectronBinary(p)).toBe('/opt/electron/electron');
  });

  it('falls back to chromium from LANE_CHROMIUM before the usual paths', () => {
    const p = probe({ '/opt/chrome/chrome': '', '/usr/bin/chromium': '' }, { LANE_CHROMIUM: '/opt/chrome/chrome' });
    expect(chooseKioskMode(p)).toMatchObject({ mode: 'chromium', executable: '/opt/chrome/chrome' });
  });

  it('finds chromium at /usr/bin/chromium-browser', () => {
    expect(chooseKioskMode(probe({ '/usr/bin/chromium-browser': '' }))).toMatchObject({ mode: 'chromium', executable: '/usr/bin/chromium-browser' });
  });

  it('chooses print when nothing is installed, saying how to fix it', () => {
    expect(chooseKioskMode(probe({}))).toEqual({ mode: 'print', reason: expect.stringContaining('LANE_CHROMIUM') });
  });
});

describe('launchKiosk', () => {
  const url = 'http://127.0.0.1:7310/?token=t';
  function recorder() {
    const calls: Array<{ command: string; args: string[] }> = [];
    const lines: string[] = [];
    const child: LaunchChild = { pid: 1, kill: () => true, on: () => undefined };
    return { calls, lines, say: (l: string) => lines.push(l), spawn: (command: string, args: string[]) => (calls.push({ command, args }), child) };
  }

  it('launches chromium in kiosk app mode without background traffic', () => {
    const r = recorder();
    const res = launchKiosk({ url, probe: probe({ '/usr/bin/chromium': '' }), spawn: r.spawn, say: r.say });
    expect(res.mode).toBe('chromium');
    expect(res.child).toBeDefined();
    expect(r.calls[0]?.command).toBe('/usr/bin/chromium');
    expect(r.calls[0]?.args).toEqual(expect.arrayContaining(['--kiosk', `--app=${url}`, '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']));
    expect(r.lines).toEqual([expect.stringMatching(/^kiosk: chromium .*\/usr\/bin\/chromium/)]);
  });

  it('launches the electron shell attached to the running service', () => {
    const r = recorder();
    launchKiosk({ url, probe: probe(withElectron), spawn: r.spawn, say: r.say, shellEntry: '/repo/electron/dist/main.mjs' });
    expect(r.calls).toEqual([{ command: ELECTRON, args: ['/repo/electron/dist/main.mjs', `--lane-url=${url}`] }]);
  });

  it('launches nothing when headless, but still says which mode it chose', () => {
    const r = recorder();
    const res = launchKiosk({ url, headless: true, probe: probe({ '/usr/bin/chromium': '' }), spawn: r.spawn, say: r.say });
    expect(res).toEqual({ mode: 'chromium' });
    expect(r.calls).toEqual([]);
    expect(r.lines[0]).toMatch(/^kiosk: chromium .*headless.*http:\/\/127\.0\.0\.1:7310/);
  });

  it('prints the address when nothing can show it', () => {
    const r = recorder();
    expect(launchKiosk({ url, probe: probe({}), spawn: r.spawn, say: r.say })).toEqual({ mode: 'print' });
    expect(r.lines).toEqual([expect.stringContaining(`Open ${url}`)]);
  });

  it('degrades an explicit mode that is not installed to print', () => {
    const r = recorder();
    expect(launchKiosk({ url, mode: 'electron', probe: probe({}), spawn: r.spawn, say: r.say }).mode).toBe('print');
    expect(r.calls).toEqual([]);
  });
});

describe('chromiumArgs', () => {
  it('uses a dedicated profile directory', () => {
    expect(chromiumArgs('http://x/', '/tmp/p')).toContain('--user-data-dir=/tmp/p');
  });
});
