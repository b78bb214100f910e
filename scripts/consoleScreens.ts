/**
 * Renders the attendant console to PNG for the README: 8 fixture lanes and a few
 * interventions (the console's in-page demo island, `?demo=8`), in English and Persian.
 *
 *   npx tsx scripts/consoleScreens.ts [--out docs/screens]
 *
 * Builds the renderer into a temp dir (test/e2e/attendantServe.ts), so renderer/dist is untouched.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { buildRenderer, CHROMIUM, CHROMIUM_ARGS, serveStatic } from '../test/e2e/attendantServe.ts';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const outDir = resolve(root, args[args.indexOf('--out') + 1] && args.includes('--out') ? args[args.indexOf('--out') + 1]! : 'docs/screens');

interface Shot {
  file: string;
  lang: 'en' | 'fa';
  width: number;
  height: number;
  role?: 'supervisor';
  tab?: 'Shift' | 'شیفت';
  lane?: string;
  phone?: boolean;
}

const shots: Shot[] = [
  { file: 'console-en', lang: 'en', width: 1280, height: 800 },
  { file: 'console-fa', lang: 'fa', width: 1280, height: 800 },
  { file: 'console-summary-en', lang: 'en', width: 1280, height: 800, tab: 'Shift' },
  { file: 'console-lane-en', lang: 'en', width: 1280, height: 800, role: 'supervisor', lane: 'lane-1' },
  { file: 'console-phone-en', lang: 'en', width: 390, height: 844, phone: true },
];

const dist = await buildRenderer();
const web = await serveStatic(dist);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
mkdirSync(outDir, { recursive: true });
try {
  for (const s of shots) {
    const context = await browser.newContext({ viewport: { width: s.width, height: s.height }, deviceScaleFactor: s.phone ? 2 : 1, reducedMotion: 'reduce', isMobile: !!s.phone, hasTouch: !!s.phone });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.warn(`${s.file}: ${e.message}`));
    const role = s.role ? `&role=${s.role}` : '';
    await page.goto(`${web.url}/attendant/?demo=8&lang=${s.lang}&login=${s.role === 'supervisor' ? 'sam' : 'alex'}:demo${role}`);
    await page.locator('[data-testid=lane-tile], [data-testid=queue-item]').first().waitFor();
    if (s.tab) await page.getByRole('tab', { name: s.tab }).click();
    if (s.lane) await page.locator(`[data-testid=lane-tile][data-lane=${s.lane}]`).click();
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.screenshot({ path: join(outDir, `${s.file}.png`) });
    console.log(`screens: ${s.file}.png`);
    await context.close();
  }
} finally {
  await browser.close();
  await web.close();
}
