import type { Language, ReceiptBlock, ReceiptDocument } from '../../contracts/index.ts';
import { localize } from '../../contracts/index.ts';
import type { PricedBasket } from '../pricing/price.ts';
import type { CheckoutDeps } from './deps.ts';
import { formatKg, formatMinor } from './money.ts';
import { activeLines, approvedPayment, type TxState } from './tx.ts';
import { checkoutCurrency } from '../currency.ts';

/** Receipt wording per language (the receipt is printed in the shopper's language). */
const LABELS: Record<Language, Record<'subtotal' | 'discount' | 'total' | 'vat' | 'net' | 'card' | 'ref' | 'items' | 'transaction' | 'override' | 'thanks', string>> = {
  en: { subtotal: 'Subtotal', discount: 'Discounts', total: 'TOTAL', vat: 'VAT', net: 'Net', card: 'Card', ref: 'Ref', items: 'Items', transaction: 'Transaction', override: 'price changed', thanks: 'Thank you for shopping with us' },
  de: { subtotal: 'Zwischensumme', discount: 'Rabatte', total: 'SUMME', vat: 'MwSt', net: 'Netto', card: 'Karte', ref: 'Beleg', items: 'Artikel', transaction: 'Vorgang', override: 'Preis geändert', thanks: 'Vielen Dank für Ihren Einkauf' },
  ru: { subtotal: 'Подытог', discount: 'Скидки', total: 'ИТОГО', vat: 'НДС', net: 'Без НДС', card: 'Карта', ref: 'Чек', items: 'Товаров', transaction: 'Операция', override: 'цена изменена', thanks: 'Спасибо за покупку' },
  fa: { subtotal: 'جمع جزء', discount: 'تخفیف‌ها', total: 'جمع کل', vat: 'مالیات', net: 'خالص', card: 'کارت', ref: 'مرجع', items: 'اقلام', transaction: 'تراکنش', override: 'قیمت تغییر کرد', thanks: 'از خرید شما سپاسگزاریم' },
};

export function receiptLabels(language: Language) {
  return LABELS[language];
}

/** The receipt document for a paid transaction. Pure: same inputs, same receipt. */
export function buildReceipt(tx: TxState, priced: PricedBasket, deps: Pick<CheckoutDeps, 'config' | 'catalogue'>, at: number): ReceiptDocument {
  const { config } = deps;
  const lang = tx.language;
  const L = LABELS[lang];
  const { alpha: currency, exponent: exp } = checkoutCurrency(config, deps.catalogue);
  const money = (m: number) => formatMinor(m, exp);
  const blocks: ReceiptBlock[] = [
    { kind: 'logo' },
    { kind: 'text', text: config.store.name, align: 'center', bold: true, size: 2 },
    ...config.store.address.map((a): ReceiptBlock => ({ kind: 'text', text: a, align: 'center', bold: false, size: 1 })),
    { kind: 'text', text: `${config.store.vatId}`, align: 'center', bold: false, size: 1 },
    { kind: 'rule' },
  ];
  const byLine = new Map(priced.lines.map((p) => [p.lineId, p]));
  for (const l of activeLines(tx)) {
    const p = byLine.get(l.lineId);
    const total = p?.totalMinor ?? 0;
    blocks.push({ kind: 'columns', left: localize(l.name, lang), right: money(total), bold: false });
    if (l.weightGrams) blocks.push({ kind: 'text', text: `  ${formatKg(l.weightGrams)} kg x ${money(l.unitPriceMinor)}/kg`, align: 'left', bold: false, size: 1 });
    else if (l.quantity > 1) blocks.push({ kind: 'text', text: `  ${l.quantity} x ${money(l.unitPriceMinor)}`, align: 'left', bold: false, size: 1 });
    if (l.overridden) blocks.push({ kind: 'text', text: `  (${L.override})`, align: 'left', bold: false, size: 1 });
    for (const d of p?.discounts ?? []) blocks.push({ kind: 'columns', left: `  ${d.label}`, right: `-${money(d.amountMinor)}`, bold: false });
  }
  blocks.push({ kind: 'rule' });
  blocks.push({ kind: 'columns', left: L.subtotal, right: money(priced.subtotalMinor), bold: false });
  if (priced.discountMinor > 0) blocks.push({ kind: 'columns', left: L.discount, right: `-${money(priced.discountMinor)}`, bold: false });
  blocks.push({ kind: 'columns', left: `${L.total} ${currency}`, right: money(priced.totalMinor), bold: true });
  blocks.push({ kind: 'rule' });
  for (const t of priced.taxes) {
    const rate = `${Math.floor(t.rateBasisPoints / 100)}${t.rateBasisPoints % 100 ? `.${String(t.rateBasisPoints % 100).padStart(2, '0')}` : ''}%`;
    blocks.push({ kind: 'columns', left: `${L.vat} ${rate} (${money(t.grossMinor)})`, right: money(t.taxMinor), bold: false });
  }
  const pay = approvedPayment(tx);
  if (pay) {
    blocks.push({ kind: 'rule' });
    blocks.push({ kind: 'columns', left: `${L.card}${pay.cardName ? ` ${pay.cardName}` : ''}${pay.maskedPan ? ` ${pay.maskedPan}` : ''}`, right: money(pay.amountMinor), bold: false });
    if (pay.terminalReference) blocks.push({ kind: 'text', text: `${L.ref} ${pay.terminalReference}`, align: 'left', bold: false, size: 1 });
    for (const line of pay.receiptLines ?? []) blocks.push({ kind: 'text', text: line, align: 'left', bold: false, size: 1 });
  }
  const count = activeLines(tx).length;
  blocks.push({ kind: 'rule' });
  blocks.push({ kind: 'text', text: `${L.items}: ${count}`, align: 'left', bold: false, size: 1 });
  blocks.push({ kind: 'text', text: `${L.transaction} ${tx.transactionId}`, align: 'left', bold: false, size: 1 });
  blocks.push({ kind: 'text', text: new Date(at).toISOString().slice(0, 16).replace('T', ' '), align: 'left', bold: false, size: 1 });
  blocks.push({ kind: 'barcode', data: tx.transactionId.slice(0, 40), symbology: 'code128' });
  blocks.push({ kind: 'qr', data: `${config.receipt.eReceiptBaseUrl}${tx.transactionId}` });
  for (const f of config.receipt.footer ?? [L.thanks]) blocks.push({ kind: 'text', text: f, align: 'center', bold: false, size: 1 });
  return { transactionId: tx.transactionId, language: lang, width: config.receipt.width, blocks };
}
