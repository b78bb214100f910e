import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
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
 * The lane service restarts under an open basket (the shell restarts it after a crash or an
 * update): the page shows "one moment", reconnects on its own to the new service on the same
 * port and token, and renders the basket the new service rebuilt from the journal.
 */
describe.skipIf(!haveChromium())('the touch UI survives a lane-service restart', () => {
  let browser: Browser | undefined;
  let lane: E2eLane | undefined;
  let shopper: ShopperPage | undefined;

  afterAll(async () => {
    await shopper?.close();
    await browser?.close();
    await lane?.stop();
    if (lane) removeDataDir(lane.dataDir);
  });

  it('shows "one moment" while the service is down, then the same basket again', async () => {
    const item = demoItem('plain', 3);
    browser = await launchChromium();
    lane = await startE2eLane();
    shopper = await ShopperPage.open(browser, () => lane!);
    const s = shopper;

    await s.tapTo(s.button(/^Start/), 'scanning');
    await s.device((c) => c.scan(item.code));
    await s.device((c) => c.bag(item.weightGrams));
    await waitForText(s.prompt(), 'Scan your next item');
    await waitForText(s.basketRow(item.name.en), money(item.priceMinor));
    const before = lane.lane.service.view();

    // The service goes away.
    const { port, token } = lane.server;
    const dataDir = lane.dataDir;
    await lane.stop();
    const offline = s.page.getByRole('alertdialog', { name: 'One moment, please' });
    await waitVisible(offline);
    await waitForText(offline, 'Your shopping is safe.');
    await s.shot('restart-1-offline');

    // A new service over the same data, on the same port and token.
    const since = await s.mark();
    lane = await startE2eLane({ dataDir, port, token });
    // The goods are still in the bagging area: the simulated scale keeps its contents across
    // the restart (lane/lane.ts), as real hardware does, so no alarm is raised.
    expect(lane.lane.sim?.baggingScale.grams).toBe(item.weightGrams);
    const first = await s.painted(since);
    expect(first.screen).toBe('scanning');
    await waitGone(offline, 20_000);
    await s.synced();
    await waitForText(s.basketRow(item.name.en), money(item.priceMinor));
    await waitForText(s.page.getByTestId('total'), money(before.totalMinor));
    await waitForText(s.prompt(), 'Scan your next item');
    expect(lane.lane.service.view()).toMatchObject({ transactionId: before.transactionId, itemCount: 1, blocked: false });
    await s.shot('restart-2-back');

    // And the restarted lane takes the payment.
    await s.tapTo(s.button(/^Pay/), 'payment');
    await s.tapTo(s.button(/^Card or phone/), 'paying');
    await s.device((c) => c.card('approve'));
    await waitForText(s.frame(), 'Thank you for shopping with us');
    expect(lane.control.receipts()).toHaveLength(1);
    expect(s.errors).toEqual([]);
  }, 120_000);
});
