/**
 * One currency: a lane whose configuration overrides the catalogue's currency asks the card
 * terminal in that currency (real ZVT driver against the ZVT simulator set up in it), and a
 * derived currency figure that disagrees is refused at start with the field named.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LaneView } from '../../contracts/index.ts';
import { systemClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { tryOpenLane, type OpenLane } from '../../lane/lane.ts';
import { DEMO_CATALOGUE } from '../../lane/scenario/runner.ts';
import { openWireLane, type WireLane } from '../../lane/sim/wire.ts';
import { waitForEvent } from '../helpers/wait.ts';

const view = (lane: OpenLane, accept: (v: LaneView) => boolean): Promise<LaneView> =>
  accept(lane.service.view()) ? Promise.resolve(lane.service.view()) : waitForEvent((l) => lane.service.onView(l), accept);

describe('the lane currency reaches the card terminal', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('a CHF override on an EUR catalogue: screen, receipt and terminal all say CHF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lane-currency-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const wire: WireLane = await openWireLane(
      { currency: 'CHF', scanners: ['serial'], scannerLink: 'memory', scaleLink: 'memory', printerLink: 'memory', terminalLink: 'tcp' },
      { clock: systemClock, logger: silentLogger },
    );
    cleanups.push(() => wire.control.close());
    const opened = tryOpenLane({
      dataDir: dir,
      catalogue: DEMO_CATALOGUE,
      config: { currency: 'CHF' },
      clock: systemClock,
      logger: silentLogger,
      devices: wire.devices,
      control: wire.control,
      terminalCurrencyCode: wire.config.terminal.currencyCode,
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const lane = opened.value;
    cleanups.push(() => lane.close());
    expect(lane.catalogue.inner.currency()).toBe('EUR');
    await view(lane, (v) => Object.values(v.devices).every((h) => h.status === 'ok'));

    const item = lane.catalogue.byCode('04012345000092')!;
    await wire.control.scan('4012345000092');
    await view(lane, (v) => v.itemCount === 1);
    await wire.control.bag(item.weightGrams!);
    await view(lane, (v) => v.screen === 'scanning' && !v.blocked && v.bagging.awaitingLineId === undefined);
    expect(lane.service.view().currency).toBe('CHF');

    expect((await lane.service.handleIntent({ type: 'pay.start' })).ok).toBe(true);
    expect((await lane.service.handleIntent({ type: 'pay.card' })).ok).toBe(true);
    await wire.control.card('approve');
    const paid = await view(lane, (v) => v.payment?.status === 'approved' || v.payment?.status === 'declined');
    expect(paid.payment?.status).toBe('approved');

    // The terminal was registered and asked in CHF (ISO 4217 756), never in the catalogue's EUR.
    expect(wire.zvt.currenciesSeen.length).toBeGreaterThanOrEqual(2);
    expect(wire.zvt.currenciesSeen.every((c) => c.currencyCode === 756)).toBe(true);
    expect(wire.zvt.currenciesSeen.some((c) => c.apdu === '06 01')).toBe(true);
    await view(lane, () => wire.control.receipts().length > 0);
    expect(wire.control.receipts().at(-1)).toMatch(/TOTAL CHF/i);
  }, 30_000);
});

describe('a currency figure that disagrees is refused at start', () => {
  const open = (config: Record<string, unknown>, terminalCurrencyCode?: number) => {
    const dir = mkdtempSync(join(tmpdir(), 'lane-currency-'));
    try {
      const r = tryOpenLane({ dataDir: dir, catalogue: DEMO_CATALOGUE, config, clock: systemClock, logger: silentLogger, devices: 'sim', terminalCurrencyCode });
      if (r.ok) void r.value.close();
      return r;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it.each([
    [{ currency: 'CHF', codes: { currencyNumeric: '978' } }, undefined, 'codes.currencyNumeric'],
    [{ currency: 'JPY', currencyExponent: 2 }, undefined, 'currencyExponent'],
    [{ codes: { currencyExponent: 3 } }, undefined, 'codes.currencyExponent'],
    [{ currency: 'CHF' }, 978, 'devices.terminal.currencyCode'],
    [{ currency: 'XYZ' }, undefined, 'currency'],
  ])('%j (terminal %s) → refused at %s', (config, terminal, path) => {
    const r = open(config, terminal);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalidInput');
      expect(r.error.path).toBe(path);
    }
  });

  it('agreeing figures are accepted, and derived when absent', () => {
    const r = open({ currency: 'CHF', currencyExponent: 2, codes: { currencyNumeric: '756' } }, 756);
    expect(r.ok).toBe(true);
    const plain = open({});
    expect(plain.ok).toBe(true);
    if (plain.ok) expect(plain.value.service.codeConfig).toMatchObject({ currencyNumeric: '978', currencyExponent: 2 });
  });
});
