import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { lineDiscountMinor, type ViewLine } from '../../../contracts/view.ts';
import { useClient } from '../../shared/ClientContext.tsx';
import type { Formatters } from '../hooks.ts';
import { Icon } from '../components/Icon.tsx';

/** Two lines show the same thing (every view is a fresh object, so identity says nothing). */
export function sameLine(a: ViewLine, b: ViewLine): boolean {
  return (
    a === b ||
    (a.lineId === b.lineId &&
      a.name === b.name &&
      a.quantity === b.quantity &&
      a.weightGrams === b.weightGrams &&
      a.unit === b.unit &&
      a.unitPriceMinor === b.unitPriceMinor &&
      a.totalMinor === b.totalMinor &&
      a.overridden === b.overridden &&
      a.ageLimit === b.ageLimit &&
      a.discounts.length === b.discounts.length &&
      a.discounts.every((d, i) => d.amountMinor === b.discounts[i]?.amountMinor && d.label === b.discounts[i]?.label))
  );
}

type RowProps = { line: ViewLine; f: Formatters; latest: boolean; editable: boolean };

/**
 * One basket row. Fixed height (CSS `--row-h`) so adding lines never shifts the layout, and
 * `content-visibility: auto` so a 200-line basket only lays out the rows on screen. Rows
 * re-render only when their line changed: a new view re-renders one row, not 200.
 */
export const BasketRow = memo(function BasketRow({ line, f, latest, editable }: RowProps) {
  const { t } = useTranslation();
  const client = useClient();
  const discount = lineDiscountMinor(line);
  const qty = line.quantity ?? 1;
  const detail =
    line.unit === 'kg' && line.weightGrams !== undefined
      ? `${f.weight(line.weightGrams)} × ${t('scanning.perKg', { price: f.money(line.unitPriceMinor) })}`
      : qty > 1
        ? `${f.digits(String(qty))} × ${f.money(line.unitPriceMinor)}`
        : t('scanning.each', { price: f.money(line.unitPriceMinor) });
  return (
    <li className={`row${latest ? ' row--latest' : ''}`} data-line={line.lineId}>
      <div className="row__main">
        <span className="row__name">
          {line.name}
          {line.ageLimit !== undefined && <span className="badge">{t('scanning.ageLimit', { age: line.ageLimit })}</span>}
        </span>
        <span className="row__detail">
          {detail}
          {line.overridden && <span className="row__note">{f.sep}{t('scanning.overridden')}</span>}
          {discount > 0 && (
            <span className="row__discount">
              {f.sep}−{f.money(discount)} {line.discounts.map((d) => d.label).join(', ')}
            </span>
          )}
        </span>
      </div>
      {editable && line.unit === 'each' ? (
        <div className="qty" role="group" aria-label={t('scanning.quantityOf', { name: line.name, count: qty })}>
          <button
            type="button"
            className="btn btn--icon"
            disabled={qty <= 1}
            aria-label={t('scanning.decrease', { name: line.name })}
            onClick={() => void client.intent({ type: 'quantity.set', lineId: line.lineId, quantity: qty - 1 })}
          >
            <Icon name="minus" />
          </button>
          <span className="qty__value" aria-hidden="true">
            {f.digits(String(qty))}
          </span>
          <button
            type="button"
            className="btn btn--icon"
            disabled={qty >= 99}
            aria-label={t('scanning.increase', { name: line.name })}
            onClick={() => void client.intent({ type: 'quantity.set', lineId: line.lineId, quantity: qty + 1 })}
          >
            <Icon name="plus" />
          </button>
        </div>
      ) : (
        <div className="qty qty--placeholder" aria-hidden="true" />
      )}
      <span className="row__total">{f.money(line.totalMinor - discount)}</span>
      {editable && (
        <button type="button" className="btn btn--icon btn--remove" aria-label={t('scanning.removeItem', { name: line.name })} onClick={() => void client.intent({ type: 'void.request', lineId: line.lineId })}>
          <Icon name="trash" />
        </button>
      )}
    </li>
  );
}, (a: RowProps, b: RowProps) => a.f === b.f && a.latest === b.latest && a.editable === b.editable && sameLine(a.line, b.line));

export function BasketList({ lines, lastLineId, f, editable, label }: { lines: ViewLine[]; lastLineId: string | null; f: Formatters; editable: boolean; label: string }) {
  const ref = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (!lastLineId) return;
    const el = Array.from(ref.current?.children ?? []).find((c): c is HTMLElement => c instanceof HTMLElement && c.dataset.line === lastLineId);
    if (el && typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'nearest' });
  }, [lastLineId, lines.length]);
  return (
    <ul className="basket" ref={ref} aria-label={label}>
      {lines.map((l) => (
        <BasketRow key={l.lineId} line={l} f={f} latest={l.lineId === lastLineId} editable={editable} />
      ))}
    </ul>
  );
}
