import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  demoItem,
  haveChromium,
  launchChromium,
  money,
  removeDataDir,
  ShopperPage,
  startE2eLane,
  waitForText,
  waitGone,
  waitVisible,
  type E2eLane,
} from '../helpers/e2e.ts';

/**
 * Shopper journeys in Chromium against a real lane service (SQLite journal, simulated
 * devices). The shopper taps the UI; the tests put goods on the scales and cards on the
 * terminal through the lane's SimControl. Every wait is on an emitted view or on the DOM.
 */
const TIMEOUT = 90_000;

describe.skipIf(!haveChromium())('shopper journeys in Chromium', () => {
  let browser: Browser;
  let lane: E2eLane;
  let shopper: ShopperPage;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async (ctx) => {
    lane = await startE2eLane();
    shopper = await ShopperPage.open(browser, () => lane);
    ctx.onTestFailed(async () => {
      await shopper.shot(`FAILED-${ctx.task.name.replace(/\W+/g, '-')}`);
    });
  }, 60_000);
  afterEach(async () => {
    const errors = shopper?.errors ?? [];
    await shopper?.close();
    await lane?.stop();
    if (lane) removeDataDir(lane.dataDir);
    expect(errors, 'errors in the page').toEqual([]);
  });

  const first = demoItem('plain', 0);
  const second = demoItem('plain', 7);

  /** Start a session on the attract screen and scan + bag `items`. */
  async function basketOf(...items: (typeof first)[]): Promise<void> {
    await waitForText(shopper.frame(), 'Welcome');
    await shopper.tapTo(shopper.button(/^Start/), 'scanning');
    for (const item of items) {
      await shopper.device((c) => c.scan(item.code));
      await waitForText(shopper.basketRow(item.name.en), item.name.en);
      await waitForText(shopper.prompt(), 'Place the item in the bagging area');
      await shopper.device((c) => c.bag(item.weightGrams));
      await waitForText(shopper.prompt(), 'Scan your next item');
    }
  }

  async function payByCard(): Promise<void> {
    const total = lane.lane.service.view().totalMinor;
    await shopper.tapTo(shopper.button(new RegExp(`^Pay ${money(total).replace(/[.$]/g, '\\$&')}$`)), 'payment');
    await waitForText(shopper.page.getByTestId('amount'), money(total));
    await shopper.tapTo(shopper.button(/^Card or phone/), 'paying');
    await waitForText(shopper.page.getByTestId('terminal-prompt'), 'Tap your card or phone on the reader');
  }

  it(
    'plain purchase: scan two items, bag them, pay by card, take the receipt',
    async () => {
      await basketOf(first, second);
      const total = first.priceMinor + second.priceMinor;
      await waitForText(shopper.page.getByTestId('total'), money(total));
      await waitForText(shopper.page.getByRole('region', { name: 'Just added' }), second.name.en);
      await shopper.shot('plain-1-scanning');

      await payByCard();
      await shopper.shot('plain-2-paying');
      await shopper.device((c) => c.card('approve'));
      await waitForText(shopper.frame(), 'Thank you for shopping with us');
      await waitForText(shopper.page.getByRole('status'), 'Please take your receipt');
      await waitForText(shopper.frame(), `Paid ${money(total)}`);
      await shopper.shot('plain-3-thanks');

      const receipts = lane.control.receipts();
      expect(receipts).toHaveLength(1);
      expect(receipts[0]).toContain('TOTAL');

      await shopper.tapTo(shopper.button('Done'), 'attract');
      await waitForText(shopper.frame(), 'Welcome');
      expect(lane.lane.journalSummary()).toMatchObject({ chainValid: true });
      expect(lane.lane.journalSummary().byType).toMatchObject({ 'payment.approved': 1, 'receipt.created': 1 });
    },
    TIMEOUT,
  );
});
