/**
 * Renders every shopper screen to PNG in docs/screens/ with no lane service:
 * a tiny static server serves renderer/dist/ and a tiny WebSocket server plays fixture views
 * (renderer/shared/fixtures.ts) and answers catalogue queries. Chromium via playwright-core.
 *
 *   npm run build:ui && npx tsx scripts/screens.ts [--only scanning] [--out docs/screens]
 *
 * Also audits touch targets: any visible button smaller than 64×64 CSS px is reported.
 */
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { WebSocketServer } from 'ws';
import type { Language } from '../contracts/catalogue.ts';
import { ClientMessage, type ServerMessage } from '../contracts/protocol.ts';
import { buildView, DEMO_CATEGORIES, DEMO_HITS, type FixtureName } from '../renderer/shared/fixtures.ts';

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'renderer', 'dist');
const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const outDir = resolve(root, arg('out') ?? 'docs/screens');
const only = arg('only');

type Mode = 'hc' | 'large' | 'lowReach';
interface Shot {
  file: string;
  fixture: FixtureName;
  language: Language;
  width: number;
  height: number;
  modes?: Mode[];
  lines?: number;
  waitFor?: string;
  click?: string;
}

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
const SMALL = { width: 1024, height: 768 };

const EN_SCREENS: Array<[string, FixtureName, string?]> = [
  ['attract', 'attract'],
  ['scanning', 'scanning'],
  ['produce', 'produceWeighing', '.tile'],
  ['blocked', 'blocked'],
  ['payment', 'payment'],
  ['declined', 'declined'],
  ['paying', 'paying'],
  ['thanks', 'thanks', '[data-testid=qr]'],
  ['thanks-failed', 'thanksFailed', '[data-testid=qr]'],
  ['attendant', 'attendant'],
  ['outofservice', 'outOfService'],
  ['stillthere', 'stillThere'],
];

const shots: Shot[] = [
  // Every screen in every language.
  ...(['en', 'de', 'ru', 'fa'] as const).flatMap((language) =>
    EN_SCREENS.map(([file, fixture, waitFor]): Shot => ({ file: `${file}-${language}`, fixture, language, ...PORTRAIT, ...(waitFor ? { waitFor } : {}) })),
  ),
  { file: 'produce-fa', fixture: 'produceWeighing', language: 'fa', ...PORTRAIT, waitFor: '.tile', click: 'role=tab[name="جستجو با نام"]' },
  { file: 'scanning-en-landscape', fixture: 'scanning', language: 'en', ...LANDSCAPE, lines: 12 },
  { file: 'attract-en-landscape', fixture: 'attract', language: 'en', ...LANDSCAPE },
  { file: 'produce-en-landscape', fixture: 'produceWeighing', language: 'en', ...LANDSCAPE, waitFor: '.tile' },
  { file: 'payment-en-1024', fixture: 'declined', language: 'en', ...SMALL },
  { file: 'scanning-en-1024', fixture: 'scanning', language: 'en', ...SMALL },
  { file: 'scanning-en-highcontrast', fixture: 'scanning', language: 'en', ...PORTRAIT, modes: ['hc'] },
  { file: 'scanning-en-largetext', fixture: 'scanning', language: 'en', ...PORTRAIT, modes: ['large'] },
  { file: 'scanning-en-lowreach', fixture: 'scanning', language: 'en', ...PORTRAIT, modes: ['lowReach'] },
];

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };

function staticServer(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let path = normalize(join(dist, decodeURIComponent(url.pathname)));
    if (!path.startsWith(dist)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

/** Plays one fixture view per connection (chosen by the ws URL's query) and answers every message. */
function laneStub(): Promise<WebSocketServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ws' });
  wss.on('connection', (ws, req) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const fixture = (q.get('fixture') ?? 'attract') as FixtureName;
    const language = (q.get('lang') ?? 'en') as Language;
    const lines = Number(q.get('lines') ?? '6');
    const send = (m: ServerMessage) => ws.send(JSON.stringify(m));
    send({ type: 'view', view: buildView(fixture, { language, lines }) });
    ws.on('message', (data) => {
      const parsed = ClientMessage.safeParse(JSON.parse(String(data)));
      if (!parsed.success || parsed.data.type === 'hello') return;
      const m = parsed.data;
      if (m.type === 'query') {
        const value = m.query.type === 'catalogue.categories' ? DEMO_CATEGORIES : DEMO_HITS;
        send({ type: 'reply', id: m.id, ok: true, value });
      } else send({ type: 'reply', id: m.id, ok: true });
    });
  });
  return new Promise((r) => wss.on('listening', () => r(wss)));
}

async function setModes(page: Page, modes: Mode[]): Promise<void> {
  const keys: Record<Mode, string> = { hc: 'highContrast', large: 'largeText', lowReach: 'lowReach' };
  await page.click('.toolbar .btn--tool >> nth=0');
  for (const m of modes) await page.click(`[data-pref=${keys[m]}]`);
  await page.click('.dialog__actions .btn');
}

async function auditTargets(page: Page, file: string): Promise<string[]> {
  return page.evaluate((name) => {
    const bad: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('button, [role=tab]'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.width < 63.5 || r.height < 63.5) bad.push(`${name}: ${Math.round(r.width)}×${Math.round(r.height)} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}"`);
    }
    return bad;
  }, file);
}

async function main(): Promise<void> {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('renderer/dist is missing: run `npm run build:ui` first');
  mkdirSync(outDir, { recursive: true });
  const http = await staticServer();
  const wss = await laneStub();
  const httpPort = (http.address() as AddressInfo).port;
  const wsPort = (wss.address() as AddressInfo).port;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const problems: string[] = [];
  try {
    for (const shot of shots.filter((s) => !only || s.file.startsWith(only))) {
      const context = await browser.newContext({ viewport: { width: shot.width, height: shot.height }, deviceScaleFactor: 0.5, reducedMotion: 'reduce' });
      const page = await context.newPage();
      page.on('pageerror', (e) => problems.push(`${shot.file}: page error ${e.message}`));
      await page.addInitScript(() => {
        const w = window as unknown as { __laneViews: unknown[] };
        w.__laneViews = [];
        window.addEventListener('lane:view', (e) => w.__laneViews.push((e as CustomEvent).detail));
      });
      const ws = `ws://127.0.0.1:${wsPort}/ws?fixture=${shot.fixture}&lang=${shot.language}&lines=${shot.lines ?? 6}`;
      await page.goto(`http://127.0.0.1:${httpPort}/?token=screens&ws=${encodeURIComponent(ws)}`);
      await page.waitForFunction(() => (window as unknown as { __laneViews: unknown[] }).__laneViews.length > 0, null, { timeout: 10_000 });
      if (shot.modes) await setModes(page, shot.modes);
      if (shot.waitFor) await page.waitForSelector(shot.waitFor, { timeout: 10_000 });
      if (shot.click) await page.click(shot.click);
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      problems.push(...(await auditTargets(page, shot.file)));
      await page.screenshot({ path: join(outDir, `${shot.file}.png`) });
      console.log(`screens: ${shot.file}.png`);
      await context.close();
    }
  } finally {
    await browser.close();
    wss.close();
    http.close();
  }
  if (problems.length) {
    console.warn(`screens: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  }
}

await main();
