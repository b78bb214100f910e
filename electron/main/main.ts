/**
 * Runs: Electron main. Wires the kiosk window, its guards (policy.ts), the renderer
 * watchdog (recovery.ts) and the lane service supervisor (supervisor.ts) together. Every
 * decision lives in those files; this one only connects them to Electron.
 *
 *   electron electron/dist/main.mjs [--attendant] [--dev] [--lane-url=URL] [-- service args]
 */
import { BrowserWindow, Menu, app, ipcMain, powerSaveBlocker, session, type Session, type WebContents } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock, type Clock } from '../../core/clock.ts';
import { createLogger, type Logger } from '../../core/log.ts';
import { IpcChannel, type LaneConnection } from '../../contracts/shell.ts';
import {
  ONE_MOMENT_URL,
  blockedShortcut,
  connectionFromUrl,
  connectionReply,
  cspHeader,
  isAllowedNavigation,
  isAllowedRequest,
  laneUrl,
  originOf,
  parseShellArgs,
  toShellServiceState,
  windowOptions,
  withCsp,
  type ShellArgs,
} from './policy.ts';
import { RendererWatchdog } from './recovery.ts';
import { LaneServiceSupervisor, serviceCommand, type ServiceState } from '../../host/supervisor.ts';

/** What the shell needs from a lane service: the supervisor, or an attached running one. */
export interface ServiceSource {
  readonly state: ServiceState;
  start(): void;
  stop(): Promise<void>;
  onState(listener: (s: ServiceState) => void): () => void;
}

/** A service somebody else started and supervises (`--lane-url`): always ready. */
export class AttachedService implements ServiceSource {
  readonly state: ServiceState;
  constructor(connection: LaneConnection) {
    this.state = { state: 'ready', laneId: 'attached', ...connection };
  }
  start(): void {}
  stop(): Promise<void> {
    return Promise.resolve();
  }
  onState(): () => void {
    return () => {};
  }
}

export interface ShellOptions {
  args: ShellArgs;
  preloadPath: string;
  service: ServiceSource;
  clock?: Clock;
  log?: Logger;
  /** Reload a renderer unresponsive for this long (default 10 s). */
  unresponsiveMs?: number;
}

export interface Shell {
  readonly window: BrowserWindow;
  /** Stop the service and quit. */
  quit(): Promise<void>;
}

type OriginGetter = () => string | undefined;

/** Deny every permission, device chooser and download; block non-lane requests; add the CSP. */
export function hardenSession(ses: Session, getOrigin: OriginGetter, production: boolean, log: Logger): void {
  ses.setPermissionRequestHandler((_wc, permission, callback) => {
    log.warn({ permission }, 'permission request denied');
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event, item) => {
    log.warn({ url: item.getURL() }, 'download denied');
    event.preventDefault();
  });
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, getOrigin(), production);
    if (!allowed) log.warn({ url: details.url }, 'request outside the lane origin blocked');
    callback({ cancel: !allowed });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    const origin = getOrigin();
    if (!origin) return callback({ cancel: true });
    callback({ responseHeaders: withCsp(details.responseHeaders, cspHeader(origin)) });
  });
}

const guarded = new WeakSet<WebContents>();

/** Guards for any webContents: no new windows, no navigation off the lane origin, no webviews, no devtools/reload keys in production. */
export function guardWebContents(contents: WebContents, getOrigin: OriginGetter, production: boolean, log: Logger): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  contents.setWindowOpenHandler(({ url }) => {
    log.warn({ url }, 'new window denied');
    return { action: 'deny' };
  });
  const navigation = (kind: string) => (event: { url: string; preventDefault(): void }) => {
    if (isAllowedNavigation(event.url, getOrigin())) return;
    log.warn({ url: event.url, kind }, 'navigation denied');
    event.preventDefault();
  };
  contents.on('will-navigate', navigation('will-navigate'));
  contents.on('will-redirect', navigation('will-redirect'));
  contents.on('will-frame-navigate', navigation('will-frame-navigate'));
  contents.on('will-attach-webview', (event) => {
    log.warn('webview denied');
    event.preventDefault();
  });
  contents.on('before-input-event', (event, input) => {
    if (blockedShortcut(input, production)) event.preventDefault();
  });
}

/**
 * Start the kiosk shell: single instance, hardened session, kiosk window on the lane
 * service (a local "one moment" page while it is not ready), crash and hang recovery.
 * Returns undefined when another shell already runs.
 */
export async function startShell(o: ShellOptions): Promise<Shell | undefined> {
  const log = o.log ?? createLogger('shell');
  const clock = o.clock ?? systemClock;
  const { mode, production } = o.args;

  if (!app.requestSingleInstanceLock()) {
    log.warn('another lane shell is already running; quitting');
    app.quit();
    return undefined;
  }
  await app.whenReady();
  Menu.setApplicationMenu(null);

  let connection: LaneConnection | undefined;
  let origin: string | undefined;
  const getOrigin = (): string | undefined => origin;

  hardenSession(session.defaultSession, getOrigin, production, log);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, getOrigin, production, log));
  ipcMain.handle(IpcChannel.connection, (event) => {
    const reply = connectionReply(event.senderFrame?.url, origin, connection);
    if (!reply.ok) log.warn({ frame: event.senderFrame?.url, error: reply.error }, 'lane connection request refused');
    return reply;
  });

  const win = new BrowserWindow(windowOptions(mode, o.preloadPath, production));
  guardWebContents(win.webContents, getOrigin, production, log);
  win.removeMenu();
  win.once('ready-to-show', () => win.show());

  const blocker = powerSaveBlocker.start('prevent-display-sleep');
  let quitting = false;
  let stopped = false;
  win.on('close', (event) => {
    if (production && !quitting) {
      log.warn('window close refused: the lane stays open');
      event.preventDefault();
    }
  });
  win.on('closed', () => {
    watchdog.dispose();
    if (powerSaveBlocker.isStarted(blocker)) powerSaveBlocker.stop(blocker);
  });

  let shown: string | undefined;
  const target = (): string => (connection ? laneUrl(connection, mode) : ONE_MOMENT_URL);
  const load = (force: boolean): void => {
    const url = target();
    if (win.isDestroyed() || (!force && url === shown)) return;
    shown = url;
    win.loadURL(url).catch((err: unknown) => log.warn({ err }, 'page load failed'));
  };

  const watchdog = new RendererWatchdog({
    clock,
    log,
    unresponsiveMs: o.unresponsiveMs,
    reload: () => load(true),
    crash: () => win.webContents.forcefullyCrashRenderer(),
  });
  win.webContents.on('render-process-gone', (_event, details) => watchdog.onGone(details));
  win.webContents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    // -3 is ERR_ABORTED: a navigation we replaced ourselves.
    if (isMainFrame && errorCode !== -3) watchdog.onGone({ reason: `load-failed: ${errorDescription} (${validatedURL})`, exitCode: errorCode });
  });
  win.on('unresponsive', () => watchdog.onUnresponsive());
  win.on('responsive', () => watchdog.onResponsive());

  const onService = (s: ServiceState): void => {
    if (s.state === 'ready') {
      connection = { url: s.url, wsUrl: s.wsUrl, token: s.token };
      origin = originOf(s.url);
    } else {
      connection = undefined;
      origin = undefined;
    }
    if (!win.isDestroyed()) win.webContents.send(IpcChannel.serviceState, toShellServiceState(s));
    load(false);
  };
  o.service.onState(onService);

  const quit = async (): Promise<void> => {
    if (stopped) return;
    quitting = true;
    await o.service.stop();
    stopped = true;
    app.quit();
  };
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    void quit();
  });
  app.on('window-all-closed', () => void quit());
  app.on('second-instance', () => {
    if (win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  load(false);
  if (o.service.state.state === 'ready') onService(o.service.state);
  o.service.start();
  log.info({ mode, production }, 'lane shell started');
  return { window: win, quit };
}

async function main(): Promise<void> {
  const log = createLogger('shell');
  app.enableSandbox();
  const args = parseShellArgs(process.argv.slice(1), app.isPackaged);
  let service: ServiceSource;
  if (args.laneUrl) {
    const connection = connectionFromUrl(args.laneUrl);
    if (!connection) {
      log.fatal({ laneUrl: args.laneUrl }, '--lane-url must be http://127.0.0.1:PORT/?token=T');
      app.exit(2);
      return;
    }
    service = new AttachedService(connection);
  } else {
    const extraArgs = app.isPackaged ? ['--data', join(app.getPath('userData'), 'lane-data'), ...args.serviceArgs] : args.serviceArgs;
    service = new LaneServiceSupervisor({
      command: serviceCommand({
        repoRoot: process.env.LANE_ROOT ?? process.cwd(),
        execPath: process.execPath,
        inElectron: true,
        packaged: app.isPackaged,
        resourcesPath: process.resourcesPath,
        env: process.env,
        platform: process.platform,
        extraArgs,
      }),
      log: createLogger('supervisor'),
    });
  }
  const shell = await startShell({ args, service, log, preloadPath: join(dirname(fileURLToPath(import.meta.url)), 'preload.cjs') });
  if (!shell) return;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void shell.quit());
}

// Only when Electron runs this file (tests import it with a fake 'electron').
if (process.versions.electron !== undefined && process.type === 'browser') {
  main().catch((err: unknown) => {
    createLogger('shell').fatal({ err }, 'lane shell failed to start');
    app.exit(1);
  });
}
