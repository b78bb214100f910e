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

  it(
    'produce by weight: pick a fruit from the pictures, weigh it, bag it',
    async () => {
      const fruit = demoItem('byWeight');
      await basketOf();
      await shopper.tapTo(shopper.button(/^Look up item/), 'produceLookup');
      await shopper.page.getByRole('button', { name: fruit.categoryName, exact: true }).click();
      const tile = shopper.page.locator('.tile').filter({ hasText: fruit.name.en }).first();
      const since = await shopper.mark();
      await tile.click();
      await shopper.painted(since, 'produceLookup');
      await waitForText(shopper.page.locator('.sel__name'), fruit.name.en);
      await waitForText(shopper.prompt(), 'Place the item on the scale');
      await waitForText(shopper.page.locator('.sel__unit'), `${money(fruit.priceMinor)} per kg`);

      await shopper.device((c) => c.produce(1234, false));
      await waitForText(shopper.page.locator('.sel__state'), 'Weighing…');
      await shopper.shot('produce-1-weighing');
      await shopper.device((c) => c.produce(1234, true));
      const line = lane.lane.service.view().lines.find((l) => l.itemId === fruit.id);
      expect(line).toMatchObject({ weightGrams: 1234 });
      expect(Math.abs(line!.totalMinor - (fruit.priceMinor * 1234) / 1000)).toBeLessThanOrEqual(0.5);
      await waitForText(shopper.frame(), 'Just added');
      const row = shopper.basketRow(fruit.name.en);
      await waitForText(row, `1.234 kg × ${money(fruit.priceMinor)} / kg`);
      await waitForText(row, money(line!.totalMinor));
      await waitForText(shopper.page.getByTestId('total'), money(line!.totalMinor));
      await waitForText(shopper.prompt(), 'Place the item in the bagging area');
      await shopper.device(async (c) => {
        await c.produce(0, true);
        await c.bag(1234);
      });
      await waitForText(shopper.prompt(), 'Scan your next item');
      await shopper.shot('produce-2-scanning');
    },
    TIMEOUT,
  );

  it(
    'age-restricted item: an attendant logs in at the lane with the PIN pad and approves',
    async () => {
      const beer = demoItem('ageRestricted');
      await basketOf(first);
      await shopper.device((c) => c.scan(beer.code));
      const blocked = shopper.page.getByRole('alert');
      await waitForText(blocked, 'An assistant is on the way to check your age');
      await waitForText(blocked, `${beer.name.en} can only be sold from age ${beer.ageLimit}`);
      await shopper.shot('age-1-blocked');

      await shopper.button('Staff').click();
      const dialog = shopper.page.getByRole('dialog', { name: 'Staff log-in' });
      await waitVisible(dialog);
      await shopper.keypad('1234');
      await waitForText(dialog.locator('output'), '••••');
      await shopper.tapTo(dialog.getByRole('button', { name: 'Log in', exact: true }), 'attendant');
      await waitForText(shopper.page.locator('.prompt'), 'Staff menu · Alex (attendant)');
      const row = shopper.page.getByRole('listitem').filter({ hasText: 'Age check' });
      await waitForText(row, beer.name.en);
      await shopper.shot('age-2-attendant');
      await row.getByRole('button', { name: 'Approve', exact: true }).click();
      await waitForText(shopper.page.locator('.admin__card--interventions'), 'Nothing is waiting.');
      await shopper.tapTo(shopper.button('Log out'), 'scanning');

      await waitForText(shopper.basketRow(beer.name.en), `${beer.ageLimit}+`);
      await waitForText(shopper.prompt(), 'Place the item in the bagging area');
      await shopper.device((c) => c.bag(beer.weightGrams));
      await waitForText(shopper.prompt(), 'Scan your next item');
      await shopper.shot('age-3-scanning');
      const view = lane.lane.service.view();
      expect(view.ageVerified).toBe(true);
      expect(view.interventions).toEqual([]);
      expect(lane.lane.journalSummary().byType).toMatchObject({ 'attendant.loggedIn': 1, 'attendant.loggedOut': 1 });
    },
    TIMEOUT,
  );

  it(
    'weight mismatch: resolved by the shopper re-bagging, then a second one approved by an attendant',
    async () => {
      await basketOf();
      await shopper.device((c) => c.scan(first.code));
      await shopper.device((c) => c.bag(Math.round(first.weightGrams / 3)));
      const alert = shopper.page.getByRole('alert');
      await waitForText(alert, 'The weight does not match');
      await waitForText(alert, `${first.name.en} weighs differently than we expected`);
      await shopper.shot('weight-1-mismatch');
      // The shopper takes the wrong thing out again: the alarm clears by itself.
      await shopper.device((c) => c.bag(-Math.round(first.weightGrams / 3)));
      await waitGone(alert);
      await waitForText(shopper.prompt(), 'Place the item in the bagging area');
      await shopper.device((c) => c.bag(first.weightGrams));
      await waitForText(shopper.prompt(), 'Scan your next item');

      await shopper.device((c) => c.scan(second.code));
      await shopper.device((c) => c.bag(second.weightGrams * 2 + 200));
      await waitForText(alert, 'The weight does not match');
      await waitForText(alert, second.name.en);
      await lane.command({ type: 'intervention.approve', kind: 'weightMismatch' });
      await shopper.synced();
      await waitGone(alert);
      await waitForText(shopper.prompt(), 'Scan your next item');
      await waitForText(shopper.page.getByTestId('total'), money(first.priceMinor + second.priceMinor));
      expect(lane.lane.service.view().blocked).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'card declined, tried again, approved',
    async () => {
      await basketOf(first);
      await payByCard();
      await shopper.device((c) => c.card('decline'));
      const declined = shopper.page.getByRole('alert');
      await waitForText(declined, 'The payment did not go through');
      await waitForText(declined, 'Your bank declined this payment.');
      await waitForText(declined, 'No money was taken.');
      await shopper.shot('decline-1-declined');
      await shopper.tapTo(declined.getByRole('button', { name: 'Try again', exact: true }), 'paying');
      await waitForText(shopper.page.getByTestId('terminal-prompt'), 'Tap your card or phone on the reader');
      await shopper.device((c) => c.card('approve'));
      await waitForText(shopper.frame(), 'Thank you for shopping with us');
      await waitForText(shopper.frame(), `Paid ${money(first.priceMinor)}`);
      expect(lane.lane.sim?.terminal.requests).toHaveLength(2);
      expect(lane.lane.journalSummary().byType).toMatchObject({ 'payment.declined': 1, 'payment.approved': 1 });
    },
    TIMEOUT,
  );

  it(
    'paper out: paid, the printer is out of paper, an attendant refills and reprints',
    async () => {
      await basketOf(first);
      await lane.control.printer('paperOut');
      await payByCard();
      await shopper.device((c) => c.card('approve'));
      // The shopper has paid: the thanks screen stays and says why there is no receipt.
      await waitForText(shopper.frame(), 'Thank you for shopping with us');
      await waitForText(shopper.frame(), `Paid ${money(first.priceMinor)}`);
      const status = shopper.page.getByRole('status');
      await waitForText(status, 'Your receipt could not be printed');
      await waitForText(status, 'Why: the printer is out of paper');
      await waitForText(status, 'An assistant will bring your receipt to you.');
      await waitForText(shopper.prompt(), 'Your receipt could not be printed');
      // The lane will not finish before the assistant has dealt with it: no Done to tap.
      expect(await shopper.button('Done').count()).toBe(0);
      await shopper.shot('paper-1-out');
      expect(lane.control.receipts()).toHaveLength(0);
      expect(lane.lane.service.view().interventions.map((i) => i.kind)).toEqual(['paperOut']);

      await lane.control.printer('ok');
      await lane.command({ type: 'receipt.reprint' });
      await waitForText(shopper.page.getByRole('status'), 'Please take your receipt');
      await shopper.synced();
      await waitForText(shopper.frame(), 'Thank you for shopping with us');
      expect(lane.control.receipts()).toHaveLength(1);
      await shopper.shot('paper-2-reprinted');
      await shopper.tapTo(shopper.button('Done'), 'attract');
    },
    TIMEOUT,
  );

  it(
    'language switch to Persian mid-basket: right-to-left, Persian names and digits',
    async () => {
      await basketOf(first);
      await shopper.button('Language: English').click();
      const dialog = shopper.page.getByRole('dialog', { name: 'Language' });
      const since = await shopper.mark();
      await dialog.getByRole('button', { name: 'فارسی', exact: true }).click();
      await shopper.painted(since, 'scanning');
      await shopper.page.waitForFunction(() => document.documentElement.dir === 'rtl' && document.documentElement.lang === 'fa');
      await waitForText(shopper.basketRow(first.name.fa), first.name.fa);
      await waitForText(shopper.page.getByTestId('total'), money(first.priceMinor, 'fa'));
      expect(await shopper.page.getByTestId('total').innerText()).toMatch(/[۰-۹]/);
      await waitGone(shopper.page.getByText('Scan your next item'));
      // The count reads "۱ کالا", never "۱۰": no middle dot (it looks like the Persian zero) beside it.
      const heading = shopper.page.locator('.scanning__basket .section-title');
      await waitForText(heading, '، ۱ کالا');
      expect(await heading.innerText()).not.toContain('·');
      await shopper.shot('persian-1-scanning');
      const overflow = await shopper.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(lane.lane.service.view().language).toBe('fa');

      // A receipt in the shopper's language, too.
      await shopper.device((c) => c.scan(second.code));
      await waitForText(shopper.basketRow(second.name.fa), second.name.fa);
    },
    TIMEOUT,
  );
});
