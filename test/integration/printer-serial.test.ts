/**
 * ESC/POS printer over a real pty pair (socat) with the real serialport binding: the
 * driver on one end, the simulator on the other (kept open by `serveLink`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptText } from '../../contracts/index.ts';
import { PrinterSim, openPrinter, serveLink, waitForReceipts } from '../../drivers/printer/index.ts';
import { SerialTransportConfig } from '../../drivers/transport/config.ts';
import { SerialTransport } from '../../drivers/transport/serial.ts';
import { SocatPair, socatAvailable } from '../../drivers/transport/sim/socat.ts';
import { systemClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { type Printer, germanReceipt, ready, waitHealth } from './printer-helpers.ts';

describe.skipIf(!socatAvailable())('ESC/POS printer over a socat pty pair (skipped without socat)', () => {
  const pair = new SocatPair();
  const sim = new PrinterSim();
  let device: ReturnType<typeof serveLink>;
  let printer: Printer;

  beforeAll(async () => {
    await pair.start();
    const devicePort = new SerialTransport(SerialTransportConfig.parse({ kind: 'serial', path: pair.b, baudRate: 115200 }), { clock: systemClock, logger: silentLogger, presenceCheckMs: 100 });
    device = serveLink(sim, devicePort, { clock: systemClock, retryMs: 50 });
    await device.opened();
    printer = openPrinter(
      { protocol: 'escpos', transport: { kind: 'serial', path: pair.a, baudRate: 115200 } },
      { clock: systemClock, logger: silentLogger, backoff: { initialMs: 50, maxMs: 200 } },
    ) as Printer;
  });

  afterAll(async () => {
    await printer?.close();
    await device?.stop();
    await pair.dispose();
  });

  it('prints a German receipt and reads it back from the other end of the pty', async () => {
    expect(await ready(printer)).toBe('ok');
    expect(await printer.print(germanReceipt)).toEqual({ ok: true });
    const [r] = await waitForReceipts(sim, 1);
    expect(r?.text).toBe(receiptText(germanReceipt));
  });

  it('socat killed → offline (linkLost); restarted → recovers and prints', async () => {
    await pair.kill();
    const down = await waitHealth(printer, (h) => h.status === 'offline');
    expect(down.reason).toBe('linkLost');
    await pair.start();
    await device.opened();
    expect(await ready(printer)).toBe('ok');
    const before = sim.receipts().length;
    expect(await printer.print(germanReceipt)).toEqual({ ok: true });
    const all = await waitForReceipts(sim, before + 1);
    expect(all[before]?.text).toBe(receiptText(germanReceipt));
  });
});
