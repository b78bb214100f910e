// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogueQuery } from '../../../contracts/protocol.ts';
import { buildView, DEMO_CATEGORIES, DEMO_HITS } from '../../shared/fixtures.ts';
import { mockClient, renderView, sentIntents } from '../testing.tsx';

afterEach(cleanup);

const answer = (q: CatalogueQuery) => (q.type === 'catalogue.categories' ? DEMO_CATEGORIES : q.type === 'catalogue.search' ? DEMO_HITS.filter((h) => h.name.toLowerCase().includes(q.text.toLowerCase())) : DEMO_HITS);

describe('Produce look-up screen', () => {
  it('loads categories, opens the first and selects an item by picture', async () => {
    const client = mockClient(answer);
    renderView(buildView('produceLookup'), { client });
    expect(await screen.findByRole('button', { name: /Vegetables/ })).toBeTruthy();
    expect(client.query.mock.calls[0]?.[0]).toEqual({ type: 'catalogue.categories', language: 'en', produceOnly: true });
    fireEvent.click(await screen.findByRole('button', { name: /Apples Braeburn/ }));
    expect(client.query.mock.calls.map((c) => c[0].type)).toContain('catalogue.category');
    expect(sentIntents(client)).toEqual([{ type: 'produce.select', itemId: 'apple' }]);
  });
  it('searches with the on-screen keyboard', async () => {
    const client = mockClient(answer);
    renderView(buildView('produceLookup'), { client });
    fireEvent.click(screen.getByRole('tab', { name: 'Search by name' }));
    for (const ch of ['P', 'E', 'A']) fireEvent.click(screen.getByRole('button', { name: ch }));
    expect(screen.getByLabelText('Item name').textContent).toContain('pea');
    const searches = client.query.mock.calls.map((c) => c[0]).filter((q) => q.type === 'catalogue.search');
    expect(searches.at(-1)).toEqual({ type: 'catalogue.search', text: 'pea', language: 'en', limit: 24 });
    fireEvent.click(await screen.findByRole('button', { name: /Pears Conference/ }));
    expect(sentIntents(client)).toEqual([{ type: 'produce.select', itemId: 'pear' }]);
  });
  it('offers German, Cyrillic and Persian keyboard layouts', () => {
    renderView(buildView('produceLookup', { language: 'de' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Nach Namen suchen' }));
    expect(screen.getByRole('button', { name: 'Ü' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'ß'.toLocaleUpperCase() })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Tastatur: АБВ' }));
    expect(screen.getByRole('button', { name: 'Ж' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Tastatur: ابپ' }));
    expect(screen.getByRole('button', { name: 'پ' }).closest('.keyboard')?.getAttribute('dir')).toBe('rtl');
  });
  it('selects by PLU on the keypad', () => {
    const { client } = renderView(buildView('produceLookup'));
    fireEvent.click(screen.getByRole('tab', { name: 'Number (PLU)' }));
    for (const d of '4011') fireEvent.click(screen.getByRole('button', { name: d }));
    fireEvent.click(screen.getByRole('button', { name: 'Find' }));
    expect(sentIntents(client)).toEqual([{ type: 'produce.select', plu: '4011' }]);
  });
  it('shows the live weight, price per kg and the computed price, and confirms', () => {
    const { client } = renderView(buildView('produceWeighing'));
    const sel = screen.getByRole('region', { name: 'Look up item' });
    expect(within(sel).getByText('Bananas')).toBeTruthy();
    expect(within(sel).getByText('€1.99 per kg')).toBeTruthy();
    expect(within(sel).getByText('1.234 kg')).toBeTruthy();
    expect(within(sel).getByText('€2.46')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add to basket' }));
    fireEvent.click(screen.getByRole('button', { name: 'Back to basket' }));
    expect(sentIntents(client)).toEqual([{ type: 'produce.confirm' }, { type: 'produce.cancel' }]);
  });
  it('cannot confirm before the lane has a price, and explains an unstable or overloaded scale', () => {
    renderView(buildView('produceWeighing', {}, { produce: { selectedItemId: 'item-2', selectedName: 'Bananas', pricePerKgMinor: 199, reading: { state: 'overload', grams: 0 } } }));
    expect((screen.getByRole('button', { name: 'Add to basket' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Too heavy')).toBeTruthy();
  });
});
