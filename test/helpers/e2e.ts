import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { localize, type CatalogueItemInput, type Language, type LocalizedText } from '../../contracts/catalogue.ts';
import type { Screen } from '../../contracts/view.ts';
import { openLane, type OpenLane } from '../../lane/lane.ts';
import { startLaneServer, type LaneServer } from '../../lane/server.ts';
import type { SimControl } from '../../lane/sim/devices.ts';
import { systemClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { formatMoney } from '../../renderer/shared/format.ts';

/**
 * End-to-end harness (node side): Debian's Chromium driven by playwright-core against a real
 * lane service (openLane + startLaneServer, SQLite journal, simulated devices) serving the
 * built touch UI. Tests act like a shopper — real clicks on accessible names — and like the
 * shopper's hands on the hardware (`lane.control`). They wait on what the app emits
 * (`lane:view` events after paint, DOM state), never on sleeps.
 */

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CATALOGUE = join(ROOT, 'fixtures/catalogue.json');

// ---- Chromium -------------------------------------------------------------------------

export const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'] as const;
export const NO_CHROMIUM = 'no Chromium found: set LANE_CHROMIUM';

/** The Chromium to drive: `LANE_CHROMIUM`, `CHROMIUM_PATH`, then the usual Debian paths; null if none. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync): string | null {
  for (const name of ['LANE_CHROMIUM', 'CHROMIUM_PATH'] as const) {
    const p = env[name];
    if (p) {
      if (!exists(p)) throw new Error(`${name}=${p}: no such file`);
      return p;
    }
  }
  return CHROMIUM_PATHS.find((p) => exists(p)) ?? null;
}

/** Like `chromiumPath`, but a clear error when there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync): string {
  const p = chromiumPath(env, exists);
  if (!p) throw new Error(`${NO_CHROMIUM} (or CHROMIUM_PATH) to a Chromium/Chrome binary; looked in ${CHROMIUM_PATHS.join(', ')}`);
  return p;
}

/** For `describe.skipIf(!HAVE_CHROMIUM)`; prints the one-line reason when skipping. */
export function haveChromium(): boolean {
  let p: string | null = null;
  try {
    p = chromiumPath();
  } catch (err) {
    console.warn(`e2e: ${(err as Error).message}`);
    return false;
  }
  if (!p) console.warn(`e2e: ${NO_CHROMIUM}`);
  return p !== null;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

// ---- the built UI ---------------------------------------------------------------------

/**
 * The UI the tests serve: a private build, one directory per state of the UI sources
 * (paths, sizes, mtimes), so a build by another test file or by a developer's
 * `npm run build:ui` never empties the directory under a running test. Built at most once
 * per source state, under `flock` so parallel test files wait for one build.
 */
const UI_CACHE = join(tmpdir(), 'lane-e2e-ui');
const UI_SOURCES = ['renderer', 'contracts', 'vite.config.ts', 'test/e2e/vite.e2e.config.ts', 'package-lock.json'];
/** Pages the shopper page never imports: changes there need no rebuild. */
const NOT_SHOPPER = new Set(['dist', 'node_modules', 'attendant', 'simulator']);

function uiSourceHash(): string {
  const h = createHash('sha256');
  const walk = (p: string): void => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const n of readdirSync(p).sort()) if (!NOT_SHOPPER.has(n) && !/\.test\.tsx?$/.test(n)) walk(join(p, n));
    } else h.update(`${p}\0${st.size}\0${st.mtimeMs}\n`);
  };
  for (const p of UI_SOURCES) if (existsSync(join(ROOT, p))) walk(join(ROOT, p));
  return h.digest('hex').slice(0, 16);
}

/** Runs under flock: build into `<dir>.tmp` and rename, unless another process just did. */
const BUILD_ONCE = `
const { existsSync, renameSync, rmSync, readdirSync, statSync } = require('node:fs');
const { join, dirname } = require('node:path');
const { execFileSync } = require('node:child_process');
const [root, dir] = process.argv.slice(1);
if (!existsSync(join(dir, 'index.html'))) {
  process.stderr.write('e2e: building the touch UI into ' + dir + '\\n');
  const tmp = dir + '.tmp';
  rmSync(tmp, { recursive: true, force: true });
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, 'test/e2e/vite.e2e.config.ts'), '--logLevel', 'warn', '--outDir', tmp, '--emptyOutDir'], { cwd: root, stdio: ['ignore', 2, 2] });
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  // Builds of older sources that nobody used for a day go.
  for (const n of readdirSync(dirname(dir))) {
    const p = join(dirname(dir), n);
    if (p !== dir && Date.now() - statSync(p).mtimeMs > 86400000) rmSync(p, { recursive: true, force: true });
  }
}
`;

let uiDir: string | null = null;
/** The built UI for the current sources (built if needed); once per process. */
export function ensureUiBuilt(): string {
  if (uiDir) return uiDir;
  const dir = join(UI_CACHE, uiSourceHash());
  if (!existsSync(join(dir, 'index.html'))) {
    mkdirSync(UI_CACHE, { recursive: true });
    try {
      execFileSync('flock', [join(UI_CACHE, '.lock'), process.execPath, '-e', BUILD_ONCE, ROOT, dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });
    } catch (err) {
      const out = String((err as { stderr?: Buffer }).stderr ?? '').replace(/\x1b\[[0-9;]*m/g, '');
      throw new Error(`e2e: building the shopper UI failed:\n${out.slice(-3000)}`);
    }
    if (!existsSync(join(dir, 'index.html'))) throw new Error(`the UI build left no ${dir}/index.html`);
  }
  uiDir = dir;
  return dir;
}

// ---- the lane -------------------------------------------------------------------------

/** Long timers so a slow run never meets the idle or thanks timeouts by accident. */
export const E2E_CONFIG = { timeouts: { idleMs: 600_000, stillThereMs: 600_000, stillThereAnswerMs: 600_000, thanksMs: 600_000 } };

export interface E2eLane {
  lane: OpenLane;
  server: LaneServer;
  /** The shopper's hands on the hardware. */
  control: SimControl;
  dataDir: string;
  /** `<url>/?token=<token>`: the shopper page. */
  shopperUrl: string;
  /** Stop the server and the lane (the data directory stays). */
  stop(): Promise<void>;
  /** Attendant command over the API the console uses, authenticated by PIN (Alex, 1234). */
  command(body: Record<string, unknown>, pin?: string): Promise<void>;
}

let commandSeq = 0;

/** A real lane service with simulated devices, serving the built UI on 127.0.0.1. */
export async function startE2eLane(opts: { dataDir?: string; port?: number; token?: string; config?: Record<string, unknown> } = {}): Promise<E2eLane> {
  const staticDir = ensureUiBuilt();
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'lane-e2e-'));
  const lane = openLane({ dataDir, catalogue: CATALOGUE, config: { ...E2E_CONFIG, ...opts.config }, clock: systemClock, logger: silentLogger, devices: 'sim' });
  let server: LaneServer;
  try {
    server = await startLaneServer({
      service: lane.service,
      logger: silentLogger,
      host: '127.0.0.1',
      port: opts.port ?? 0,
      ...(opts.token ? { token: opts.token } : {}),
      staticDir,
      mounts: { '/pictures/': join(ROOT, 'fixtures/pictures') },
    });
  } catch (err) {
    await lane.close();
    throw err;
  }
  const control = lane.control;
  if (!control) throw new Error('the lane has no simulated devices');
  let stopped = false;
  return {
    lane,
    server,
    control,
    dataDir,
    shopperUrl: `${server.url}/?token=${server.token}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.close();
      await lane.close();
    },
    async command(body, pin = '1234') {
      const who = await lane.service.authenticate(pin);
      if (!who.ok) throw new Error(`attendant PIN: ${who.error.message}`);
      const r = lane.service.command({ id: `e2e-cmd-${process.pid}-${++commandSeq}`, by: who.value.id, ...body }, { attendant: who.value });
      if (!r.ok) throw new Error(`command ${String(body.type)}: ${r.error.message}`);
    },
  };
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

// ---- demo catalogue -------------------------------------------------------------------

interface CatalogueJson {
  categories: { id: string; name: LocalizedText }[];
  items: CatalogueItemInput[];
  promotions?: { items?: string[]; group?: string }[];
}
let catalogueCache: CatalogueJson | null = null;
function catalogueFile(): CatalogueJson {
  return (catalogueCache ??= JSON.parse(readFileSync(CATALOGUE, 'utf8')) as CatalogueJson);
}

export interface DemoItem {
  id: string;
  code: string;
  name: Record<Language, string>;
  priceMinor: number;
  weightGrams: number;
  ageLimit?: number;
  plu?: string;
  /** The item's category name in English (the produce picture chips). */
  categoryName: string;
}

/**
 * Items picked from the demo catalogue by what a journey needs (and in no promotion, so
 * totals are plain), so the tests follow the catalogue when it is regenerated. `skip` picks
 * a later match: a second, different item.
 */
export function demoItem(kind: 'plain' | 'ageRestricted' | 'byWeight', skip = 0): DemoItem {
  const c = catalogueFile();
  const promoted = new Set((c.promotions ?? []).flatMap((p) => p.items ?? []));
  const promotedGroups = new Set((c.promotions ?? []).flatMap((p) => (p.group ? [p.group] : [])));
  const plainPrice = (i: CatalogueItemInput): boolean => !promoted.has(i.id) && !(i.groups ?? []).some((g) => promotedGroups.has(g));
  const barcoded = (i: CatalogueItemInput): boolean => i.unit === 'each' && (i.codes?.length ?? 0) > 0 && !i.noWeight && (i.weightGrams ?? 0) >= 100;
  const fits = (i: CatalogueItemInput): boolean => {
    switch (kind) {
      case 'plain':
        return barcoded(i) && !i.ageLimit && plainPrice(i);
      case 'ageRestricted':
        return barcoded(i) && (i.ageLimit ?? 0) > 0 && plainPrice(i);
      case 'byWeight':
        return i.unit === 'kg' && !!i.plu && !!i.picture && !i.ageLimit && plainPrice(i);
    }
  };
  const item = c.items.filter(fits)[skip];
  if (!item) throw new Error(`the demo catalogue has no ${kind} item #${skip + 1}`);
  const name = { en: localize(item.name, 'en'), de: localize(item.name, 'de'), ru: localize(item.name, 'ru'), fa: localize(item.name, 'fa') };
  return {
    id: item.id,
    code: item.codes?.[0] ?? '',
    name,
    priceMinor: item.priceMinor,
    weightGrams: item.weightGrams ?? 0,
    ...(item.ageLimit ? { ageLimit: item.ageLimit } : {}),
    ...(item.plu ? { plu: item.plu } : {}),
    categoryName: localize(c.categories.find((k) => k.id === item.category)?.name ?? { en: item.category }, 'en'),
  };
}

export const money = (minor: number, language: Language = 'en', currency = 'EUR'): string => formatMoney(minor, currency, language);

// ---- the shopper's screen ---------------------------------------------------------------

export interface PaintedView {
  seq: number;
  screen: Screen;
}

interface E2eWindow {
  __e2e: { views: PaintedView[] };
}

/** Escape for a RegExp matching `text` literally. */
export const literal = (text: string): RegExp => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/**
 * The shopper page. Records every `lane:view` event (fired after paint) so a test can wait for
 * "the page has painted the service's current view" or "a view of screen X after my tap".
 */
export class ShopperPage {
  /** Page errors, console errors and failed HTTP responses (tests expect none). */
  readonly errors: string[] = [];
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private laneRef: () => E2eLane,
  ) {}

  static async open(browser: Browser, lane: () => E2eLane, viewport = { width: 1920, height: 1080 }): Promise<ShopperPage> {
    const context = await browser.newContext({ viewport, reducedMotion: 'reduce', hasTouch: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const s = new ShopperPage(context, page, lane);
    page.on('pageerror', (e) => s.errors.push(`pageerror: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) s.errors.push(`HTTP ${r.status()} ${new URL(r.url()).pathname}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && !/WebSocket|ERR_CONNECTION_REFUSED|Failed to load resource/.test(m.text())) s.errors.push(`console: ${m.text()}`);
    });
    await page.addInitScript(() => {
      const w = window as unknown as E2eWindow;
      w.__e2e = { views: [] };
      window.addEventListener('lane:view', (e) => w.__e2e.views.push((e as CustomEvent<PaintedView>).detail));
    });
    await page.goto(lane().shopperUrl);
    await s.synced();
    return s;
  }

  get lane(): E2eLane {
    return this.laneRef();
  }

  /** How many views the page has painted so far: pass to `painted` to wait for a later one. */
  async mark(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as E2eWindow).__e2e.views.length);
  }

  /** Resolves on the first view painted after `since` (a `mark()`) matching `screen`, if given. */
  async painted(since: number, screen?: Screen): Promise<PaintedView> {
    const h = await this.page.waitForFunction(
      ([n, s]) => (window as unknown as E2eWindow).__e2e.views.slice(n as number).find((v) => s === null || v.screen === s) ?? false,
      [since, screen ?? null] as const,
    );
    return (await h.jsonValue()) as PaintedView;
  }

  /** Resolves once the page has painted the lane service's current view (or a later one). */
  async synced(): Promise<PaintedView> {
    const seq = this.lane.lane.service.view().seq;
    const h = await this.page.waitForFunction((target) => {
      const v = (window as unknown as E2eWindow).__e2e.views.at(-1);
      return v && v.seq >= target ? v : false;
    }, seq);
    return (await h.jsonValue()) as PaintedView;
  }

  /** Tap, then wait for the first view of `screen` painted after the tap. */
  async tapTo(target: Locator, screen: Screen): Promise<PaintedView> {
    const since = await this.mark();
    await target.click();
    return this.painted(since, screen);
  }

  /** A device action (scanner, scales, terminal, printer), then wait until the page shows its outcome. */
  async device(act: (control: SimControl) => Promise<unknown>): Promise<PaintedView> {
    await act(this.lane.control);
    return this.synced();
  }

  button(name: string | RegExp): Locator {
    return this.page.getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** The screen frame currently shown (`data-screen`: attract, scanning, produce, blocked, …). */
  frame(): Locator {
    return this.page.locator('[data-screen]');
  }

  /** The live prompt line in the header. */
  prompt(): Locator {
    return this.page.locator('.prompt');
  }

  basketRow(name: string): Locator {
    return this.page.getByRole('list', { name: /basket|سبد|Warenkorb|Корзина/i }).getByRole('listitem').filter({ hasText: name });
  }

  /** Type digits on the on-screen keypad (keys are labelled in the UI language's digits). */
  async keypad(digits: string, language: Language = 'en'): Promise<void> {
    for (const d of digits) {
      const label = language === 'fa' ? String.fromCharCode(0x06f0 + Number(d)) : d;
      await this.page.locator('.keypad__keys').getByRole('button', { name: label, exact: true }).click();
    }
  }

  /** Keep a screenshot of this moment when E2E_SHOTS=<dir> is set (for looking at the journeys). */
  async shot(name: string): Promise<void> {
    const dir = process.env.E2E_SHOTS;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    await this.page.screenshot({ path: join(dir, `${name}.png`) });
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/** Wait until `locator` shows `text` (a substring, or a RegExp), with Playwright's auto-waiting. */
export async function waitForText(locator: Locator, text: string | RegExp, timeoutMs?: number): Promise<void> {
  const re = typeof text === 'string' ? literal(text) : text;
  try {
    await locator.filter({ hasText: re }).first().waitFor({ state: 'visible', ...(timeoutMs ? { timeout: timeoutMs } : {}) });
  } catch (err) {
    const actual = await locator
      .allInnerTexts()
      .then((t) => JSON.stringify(t.join(' | ').slice(0, 400)))
      .catch(() => '(unreadable)');
    throw new Error(`waitForText: ${String(locator)} never showed ${String(re)}; it shows ${actual}\n${(err as Error).message.split('\n')[0]}`);
  }
}

/** Wait until `locator` is visible. */
export async function waitVisible(locator: Locator, timeoutMs?: number): Promise<void> {
  await locator.first().waitFor({ state: 'visible', ...(timeoutMs ? { timeout: timeoutMs } : {}) });
}

/** Wait until `locator` is gone (detached or hidden). */
export async function waitGone(locator: Locator, timeoutMs?: number): Promise<void> {
  await locator.first().waitFor({ state: 'hidden', ...(timeoutMs ? { timeout: timeoutMs } : {}) });
}
