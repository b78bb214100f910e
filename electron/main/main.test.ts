import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { IpcChannel } from '../../contracts/shell.ts';
import type { ServiceSource } from './main.ts';
import { ONE_MOMENT_URL } from './policy.ts';
import { LaneServiceSupervisor, type ServiceState } from '../../host/supervisor.ts';
import { FakeWebContents, app, fake } from '../testing/fake-electron.ts';
import { fakeHealth, fakeSpawner, flushPromises } from '../../host/testing/fake-child.ts';

vi.mock('electron', async () => (await import('../testing/fake-electron.ts')).electronModule);

const { startShell } = await import('./main.ts');

const READY: ServiceState = { state: 'ready', laneId: 'lane-1', url: 'http://127.0.0.1:7310', wsUrl: 'ws://127.0.0.1:7310/ws', token: 'tok' };
const LANE_PAGE = 'http://127.0.0.1:7310/?token=tok';

class FakeService implements ServiceSource {
  state: ServiceState = { state: 'stopped' };
  started = 0;
  stopped = 0;
  private listeners = new Set<(s: ServiceState) => void>();
  start(): void {
    this.started++;
    this.set({ state: 'starting', attempt: 0 });
  }
  stop(): Promise<void> {
    this.stopped++;
    this.set({ state: 'stopped' });
    return Promise.resolve();
  }
  onState(l: (s: ServiceState) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  set(s: ServiceState): void {
    this.state = s;
    for (const l of this.listeners) l(s);
  }
}

async function launch(opts: { production?: boolean; mode?: 'shopper' | 'attendant'; service?: ServiceSource } = {}) {
  const service = opts.service ?? new FakeService();
  const clock = new ManualClock();
  const shell = await startShell({
    args: { mode: opts.mode ?? 'shopper', production: opts.production ?? true, serviceArgs: [] },
    preloadPath: '/app/electron/dist/preload.cjs',
    service,
    clock,
    log: silentLogger,
  });
  const win = fake.lastWindow();
  return { shell, service, clock, win, wc: win.webContents };
}

async function launchReady(opts: { production?: boolean; mode?: 'shopper' | 'attendant' } = {}) {
  const l = await launch(opts);
  if (l.service instanceof FakeService) l.service.set(READY);
  return l;
}

beforeEach(() => fake.reset());

describe('startShell: the window', () => {
  it('opens one hardened kiosk window with the preload and no menu', async () => {
    const { win } = await launch();
    expect(fake.windows).toHaveLength(1);
    expect(win.options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
      autoHideMenuBar: true,
      webPreferences: { preload: '/app/electron/dist/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false },
    });
    expect(fake.menu).toEqual({ set: true, value: null });
    expect(win.menuRemoved).toBe(true);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('quits without a window when another shell holds the single-instance lock', async () => {
    app.lock = false;
    const shell = await startShell({ args: { mode: 'shopper', production: true, serviceArgs: [] }, preloadPath: 'p', service: new FakeService(), log: silentLogger });
    expect(shell).toBeUndefined();
    expect(fake.windows).toHaveLength(0);
    expect(app.quits).toBe(1);
  });

  it('keeps the display awake while the lane window is open', async () => {
    const { win } = await launch();
    expect([...fake.powerSaveBlocker.active.values()]).toEqual(['prevent-display-sleep']);
    win.emit('closed');
    expect(fake.powerSaveBlocker.active.size).toBe(0);
  });

  it('shows the one-moment page while starting, then the shopper UI with its token', async () => {
    const { service, wc } = await launch();
    expect(service instanceof FakeService && service.started).toBe(1);
    expect(wc.loaded).toEqual([ONE_MOMENT_URL]);
    if (service instanceof FakeService) service.set(READY);
    expect(wc.loaded).toEqual([ONE_MOMENT_URL, LANE_PAGE]);
  });

  it('opens the attendant UI with --attendant', async () => {
    const { wc } = await launchReady({ mode: 'attendant' });
    expect(wc.loaded.at(-1)).toBe('http://127.0.0.1:7310/attendant/?token=tok');
  });

  it('refuses to close the window in production but not while quitting', async () => {
    const { win, shell, service } = await launchReady();
    expect(win.fire('close')).toBe(true);
    await shell?.quit();
    expect(win.fire('close')).toBe(false);
    expect(service instanceof FakeService && service.stopped).toBe(1);
    expect(app.quits).toBe(1);
  });

  it('stops the service before the app quits', async () => {
    const { service } = await launchReady();
    const e = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    app.emit('before-quit', e);
    expect(e.defaultPrevented).toBe(true);
    await flushPromises();
    expect(app.quits).toBe(1);
    expect(service instanceof FakeService && service.stopped).toBe(1);
  });
});

describe('startShell: guards', () => {
  it('allows navigation within the lane origin and denies every other', async () => {
    const { wc } = await launchReady();
    expect(wc.navigate('will-navigate', 'http://127.0.0.1:7310/attendant/')).toBe(false);
    expect(wc.navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(wc.navigate('will-navigate', 'http://127.0.0.1:7311/')).toBe(true);
    expect(wc.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(wc.navigate('will-redirect', 'https://example.com/')).toBe(true);
    expect(wc.navigate('will-frame-navigate', 'https://example.com/')).toBe(true);
  });

  it('denies all navigation while the service is not ready', async () => {
    const { wc } = await launch();
    expect(wc.navigate('will-navigate', 'http://127.0.0.1:7310/')).toBe(true);
  });

  it('denies new windows and webviews', async () => {
    const { wc } = await launchReady();
    expect(wc.windowOpenHandler?.({ url: 'http://127.0.0.1:7310/other' })).toEqual({ action: 'deny' });
    expect(wc.fire('will-attach-webview', {}, {})).toBe(true);
  });

  it('guards any other webContents that gets created', async () => {
    await launchReady();
    const other = new FakeWebContents();
    app.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(other.navigate('will-navigate', 'https://example.com/')).toBe(true);
  });

  it('denies every permission request, permission check and device', async () => {
    await launchReady();
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'hid', 'serial', 'openExternal']) {
      fake.session.permissionRequestHandler?.({}, p, (granted) => answers.push(granted), {});
    }
    expect(answers).toEqual([false, false, false, false, false, false]);
    expect(fake.session.permissionCheckHandler?.({}, 'media', 'http://127.0.0.1:7310')).toBe(false);
    expect(fake.session.devicePermissionHandler?.({})).toBe(false);
  });

  it('cancels requests outside the lane origin and adds the CSP to lane responses', async () => {
    await launchReady();
    expect(fake.session.request('https://cdn.example.com/x.js')).toEqual({ cancel: true });
    expect(fake.session.request('http://127.0.0.1:7310/assets/app.js')).toEqual({ cancel: false });
    expect(fake.session.request('ws://127.0.0.1:7310/ws?token=tok')).toEqual({ cancel: false });
    const answer = fake.session.headers('http://127.0.0.1:7310/', { 'content-type': ['text/html'] });
    expect(answer.responseHeaders).toMatchObject({ 'content-type': ['text/html'], 'Content-Security-Policy': [expect.stringContaining("default-src 'self'")] });
  });

  it('blocks reload and devtools shortcuts in production', async () => {
    const { wc } = await launchReady();
    expect(wc.key({ key: 'r', control: true })).toBe(true);
    expect(wc.key({ key: 'F5' })).toBe(true);
    expect(wc.key({ key: 'I', control: true, shift: true })).toBe(true);
    expect(wc.key({ key: 'F12' })).toBe(true);
    expect(wc.key({ key: 'w', control: true })).toBe(true);
    expect(wc.key({ key: 'F4', alt: true })).toBe(true);
    expect(wc.key({ key: '5' })).toBe(false);
  });

  it('lets every shortcut through in development', async () => {
    const { wc, win } = await launchReady({ production: false });
    expect(wc.key({ key: 'r', control: true })).toBe(false);
    expect(wc.key({ key: 'F12' })).toBe(false);
    expect(win.options).toMatchObject({ webPreferences: { devTools: true } });
  });
});

describe('startShell: IPC', () => {
  it('answers the connection request from the lane page', async () => {
    await launchReady();
    expect(fake.ipcMain.invoke(IpcChannel.connection, 'http://127.0.0.1:7310/?token=tok')).toEqual({
      ok: true,
      value: { url: 'http://127.0.0.1:7310', wsUrl: 'ws://127.0.0.1:7310/ws', token: 'tok' },
    });
  });

  it('rejects the connection request from a foreign or missing sender', async () => {
    await launchReady();
    for (const frame of ['https://evil.example/', 'http://127.0.0.1:9999/', ONE_MOMENT_URL, null]) {
      expect(fake.ipcMain.invoke(IpcChannel.connection, frame)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
  });

  it('pushes service states to the renderer without the token', async () => {
    const { wc, service } = await launchReady();
    if (service instanceof FakeService) service.set({ state: 'restarting', reason: 'exited', detail: 'code 1', attempt: 1, delayMs: 500 });
    expect(wc.sent.map((m) => m.payload)).toEqual([{ state: 'starting' }, { state: 'ready' }, { state: 'restarting', attempt: 1, delayMs: 500 }]);
    expect(wc.sent.every((m) => m.channel === IpcChannel.serviceState)).toBe(true);
  });
});

describe('startShell: recovery', () => {
  it('reloads the lane page when the renderer crashes', async () => {
    const { wc, clock } = await launchReady();
    wc.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    clock.advance(0);
    expect(wc.loaded).toEqual([ONE_MOMENT_URL, LANE_PAGE, LANE_PAGE]);
  });

  it('does not reload after a clean renderer exit', async () => {
    const { wc, clock } = await launchReady();
    wc.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    clock.advance(60_000);
    expect(wc.loaded).toEqual([ONE_MOMENT_URL, LANE_PAGE]);
  });

  it('crashes and reloads a renderer unresponsive for more than 10 s', async () => {
    const { wc, win, clock } = await launchReady();
    win.emit('unresponsive');
    clock.advance(9_999);
    expect(wc.crashes).toBe(0);
    clock.advance(1);
    expect(wc.crashes).toBe(1);
    expect(wc.loaded.at(-1)).toBe(LANE_PAGE);
    expect(wc.loaded).toHaveLength(3);
  });

  it('leaves a renderer alone that becomes responsive in time', async () => {
    const { wc, win, clock } = await launchReady();
    win.emit('unresponsive');
    clock.advance(5_000);
    win.emit('responsive');
    clock.advance(60_000);
    expect(wc.crashes).toBe(0);
    expect(wc.loaded).toHaveLength(2);
  });

  it('shows the one-moment page while the service restarts and the new lane page when it is back', async () => {
    const clock = new ManualClock();
    const spawner = fakeSpawner();
    const supervisor = new LaneServiceSupervisor({ command: { command: 'node', args: [], cwd: '/', env: {} }, spawn: spawner.spawn, fetch: fakeHealth().fetch, clock, log: silentLogger });
    const { wc } = await launch({ service: supervisor });
    spawner.last().printReady(7310, 'tok');
    expect(wc.loaded).toEqual([ONE_MOMENT_URL, LANE_PAGE]);
    spawner.last().exit(1);
    expect(wc.loaded.at(-1)).toBe(ONE_MOMENT_URL);
    clock.advance(500);
    spawner.last().printReady(7320, 'new');
    expect(wc.loaded).toEqual([ONE_MOMENT_URL, LANE_PAGE, ONE_MOMENT_URL, 'http://127.0.0.1:7320/?token=new']);
    expect(fake.ipcMain.invoke(IpcChannel.connection, LANE_PAGE)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await supervisor.stop();
  });
});
