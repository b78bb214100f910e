/**
 * Runs: pure. Every security decision of the kiosk shell, as plain functions; main.ts only
 * wires them to Electron. Follows Electron's security checklist
 * (https://www.electronjs.org/docs/latest/tutorial/security): context isolation, sandbox,
 * no Node in the renderer, a strict CSP, navigation/new windows/permissions denied, IPC
 * senders validated, and only the loopback lane origin ever loaded.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { fail, ok, type Result } from '../../contracts/errors.ts';
import type { LaneConnection, ShellServiceState } from '../../contracts/shell.ts';
import { isLoopbackUrl } from '../../host/loopback.ts';
import type { ServiceState } from '../../host/supervisor.ts';

export { isLoopbackUrl };

export type ShellMode = 'shopper' | 'attendant';

export const BACKGROUND_COLOR = '#10151c';

/** The kiosk window: fullscreen, frameless, and a renderer with no way out of its sandbox. */
export function windowOptions(mode: ShellMode, preloadPath: string, production = true): BrowserWindowConstructorOptions {
  return {
    title: mode === 'attendant' ? 'Lane attendant' : 'Lane',
    show: false,
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: BACKGROUND_COLOR,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: !production,
    },
  };
}

/** `http://127.0.0.1:7310` for any URL on that origin; undefined for garbage. */
export function originOf(url: string): string | undefined {
  try {
    const o = new URL(url).origin;
    return o === 'null' ? undefined : o;
  } catch {
    return undefined;
  }
}

/** `will-navigate` / `will-redirect`: only within the lane origin. */
export function isAllowedNavigation(url: string, laneOrigin: string | undefined): boolean {
  return laneOrigin !== undefined && originOf(url) === laneOrigin;
}

/**
 * Every request the session makes: the lane origin, its WebSocket, `data:` (images and the
 * local "one moment" page) and, in development only, devtools. No remote content.
 */
export function isAllowedRequest(url: string, laneOrigin: string | undefined, production: boolean): boolean {
  if (url.startsWith('data:')) return true;
  if (!production && url.startsWith('devtools:')) return true;
  if (laneOrigin === undefined) return false;
  const o = originOf(url);
  return o === laneOrigin || o === wsOrigin(laneOrigin);
}

function wsOrigin(httpOrigin: string): string {
  return httpOrigin.replace(/^http:/, 'ws:').replace(/^https:/, 'wss:');
}

/**
 * The Content-Security-Policy of lane pages. Styles come from the built CSS files (React sets
 * inline styles through CSSOM, which CSP allows), so `'unsafe-inline'` is off unless asked for.
 */
export function cspHeader(laneOrigin: string, options: { inlineStyles?: boolean } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `connect-src 'self' ${wsOrigin(laneOrigin)}`,
    "img-src 'self' data:",
    "media-src 'self'",
    "font-src 'self'",
    options.inlineStyles ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "object-src 'none'",
    "worker-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Response headers with our CSP added. A CSP the service sent itself is kept: the browser
 * enforces every policy, so adding ours can only make a page stricter, never looser.
 */
export function withCsp(headers: Record<string, string | string[]> | undefined, csp: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const existing: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') existing.push(...(Array.isArray(value) ? value : [value]));
    else out[name] = value;
  }
  out['Content-Security-Policy'] = [...existing, csp];
  out['X-Content-Type-Options'] = ['nosniff'];
  return out;
}

/** The fields of Electron's `Input` that matter here. */
export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

/** With Ctrl (or ⌘): reload, close, quit, new window/tab, print, open, save, find, history, view source, location, zoom. */
const MOD_KEYS = new Set(['r', 'w', 'q', 'n', 't', 'p', 'o', 's', 'f', 'g', 'h', 'j', 'u', 'l', '+', '=', '-', '0']);
/** With Ctrl+Shift (or ⌘⌥): devtools, inspect, console. */
const MOD_SHIFT_KEYS = new Set(['i', 'j', 'c', 'delete']);
/** With Alt: close window (Windows lets us see Alt+F4 here), back, forward, home. */
const ALT_KEYS = new Set(['f4', 'arrowleft', 'arrowright', 'home']);
const BROWSER_KEYS = new Set(['browserback', 'browserforward', 'browserrefresh', 'browserhome', 'browsersearch', 'browserstop']);

/**
 * True when `before-input-event` must swallow this key in production: reload (Ctrl+R, F5),
 * devtools (Ctrl+Shift+I, F12), close (Ctrl+W, Alt+F4), zoom, history, print… and every
 * function key (F1–F24), which the shopper UI never uses. Development blocks nothing.
 */
export function blockedShortcut(input: KeyInput, production: boolean): boolean {
  if (!production) return false;
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  const key = input.key.toLowerCase();
  if (/^f([1-9]|1[0-9]|2[0-4])$/.test(key)) return true;
  if (BROWSER_KEYS.has(key)) return true;
  const mod = input.control || input.meta;
  if (mod && (input.shift || input.alt) && MOD_SHIFT_KEYS.has(key)) return true;
  if (mod && MOD_KEYS.has(key)) return true;
  if (input.alt && ALT_KEYS.has(key)) return true;
  return false;
}

/** An IPC message is trusted only when its frame is on the lane origin. */
export function isTrustedSender(frameUrl: string | undefined, laneOrigin: string | undefined): boolean {
  return frameUrl !== undefined && laneOrigin !== undefined && originOf(frameUrl) === laneOrigin;
}

/** The `IpcChannel.connection` handler, minus Electron. */
export function connectionReply(
  frameUrl: string | undefined,
  laneOrigin: string | undefined,
  connection: LaneConnection | undefined,
): Result<LaneConnection> {
  if (!isTrustedSender(frameUrl, laneOrigin)) return fail('unauthorized', 'this page may not ask for the lane connection');
  if (!connection) return fail('notAllowed', 'the lane service is not ready');
  return ok(connection);
}

/** The supervisor state as the UI may see it (no token, no URL). */
export function toShellServiceState(s: ServiceState): ShellServiceState {
  switch (s.state) {
    case 'starting':
      return { state: 'starting' };
    case 'ready':
      return { state: 'ready' };
    case 'restarting':
      return { state: 'restarting', attempt: s.attempt, delayMs: s.delayMs };
    case 'stopped':
      return { state: 'stopped' };
  }
}

/** The page the kiosk window shows for a ready lane. */
export function laneUrl(connection: LaneConnection, mode: ShellMode): string {
  const u = new URL(mode === 'attendant' ? '/attendant/' : '/', connection.url);
  u.searchParams.set('token', connection.token);
  return u.href;
}

/**
 * `--lane-url=http://127.0.0.1:7310/?token=T` (a service someone else started): its
 * connection, or undefined unless it is a loopback http URL with a token.
 */
export function connectionFromUrl(url: string): LaneConnection | undefined {
  if (!isLoopbackUrl(url, 'http:')) return undefined;
  const u = new URL(url);
  const token = u.searchParams.get('token');
  if (!token) return undefined;
  return { url: u.origin, wsUrl: `${wsOrigin(u.origin)}/ws`, token };
}

export interface ShellArgs {
  mode: ShellMode;
  production: boolean;
  /** Attach to a running service instead of supervising one. */
  laneUrl?: string;
  /** Everything after `--`, passed on to the lane service. */
  serviceArgs: string[];
}

/** `--attendant`, `--dev` (ignored when packaged: a packaged shell is always production), `--lane-url=URL`, `-- <service args>`. */
export function parseShellArgs(argv: readonly string[], packaged: boolean): ShellArgs {
  const sep = argv.indexOf('--');
  const own = sep >= 0 ? argv.slice(0, sep) : argv;
  const laneUrlArg = own.find((a) => a.startsWith('--lane-url='));
  return {
    mode: own.includes('--attendant') ? 'attendant' : 'shopper',
    production: packaged || !own.includes('--dev'),
    ...(laneUrlArg ? { laneUrl: laneUrlArg.slice('--lane-url='.length) } : {}),
    serviceArgs: sep >= 0 ? argv.slice(sep + 1) : [],
  };
}

const ONE_MOMENT_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Lane</title>
<style>
html,body{margin:0;height:100%;background:${BACKGROUND_COLOR};color:#f2f4f7;font-family:system-ui,sans-serif;cursor:default;user-select:none}
main{height:100%;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:1.2rem;text-align:center}
h1{font-size:3.2rem;margin:0}p{font-size:1.6rem;margin:0;opacity:.8}
.spin{width:4rem;height:4rem;border:.5rem solid #ffffff33;border-top-color:#f2f4f7;border-radius:50%;animation:s 1.2s linear infinite}
@keyframes s{to{transform:rotate(1turn)}}
</style></head>
<body><main role="status" aria-live="polite">
<div class="spin" aria-hidden="true"></div>
<h1>One moment, please</h1>
<p lang="de">Einen Moment, bitte</p>
<p lang="ru">Одну минуту, пожалуйста</p>
<p lang="fa" dir="rtl">لطفاً یک لحظه صبر کنید</p>
</main></body></html>`;

/** The local page shown while the lane service is (re)starting. */
export const ONE_MOMENT_URL = `data:text/html;charset=utf-8,${encodeURIComponent(ONE_MOMENT_HTML)}`;
