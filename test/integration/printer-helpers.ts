/** Shared waits for the printer integration tests (events, never sleeps). */
import type { DeviceHealth, PrinterCondition } from '../../contracts/index.ts';
import type { PrinterPort } from '../../contracts/ports.ts';
import { ReceiptDocument } from '../../contracts/index.ts';

export type Printer = PrinterPort & { refresh(): Promise<PrinterCondition> };

export function waitHealth(printer: PrinterPort, pred: (h: DeviceHealth) => boolean): Promise<DeviceHealth> {
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

/**
 * Link up, then status rounds until the printer answers clean. Each round ends on a reply
 * or on its own timeout; a few are allowed because the device end of a freshly started pty
 * may open a moment after ours.
 */
export async function ready(printer: Printer, rounds = 10): Promise<PrinterCondition> {
  await waitHealth(printer, (h) => h.status !== 'offline' || h.reason === 'printerOffline');
  let c: PrinterCondition = 'offline';
  for (let i = 0; i < rounds && c !== 'ok'; i++) {
    await waitHealth(printer, (h) => h.reason !== 'linkLost' && h.reason !== 'connecting' && h.reason !== 'openFailed' && h.reason !== 'handshakeFailed');
    c = await printer.refresh();
  }
  return c;
}

export const germanReceipt = ReceiptDocument.parse({
  transactionId: 'int-de-1',
  language: 'de',
  blocks: [
    { kind: 'logo' },
    { kind: 'text', text: 'Lane Markt Köln', align: 'center', bold: true, size: 2 },
    { kind: 'columns', left: 'Äpfel Boskoop 1 kg', right: '2,99 €' },
    { kind: 'columns', left: 'Süßkartoffeln', right: '3,49 €' },
    { kind: 'columns', left: 'Weißbrot', right: '1,89 €' },
    { kind: 'rule' },
    { kind: 'columns', left: 'Summe', right: '8,37 €', bold: true },
    { kind: 'barcode', data: 'int-de-1' },
    { kind: 'qr', data: 'https://lane.example/r/int-de-1' },
    { kind: 'text', text: 'Vielen Dank – auf Wiedersehen!', align: 'center' },
  ],
});
