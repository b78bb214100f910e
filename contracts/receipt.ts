import { z } from 'zod';
import { Language } from './catalogue.ts';

/**
 * A receipt as a device-independent document. The lane builds it; a printer driver
 * encodes it (ESC/POS text with the right code page, or a raster image for scripts a
 * printer cannot show, such as Persian); the simulator decodes the bytes back to text.
 */
export const ReceiptBlock = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    text: z.string(),
    align: z.enum(['left', 'center', 'right']).default('left'),
    bold: z.boolean().default(false),
    /** 1 = normal, 2 = double width and height. */
    size: z.union([z.literal(1), z.literal(2)]).default(1),
  }),
  /** Two columns: label on the start side, amount on the end side, padded to the paper width. */
  z.object({ kind: z.literal('columns'), left: z.string(), right: z.string(), bold: z.boolean().default(false) }),
  z.object({ kind: z.literal('rule') }),
  z.object({ kind: z.literal('feed'), lines: z.number().int().min(1).max(10).default(1) }),
  z.object({ kind: z.literal('barcode'), data: z.string().min(1), symbology: z.enum(['code128', 'ean13']).default('code128') }),
  z.object({ kind: z.literal('qr'), data: z.string().min(1) }),
  z.object({ kind: z.literal('logo') }),
]);
export type ReceiptBlock = z.infer<typeof ReceiptBlock>;

export const ReceiptDocument = z.object({
  transactionId: z.string(),
  language: Language,
  /** Characters per line on 80 mm paper with font A (48) or 58 mm (32). */
  width: z.number().int().min(24).max(64).default(48),
  blocks: z.array(ReceiptBlock),
});
export type ReceiptDocument = z.infer<typeof ReceiptDocument>;

/** Plain-text rendering of a receipt, as a shopper would read it (used by tests and the journal). */
export function receiptText(doc: ReceiptDocument): string {
  const out: string[] = [];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'text':
        out.push(b.text);
        break;
      case 'columns': {
        const gap = Math.max(1, doc.width - [...b.left].length - [...b.right].length);
        out.push(b.left + ' '.repeat(gap) + b.right);
        break;
      }
      case 'rule':
        out.push('-'.repeat(doc.width));
        break;
      case 'feed':
        for (let i = 0; i < b.lines; i++) out.push('');
        break;
      case 'barcode':
      case 'qr':
        out.push(`[${b.kind}:${b.data}]`);
        break;
      case 'logo':
        out.push('[logo]');
        break;
    }
  }
  return out.join('\n');
}
