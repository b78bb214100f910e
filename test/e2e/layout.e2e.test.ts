import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../contracts/catalogue.ts';
import { demoItem, haveChromium, launchChromium, removeDataDir, ShopperPage, startE2eLane, waitForText, type E2eLane } from '../helpers/e2e.ts';

/**
 * The scanning screen at the kiosk sizes we ship for (landscape full HD, portrait full HD,
 * and the small 1024×768 panel), left-to-right and right-to-left: nothing scrolls sideways,
 * nothing sticks out of the window, and every touch target is at least 64×64 CSS px.
 */
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920 },
  { width: 1024, height: 768 },
] as const;
const MIN_TARGET_PX = 64;

interface LayoutReport {
  overflowPx: number;
  outside: string[];
  small: string[];
  buttons: number;
}

describe.skipIf(!haveChromium())('scanning screen layout', () => {
  let browser: Browser;
  let lane: E2eLane;
  let shopper: ShopperPage;

  beforeAll(async () => {
    browser = await launchChromium();
    lane = await startE2eLane();
    shopper = await ShopperPage.open(browser, () => lane);
    // A basket of four items, each bagged, as a shopper leaves it mid-shop.
    await shopper.tapTo(shopper.button(/^Start/), 'scanning');
    for (const n of [0, 2, 4, 6]) {
      const item = demoItem('plain', n);
      await shopper.device((c) => c.scan(item.code));
      await shopper.device((c) => c.bag(item.weightGrams));
    }
    await waitForText(shopper.prompt(), 'Scan your next item');
  }, 90_000);

  afterAll(async () => {
    await shopper?.close();
    await browser?.close();
    await lane?.stop();
    if (lane) removeDataDir(lane.dataDir);
  });

  async function measure(): Promise<LayoutReport> {
    return shopper.page.evaluate((min) => {
      const doc = document.documentElement;
      const vw = doc.clientWidth;
      const label = (el: Element) => (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const outside: string[] = [];
      const small: string[] = [];
      let buttons = 0;
      for (const el of Array.from(document.querySelectorAll('button, [role=tab], a[href]'))) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        buttons++;
        if (r.width < min - 0.5 || r.height < min - 0.5) small.push(`${Math.round(r.width)}×${Math.round(r.height)} "${label(el)}"`);
        if (r.left < -0.5 || r.right > vw + 0.5) outside.push(`${Math.round(r.left)}..${Math.round(r.right)} of ${vw} "${label(el)}"`);
      }
      return { overflowPx: Math.max(doc.scrollWidth, document.body.scrollWidth) - vw, outside, small, buttons };
    }, MIN_TARGET_PX);
  }

  async function useLanguage(language: Language): Promise<void> {
    if (lane.lane.service.view().language === language) return;
    const r = lane.lane.service.intent({ type: 'language.set', language });
    expect(r.ok).toBe(true);
    await shopper.synced();
    await shopper.page.waitForFunction((l) => document.documentElement.lang === l, language);
  }

  for (const language of ['en', 'fa'] as const) {
    for (const size of SIZES) {
      it(`${size.width}×${size.height} ${language}: no sideways overflow, every button at least ${MIN_TARGET_PX}×${MIN_TARGET_PX}`, async () => {
        await useLanguage(language);
        await shopper.page.setViewportSize(size);
        await shopper.page.waitForFunction(([w, h]) => window.innerWidth === w && window.innerHeight === h, [size.width, size.height] as const);
        await shopper.frame().and(shopper.page.locator('[data-screen="scanning"]')).waitFor();
        const report = await measure();
        await shopper.shot(`layout-${language}-${size.width}x${size.height}`);
        expect(report.buttons).toBeGreaterThan(8);
        expect(report.overflowPx, 'horizontal overflow (px)').toBeLessThanOrEqual(0);
        expect(report.outside, 'buttons outside the window').toEqual([]);
        expect(report.small, `buttons smaller than ${MIN_TARGET_PX}×${MIN_TARGET_PX}`).toEqual([]);
        expect(shopper.errors).toEqual([]);
      }, 30_000);
    }
  }
});
