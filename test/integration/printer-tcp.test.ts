/**
 * ESC/POS printer over TCP: the driver against the simulator listening on 127.0.0.1:0
 * like a network printer's raw port 9100, real sockets, the system clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptText } from '../../contracts/index.ts';
import { PrinterSim, type PrinterSimServer, openPrinter, startPrinterSimServer, waitForReceipts } from '../../drivers/printer/index.ts';
import { systemClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { type Printer, germanReceipt, ready, waitHealth } from './printer-helpers.ts';

describe('ESC/POS printer over TCP (simulator as a port-9100 server)', () => {
  const sim = new PrinterSim();
  let server: PrinterSimServer;
  let printer: Printer;

  beforeAll(async () => {
    server = await startPrinterSimServer(sim);
    printer = openPrinter(
      { protocol: 'escpos', transport: { kind: 'tcp', host: server.host, port: server.port } },
      { clock: systemClock, logger: silentLogger, backoff: { initialMs: 50, maxMs: 200 } },
    ) as Printer;
  });

  afterAll(async () => {
    await printer.close();
    await server.close();
  });

  it('prints a German receipt and the simulator reads the same text back', async () => {
    expect(await ready(printer)).toBe('ok');
    expect(await printer.print(germanReceipt)).toEqual({ ok: true });
    const [r] = await waitForReceipts(sim, 1);
    expect(r?.text).toBe(receiptText(germanReceipt));
    expect(r?.images[0]?.logo).toBe(true);
  });

  it('refuses while paper is out and reports the condition pushed by ASB', async () => {
    sim.set({ paperOut: true });
    await waitHealth(printer, (h) => h.status === 'error' && h.reason === 'paperOut');
    expect(await printer.print(germanReceipt)).toMatchObject({ ok: false, condition: 'paperOut' });
    sim.set({ paperOut: false });
    await waitHealth(printer, (h) => h.status === 'ok');
  });

  it('link killed → offline; restored → reconnects and prints again', async () => {
    await server.unplug();
    const down = await waitHealth(printer, (h) => h.status === 'offline');
    expect(down.reason).toBe('linkLost');
    expect(await printer.print(germanReceipt)).toMatchObject({ ok: false, condition: 'offline' });
    await server.replug();
    expect(await ready(printer)).toBe('ok');
    const before = sim.receipts().length;
    expect(await printer.print(germanReceipt)).toEqual({ ok: true });
    const all = await waitForReceipts(sim, before + 1);
    expect(all[before]?.text).toBe(receiptText(germanReceipt));
  });
});
