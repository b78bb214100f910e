import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceHealth, PrinterCondition } from '../../contracts/index.ts';
import { ReceiptDocument, receiptText } from '../../contracts/index.ts';
import type { PrinterPort } from '../../contracts/ports.ts';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { MemoryHub, type MemoryLink } from '../transport/memory.ts';
import { openPrinter } from './driver.ts';
import { PrinterSim } from './sim.ts';

const receipt = ReceiptDocument.parse({
  transactionId: 'tx-42',
  language: 'de',
  blocks: [
    { kind: 'text', text: 'Lane Markt Köln', align: 'center', bold: true },
    { kind: 'columns', left: 'Äpfel 1 kg', right: '2,99 €' },
    { kind: 'rule' },
    { kind: 'columns', left: 'Summe', right: '2,99 €', bold: true },
    { kind: 'logo' },
  ],
});

interface Rig {
  clock: ManualClock;
  link: MemoryLink;
  sim: PrinterSim;
  printer: PrinterPort & { refresh(): Promise<PrinterCondition> };
  chunks: Uint8Array[];
}

const open: PrinterPort[] = [];

afterEach(async () => {
  for (const p of open.splice(0)) await p.close();
});

function waitCondition(printer: PrinterPort, want: PrinterCondition): Promise<void> {
  return new Promise((resolve) => {
    if (printer.condition() === want) return resolve();
    const off = printer.onCondition((c) => {
      if (c === want) {
        off();
        resolve();
      }
    });
  });
}

function waitHealth(printer: PrinterPort, pred: (h: DeviceHealth) => boolean): Promise<DeviceHealth> {
  return new Promise((resolve) => {
    if (pred(printer.health())) return resolve(printer.health());
    const off = printer.onHealth((h) => {
      if (pred(h)) {
        off();
        resolve(h);
      }
    });
  });
}

/** Link up and the status round started on connect finished (nothing left in flight). */
async function ready(printer: Rig['printer']): Promise<void> {
  await waitHealth(printer, (h) => h.status === 'ok');
  await printer.refresh();
}

function nextQuery(sim: PrinterSim): Promise<number> {
  return new Promise((resolve) => {
    const off = sim.onStatusQuery((n) => {
      off();
      resolve(n);
    });
  });
}

async function rig(configure?: (sim: PrinterSim) => void): Promise<Rig> {
  const clock = new ManualClock();
  const hub = new MemoryHub();
  const link = hub.link('printer');
  const sim = new PrinterSim();
  configure?.(sim);
  const chunks: Uint8Array[] = [];
  link.device.onData((c) => chunks.push(c));
  sim.attach(link.device);
  await link.device.open();
  const printer = openPrinter({ protocol: 'escpos', transport: { kind: 'memory', name: 'printer' } }, { clock, logger: silentLogger, hub });
  open.push(printer);
  return { clock, link, sim, printer, chunks };
}

const isQueryRound = (c: Uint8Array): boolean => Buffer.from(c).equals(Buffer.from([0x10, 4, 1, 0x10, 4, 2, 0x10, 4, 3, 0x10, 4, 4]));

describe('ESC/POS printer driver over a memory link', () => {
  it('connects, enables ASB, reads status and reports ok', async () => {
    const { printer, chunks } = await rig();
    await ready(printer);
    expect(printer.condition()).toBe('ok');
    expect([...(chunks[0] ?? [])]).toEqual([0x1d, 0x61, 0x0f]);
  });

  it('prints a German receipt: status before, the job in one write, status after → ok', async () => {
    const { printer, sim, chunks } = await rig();
    await ready(printer);
    const start = chunks.length;
    const outcome = await printer.print(receipt);
    expect(outcome).toEqual({ ok: true });
    expect(sim.receipts().map((r) => r.text)).toEqual([receiptText(receipt)]);
    // Queries, then the whole job (raster logo inside) in one write, then queries again.
    const sent = chunks.slice(start);
    const jobIndex = sent.findIndex((c) => !isQueryRound(c));
    expect(isQueryRound(sent[jobIndex - 1]!)).toBe(true);
    expect(isQueryRound(sent[jobIndex + 1]!)).toBe(true);
    expect(sent.filter((c) => !isQueryRound(c))).toHaveLength(1);
  });

  it('refuses with paperOut when paper is out before the job, and sends nothing', async () => {
    const { printer, sim, chunks } = await rig();
    await ready(printer);
    sim.set({ paperOut: true });
    await waitCondition(printer, 'paperOut');
    const before = chunks.length;
    const outcome = await printer.print(receipt);
    expect(outcome).toMatchObject({ ok: false, condition: 'paperOut' });
    expect(chunks.slice(before).every(isQueryRound)).toBe(true);
    expect(sim.receipts()).toHaveLength(0);
    expect(printer.health()).toMatchObject({ status: 'error', reason: 'paperOut' });
  });

  it('refuses with coverOpen and with cutterError', async () => {
    const { printer, sim } = await rig();
    await ready(printer);
    sim.set({ coverOpen: true });
    expect(await printer.print(receipt)).toMatchObject({ ok: false, condition: 'coverOpen' });
    sim.set({ coverOpen: false, cutterError: true });
    expect(await printer.print(receipt)).toMatchObject({ ok: false, condition: 'cutterError' });
    expect(printer.health()).toMatchObject({ status: 'error', reason: 'cutterError' });
  });

  it('refuses with offline when the printer reports itself offline', async () => {
    const { printer, sim } = await rig();
    await ready(printer);
    sim.set({ offline: true });
    expect(await printer.print(receipt)).toMatchObject({ ok: false, condition: 'offline' });
  });

  it('paper running out during the job → not ok (paperOut); the rest prints when paper is back', async () => {
    const { printer, sim } = await rig();
    await ready(printer);
    sim.runOutOfPaperAfter(2);
    const outcome = await printer.print(receipt);
    expect(outcome).toMatchObject({ ok: false, condition: 'paperOut' });
    expect(sim.receipts()).toHaveLength(0);
    sim.set({ paperOut: false });
    await waitCondition(printer, 'ok');
    expect(sim.receipts()[0]?.text).toBe(receiptText(receipt));
  });

  it('paper near end → prints ok with a warning', async () => {
    const { printer, sim } = await rig();
    await ready(printer);
    sim.set({ paperNearEnd: true });
    const warned = await waitHealth(printer, (h) => h.status === 'warning');
    expect(warned.reason).toBe('paperNearEnd');
    expect(await printer.print(receipt)).toEqual({ ok: true });
    expect(printer.condition()).toBe('paperNearEnd');
  });

  it('pushes conditions from ASB without being asked', async () => {
    const { printer, sim } = await rig();
    await ready(printer);
    const seen: PrinterCondition[] = [];
    printer.onCondition((c) => seen.push(c));
    const queriesBefore = sim.statusQueries;
    sim.set({ coverOpen: true });
    await waitCondition(printer, 'coverOpen');
    sim.set({ coverOpen: false });
    await waitCondition(printer, 'ok');
    expect(seen).toEqual(['coverOpen', 'ok']);
    expect(sim.statusQueries).toBe(queriesBefore);
  });

  it('no reply → the status round times out on the clock and the job is refused as offline', async () => {
    const { printer, sim, clock } = await rig();
    await ready(printer);
    sim.set({ noReply: true });
    const queried = nextQuery(sim);
    const pending = printer.print(receipt);
    await queried;
    clock.advance(500);
    expect(await pending).toMatchObject({ ok: false, condition: 'offline' });
    expect(printer.condition()).toBe('offline');
    expect(sim.receipts()).toHaveLength(0);
  });

  it('late replies to a timed-out round are not taken as answers to the next one', async () => {
    const { printer, sim, clock, link } = await rig();
    await ready(printer);
    sim.set({ noReply: true });
    const queried = nextQuery(sim);
    const first = printer.print(receipt);
    await queried;
    clock.advance(500);
    await first;
    // The printer wakes up: first the four late replies (claiming paper out) to the old round …
    sim.set({ noReply: false });
    await link.device.write(Uint8Array.of(0x1a, 0x32, 0x12, 0x7e));
    // … then it answers the next round truthfully: all clear.
    expect(await printer.print(receipt)).toEqual({ ok: true });
  });

  it('link lost → offline; replugged → reconnects (backoff on the clock) and prints again', async () => {
    const { printer, link, clock } = await rig();
    await ready(printer);
    link.unplug();
    const down = await waitHealth(printer, (h) => h.status === 'offline');
    expect(down.reason).toBe('linkLost');
    expect(printer.condition()).toBe('offline');
    expect(await printer.print(receipt)).toMatchObject({ ok: false, condition: 'offline' });
    link.replug();
    await link.device.open();
    const up = waitHealth(printer, (h) => h.status === 'ok');
    clock.advance(250);
    await up;
    expect(await printer.print(receipt)).toEqual({ ok: true });
  });

  it('runs concurrent jobs one after the other', async () => {
    const { printer, sim } = await rig();
    await ready(printer);
    const other = { ...receipt, transactionId: 'tx-43', blocks: [{ kind: 'text' as const, text: 'zweiter Bon', align: 'left' as const, bold: false, size: 1 as const }] };
    const [a, b] = await Promise.all([printer.print(receipt), printer.print(other)]);
    expect(a).toEqual({ ok: true });
    expect(b).toEqual({ ok: true });
    expect(sim.receipts().map((r) => r.text)).toEqual([receiptText(receipt), 'zweiter Bon']);
  });

  it('rejects an invalid configuration with a TypeError', () => {
    const clock = new ManualClock();
    expect(() => openPrinter({ protocol: 'escpos', transport: { kind: 'tcp', port: 0 } }, { clock, logger: silentLogger })).toThrow(TypeError);
  });
});

