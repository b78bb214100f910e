import { describe, expect, it } from 'vitest';
import {
  ONE_MOMENT_URL,
  blockedShortcut,
  connectionFromUrl,
  connectionReply,
  cspHeader,
  isAllowedNavigation,
  isAllowedRequest,
  isTrustedSender,
  laneUrl,
  parseShellArgs,
  toShellServiceState,
  windowOptions,
  withCsp,
  type KeyInput,
} from './policy.ts';

const ORIGIN = 'http://127.0.0.1:7310';
const CONNECTION = { url: ORIGIN, wsUrl: 'ws://127.0.0.1:7310/ws', token: 'tok' };

describe('windowOptions', () => {
  it('makes a frameless fullscreen kiosk with every renderer hardening on', () => {
    const o = windowOptions('shopper', '/p/preload.cjs');
    expect(o).toMatchObject({ kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true, show: false });
    expect(o.backgroundColor).toMatch(/^#[0-9a-f]{6}$/);
    expect(o.webPreferences).toEqual(
      expect.objectContaining({
        preload: '/p/preload.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        devTools: false,
      }),
    );
  });

  it('allows devtools only in development', () => {
    expect(windowOptions('attendant', 'p', false).webPreferences?.devTools).toBe(true);
  });
});

describe('isAllowedNavigation', () => {
  it.each([
    ['http://127.0.0.1:7310/attendant/?token=x', true],
    ['http://127.0.0.1:7311/', false],
    ['http://localhost:7310/', false],
    ['https://127.0.0.1:7310/', false],
    ['https://example.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedNavigation(url, ORIGIN)).toBe(allowed);
  });

  it('denies everything when no lane origin is known', () => {
    expect(isAllowedNavigation(`${ORIGIN}/`, undefined)).toBe(false);
  });
});

describe('isAllowedRequest', () => {
  it('allows the lane origin, its WebSocket and data: only', () => {
    expect(isAllowedRequest(`${ORIGIN}/assets/a.js`, ORIGIN, true)).toBe(true);
    expect(isAllowedRequest('ws://127.0.0.1:7310/ws?token=t', ORIGIN, true)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AA', ORIGIN, true)).toBe(true);
    expect(isAllowedRequest('https://fonts.example.com/f.woff2', ORIGIN, true)).toBe(false);
    expect(isAllowedRequest('ws://127.0.0.1:9999/ws', ORIGIN, true)).toBe(false);
  });

  it('allows devtools only in development', () => {
    expect(isAllowedRequest('devtools://devtools/bundled/x.js', ORIGIN, true)).toBe(false);
    expect(isAllowedRequest('devtools://devtools/bundled/x.js', ORIGIN, false)).toBe(true);
  });
});

describe('cspHeader and withCsp', () => {
  it('allows only self, the lane WebSocket and data: images', () => {
    const csp = cspHeader(ORIGIN);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:7310");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('allows inline styles only when asked', () => {
    expect(cspHeader(ORIGIN, { inlineStyles: true })).toContain("style-src 'self' 'unsafe-inline'");
  });

  it('adds our policy next to one the service sent, never replacing it', () => {
    const h = withCsp({ 'content-security-policy': "default-src 'none'", 'Content-Type': 'text/html' }, 'ours');
    expect(h['Content-Security-Policy']).toEqual(["default-src 'none'", 'ours']);
    expect(h['content-security-policy']).toBeUndefined();
    expect(h['Content-Type']).toBe('text/html');
  });
});

describe('blockedShortcut', () => {
  const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ type: 'keyDown', key: k, control: false, meta: false, alt: false, shift: false, ...mods });

  it.each([
    ['Ctrl+R', key('r', { control: true })],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true })],
    ['F5', key('F5')],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true })],
    ['Cmd+Alt+I', key('i', { meta: true, alt: true })],
    ['F12', key('F12')],
    ['Ctrl+W', key('w', { control: true })],
    ['Alt+F4', key('F4', { alt: true })],
    ['Ctrl+Q', key('q', { control: true })],
    ['Ctrl+P', key('p', { control: true })],
    ['Ctrl+= (zoom)', key('=', { control: true })],
    ['Alt+Left (back)', key('ArrowLeft', { alt: true })],
    ['BrowserBack', key('BrowserBack')],
    ['F11', key('F11')],
  ])('blocks %s in production', (_name, input) => {
    expect(blockedShortcut(input, true)).toBe(true);
    expect(blockedShortcut(input, false)).toBe(false);
  });

  it.each([
    ['digits typed into a PIN', key('7')],
    ['Enter from a keyboard-wedge scanner', key('Enter')],
    ['Backspace', key('Backspace')],
    ['Ctrl+C', key('c', { control: true })],
    ['Shift+A', key('A', { shift: true })],
  ])('lets %s through', (_name, input) => {
    expect(blockedShortcut(input, true)).toBe(false);
  });

  it('only looks at key presses, not releases', () => {
    expect(blockedShortcut({ ...key('F5'), type: 'keyUp' }, true)).toBe(false);
  });
});

describe('IPC sender and connection reply', () => {
  it('trusts only frames on the lane origin', () => {
    expect(isTrustedSender(`${ORIGIN}/?token=t`, ORIGIN)).toBe(true);
    expect(isTrustedSender('https://evil.example/', ORIGIN)).toBe(false);
    expect(isTrustedSender(ONE_MOMENT_URL, ORIGIN)).toBe(false);
    expect(isTrustedSender(undefined, ORIGIN)).toBe(false);
    expect(isTrustedSender(`${ORIGIN}/`, undefined)).toBe(false);
  });

  it('returns the connection to the lane page only', () => {
    expect(connectionReply(`${ORIGIN}/`, ORIGIN, CONNECTION)).toEqual({ ok: true, value: CONNECTION });
    expect(connectionReply('https://evil.example/', ORIGIN, CONNECTION)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(connectionReply(`${ORIGIN}/`, ORIGIN, undefined)).toMatchObject({ ok: false, error: { code: 'notAllowed' } });
  });

  it('never hands the token to the UI with a service state', () => {
    const s = toShellServiceState({ state: 'ready', laneId: 'l', url: ORIGIN, wsUrl: CONNECTION.wsUrl, token: 'secret' });
    expect(JSON.stringify(s)).not.toContain('secret');
  });
});

describe('laneUrl, connectionFromUrl, parseShellArgs', () => {
  it('puts the token in the query of the shopper or attendant page', () => {
    expect(laneUrl(CONNECTION, 'shopper')).toBe('http://127.0.0.1:7310/?token=tok');
    expect(laneUrl({ ...CONNECTION, token: 'a b' }, 'attendant')).toBe('http://127.0.0.1:7310/attendant/?token=a+b');
  });

  it('accepts --lane-url only for a loopback address with a token', () => {
    expect(connectionFromUrl('http://127.0.0.1:7310/?token=tok')).toEqual(CONNECTION);
    expect(connectionFromUrl('http://example.com/?token=tok')).toBeUndefined();
    expect(connectionFromUrl('http://127.0.0.1:7310/')).toBeUndefined();
  });

  it('parses the shell flags and passes the rest to the service', () => {
    expect(parseShellArgs(['.', '--attendant', '--dev', '--', '--data', '/d'], false)).toEqual({ mode: 'attendant', production: false, serviceArgs: ['--data', '/d'] });
    expect(parseShellArgs(['--lane-url=http://127.0.0.1:1/?token=t'], false)).toMatchObject({ mode: 'shopper', production: true, laneUrl: 'http://127.0.0.1:1/?token=t' });
  });

  it('ignores --dev in a packaged shell', () => {
    expect(parseShellArgs(['--dev'], true).production).toBe(true);
  });
});

describe('ONE_MOMENT_URL', () => {
  it('is a self-contained page that loads nothing', () => {
    const html = decodeURIComponent(ONE_MOMENT_URL.slice(ONE_MOMENT_URL.indexOf(',') + 1));
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script|src=|href=/);
  });
});
