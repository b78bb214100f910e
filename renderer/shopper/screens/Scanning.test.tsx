// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildView, intervention } from '../../shared/fixtures.ts';
import { renderView, sentIntents } from '../testing.tsx';

afterEach(cleanup);

describe('Scanning screen', () => {
  it('shows the last item large, every line, the running total and the live prompt', () => {
    renderView(buildView('scanning'));
    const last = screen.getByRole('region', { name: 'Just added' });
    expect(within(last).getByText('Tomatoes on the vine')).toBeTruthy();
    expect(within(last).getByText('0.512 kg')).toBeTruthy();
    const basket = screen.getByRole('list', { name: 'Your basket' });
    expect(within(basket).getAllByRole('listitem')).toHaveLength(6);
    expect(screen.getByTestId('total').textContent).toBe('€19.07');
    expect(screen.getAllByText('8 items').length).toBeGreaterThan(0);
    const prompt = screen.getByText('Place the item in the bagging area');
    expect(prompt.getAttribute('aria-live')).toBe('polite');
  });
  it('shows weights, quantities and discounts on the lines', () => {
    renderView(buildView('scanning'));
    expect(screen.getByText(/1\.234 kg × €1\.99 \/ kg/)).toBeTruthy();
    expect(screen.getByText(/−€0\.18 2 for 4\.00/)).toBeTruthy();
  });
  it('sends quantity.set with one more or one fewer', () => {
    const { client } = renderView(buildView('scanning'));
    fireEvent.click(screen.getByRole('button', { name: 'One more Organic whole milk 1 l' }));
    fireEvent.click(screen.getByRole('button', { name: 'One fewer Organic whole milk 1 l' }));
    expect(sentIntents(client)).toEqual([
      { type: 'quantity.set', lineId: 'L1', quantity: 3 },
      { type: 'quantity.set', lineId: 'L1', quantity: 1 },
    ]);
    expect((screen.getByRole('button', { name: 'One fewer Sourdough bread' }) as HTMLButtonElement).disabled).toBe(true);
  });
  it('has no quantity buttons on weighed lines', () => {
    renderView(buildView('scanning'));
    expect(screen.queryByRole('button', { name: 'One more Bananas' })).toBeNull();
  });
  it('asks to void a line', () => {
    const { client } = renderView(buildView('scanning'));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Sourdough bread' }));
    expect(sentIntents(client)).toEqual([{ type: 'void.request', lineId: 'L2' }]);
  });
  it('adds an item by typing its code on the keypad', () => {
    const { client } = renderView(buildView('scanning'));
    fireEvent.click(screen.getByRole('button', { name: 'Type barcode' }));
    const dialog = screen.getByRole('dialog', { name: 'Type the numbers under the barcode' });
    const add = within(dialog).getByRole('button', { name: 'Add item' }) as HTMLButtonElement;
    for (const d of '400') fireEvent.click(within(dialog).getByRole('button', { name: d }));
    expect(add.disabled).toBe(true);
    for (const d of '6381333931') fireEvent.click(within(dialog).getByRole('button', { name: d }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete last character' }));
    fireEvent.click(within(dialog).getByRole('button', { name: '1' }));
    fireEvent.click(add);
    expect(sentIntents(client)).toEqual([{ type: 'scan.manual', code: '4006381333931' }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
  it('opens produce look-up, pays, skips bagging and calls help', () => {
    const { client } = renderView(buildView('scanning'));
    fireEvent.click(screen.getByRole('button', { name: /Look up item/ }));
    fireEvent.click(screen.getByRole('button', { name: /Pay/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Skip bagging' }));
    fireEvent.click(screen.getByRole('button', { name: 'Call assistant' }));
    expect(sentIntents(client)).toEqual([{ type: 'produce.open' }, { type: 'pay.start' }, { type: 'bagging.skip' }, { type: 'help.request' }]);
  });
  it('hides skip bagging when nothing waits to be bagged, keeping its place', () => {
    const { container } = renderView(buildView('scanning', {}, { bagging: { measuredGrams: 0, expectedGrams: 0 } }));
    expect(screen.queryByRole('button', { name: 'Skip bagging' })).toBeNull();
    expect(container.querySelector('.scanning__actions .slot')).not.toBeNull();
  });
  it('cannot pay an empty basket and explains where the barcode is', () => {
    renderView(buildView('scanning', { lines: 0 }));
    expect((screen.getByRole('button', { name: /Pay/ }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/The barcode is usually on the back/)).toBeTruthy();
  });
  it('says help is coming while a help request is open, without blocking', () => {
    renderView(buildView('scanning', {}, { interventions: [intervention('help')] }));
    expect(screen.getByRole('status').textContent).toBe('An assistant is on the way to help you.');
    expect(screen.getByRole('list', { name: 'Your basket' })).toBeTruthy();
  });
  it('renders a 200-line basket with one fixed-height row per line', () => {
    renderView(buildView('scanning', { lines: 200 }));
    const rows = within(screen.getByRole('list', { name: 'Your basket' })).getAllByRole('listitem');
    expect(rows).toHaveLength(200);
    expect(rows.every((r) => r.className.startsWith('row'))).toBe(true);
    expect(rows.filter((r) => r.className.includes('row--latest'))).toHaveLength(1);
  });
  it('switches language from the toolbar and keeps the basket', () => {
    const { client } = renderView(buildView('scanning'));
    fireEvent.click(screen.getByRole('button', { name: 'Language: English' }));
    fireEvent.click(screen.getByRole('button', { name: 'Deutsch' }));
    expect(sentIntents(client)).toEqual([{ type: 'language.set', language: 'de' }]);
    expect(client.intent.mock.calls.flat().some((i) => i.type === 'cancel.request')).toBe(false);
  });
});

describe('Scanning screen: money that adds up', () => {
  it('"Just added" shows what the line costs after its discount, as the basket row does', () => {
    const base = buildView('scanning');
    const discounted = base.lines.find((l) => l.discounts.length > 0)!;
    renderView({ ...base, lastLineId: discounted.lineId });
    const last = screen.getByRole('region', { name: 'Just added' });
    const row = document.querySelector<HTMLElement>(`.basket [data-line="${discounted.lineId}"] .row__total`)!;
    expect(within(last).getByTestId('last-price').textContent).toBe(row.textContent);
    expect(within(last).getByTestId('last-price').textContent).not.toBe(`€${(discounted.totalMinor / 100).toFixed(2)}`);
  });
  it('the basket rows add up to the total', () => {
    const view = buildView('scanning');
    renderView(view);
    const cents = [...document.querySelectorAll('.basket .row__total')].map((e) => Math.round(Number(e.textContent!.replace('€', '')) * 100));
    expect(cents.reduce((a, b) => a + b, 0)).toBe(view.totalMinor);
  });
});
