// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGES } from '../../contracts/catalogue.ts';
import { buildView, type FixtureName } from '../shared/fixtures.ts';
import { HIGH_CONTRAST, NORMAL } from '../shared/palette.ts';
import { useLane } from '../shared/store.ts';
import { usePrefs } from './prefs.ts';
import { renderView, sentIntents } from './testing.tsx';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const FIXTURES: FixtureName[] = ['attract', 'scanning', 'produceLookup', 'produceWeighing', 'payment', 'declined', 'paying', 'thanks', 'thanksFailed', 'attendant', 'outOfService', 'blocked', 'stillThere'];
const app = () => screen.getByTestId('app');

describe('shopper app', () => {
  it.each(FIXTURES)('renders %s in every language with no missing text and an accessibility button', (name) => {
    for (const language of LANGUAGES) {
      renderView(buildView(name, { language }));
      const text = app().textContent ?? '';
      expect(text, `${name}/${language}`).not.toMatch(/\{\{|(prompt|intervention|scanning|payment|thanks|attendant|produce|a11y|chrome)\.[a-z]/);
      expect(screen.getAllByRole('button', { name: /Accessibility|Barrierefreiheit|Доступность|دسترس‌پذیری/ }).length).toBeGreaterThan(0);
      cleanup();
    }
  });

  it('lays Persian out right-to-left on the root and the document', () => {
    renderView(buildView('scanning', { language: 'fa' }));
    expect(app().getAttribute('dir')).toBe('rtl');
    expect(app().getAttribute('lang')).toBe('fa');
    expect(document.documentElement.dir).toBe('rtl');
    expect(screen.getByTestId('total').textContent).toContain('۱۹٫۰۷');
    expect(screen.getByText('کالا را در محل بسته‌بندی بگذارید')).toBeTruthy();
    // Keypads keep telephone order
    fireEvent.click(screen.getByRole('button', { name: 'وارد کردن بارکد' }));
    expect(document.querySelector('.keypad__keys')?.getAttribute('dir')).toBe('ltr');
    expect(screen.getByRole('button', { name: '۷' })).toBeTruthy();
  });

  it('lays the other languages out left-to-right', () => {
    for (const language of ['en', 'de', 'ru'] as const) {
      renderView(buildView('scanning', { language }));
      expect(app().getAttribute('dir')).toBe('ltr');
      expect(document.documentElement.dir).toBe('ltr');
      cleanup();
    }
  });

  it('follows the language of the next view (the basket stays)', () => {
    renderView(buildView('scanning'));
    act(() => useLane.setState({ view: buildView('scanning', { language: 'de', seq: 2 }) }));
    expect(screen.getByText('Legen Sie den Artikel in den Ablagebereich')).toBeTruthy();
    expect(screen.getByText('Organic whole milk 1 l')).toBeTruthy();
  });

  it('turns on high contrast, large text and low reach from the accessibility panel', () => {
    const { client } = renderView(buildView('scanning'));
    expect(app().style.getPropertyValue('--c-bg')).toBe(NORMAL.bg);
    fireEvent.click(screen.getByRole('button', { name: 'Accessibility' }));
    const panel = within(screen.getByRole('dialog', { name: 'Make the screen easier to use' }));
    fireEvent.click(panel.getByRole('button', { name: /High contrast/ }));
    fireEvent.click(panel.getByRole('button', { name: /Large text/ }));
    fireEvent.click(panel.getByRole('button', { name: /Everything within reach/ }));
    expect(panel.getByRole('button', { name: /High contrast/ }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(panel.getByRole('button', { name: 'Done' }));
    expect(app().className).toContain('hc');
    expect(app().style.getPropertyValue('--c-bg')).toBe(HIGH_CONTRAST.bg);
    expect(document.documentElement.classList.contains('large-text')).toBe(true);
    expect(app().className).toContain('low-reach');
    // low reach: the upper half holds no control, only the prompt
    const top = document.querySelector('.reach-top') as HTMLElement;
    expect(top.textContent).toBe('Place the item in the bagging area');
    expect(top.querySelector('button')).toBeNull();
    // a UI-local preference: nothing was sent to the lane
    expect(client.intent).not.toHaveBeenCalled();
  });

  it('resets accessibility settings for the next shopper when the lane returns to attract', () => {
    renderView(buildView('thanks'));
    act(() => usePrefs.getState().toggle('largeText'));
    expect(usePrefs.getState().largeText).toBe(true);
    act(() => useLane.setState({ view: buildView('attract', { seq: 9 }) }));
    expect(usePrefs.getState().largeText).toBe(false);
  });

  it('asks "still there?" and answers session.stillHere', () => {
    const { client } = renderView(buildView('stillThere'));
    const dialog = screen.getByRole('dialog', { name: 'Are you still there?' });
    fireEvent.click(within(dialog).getByRole('button', { name: "Yes, I'm here" }));
    expect(sentIntents(client)).toEqual([{ type: 'session.stillHere' }]);
  });

  it('shows "one moment" only after a short grace period without the lane, and hides it on reconnect', () => {
    vi.useFakeTimers();
    renderView(buildView('scanning'), { connected: false });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    act(() => {
      vi.advanceTimersByTime(900);
    });
    expect(screen.getByRole('alertdialog', { name: 'One moment, please' })).toBeTruthy();
    act(() => useLane.setState({ connected: true, connection: 'open' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('announces every painted view with a lane:view event and a performance mark', async () => {
    const seen: Array<{ seq: number; screen: string }> = [];
    const on = (e: Event) => seen.push((e as CustomEvent<{ seq: number; screen: string }>).detail);
    window.addEventListener('lane:view', on);
    try {
      renderView(buildView('scanning', { seq: 41 }));
      await act(() => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      act(() => useLane.setState({ view: buildView('payment', { seq: 42 }) }));
      await act(() => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      expect(seen.filter((d) => d.seq >= 41)).toEqual([
        { seq: 41, screen: 'scanning' },
        { seq: 42, screen: 'payment' },
      ]);
      expect(performance.getEntriesByName('lane:view:42', 'mark')).toHaveLength(1);
    } finally {
      window.removeEventListener('lane:view', on);
    }
  });

  it('shows the attendant menu over a blocking intervention once staff log in', () => {
    renderView(buildView('attendant', {}, { blocked: true }));
    expect(screen.getByText(/Staff menu · Maria/)).toBeTruthy();
  });

  it('gives every icon-only button an accessible name', () => {
    for (const name of ['scanning', 'produceLookup', 'attendant'] as const) {
      renderView(buildView(name));
      for (const b of screen.getAllByRole('button')) expect((b.getAttribute('aria-label') ?? b.textContent ?? '').trim(), b.outerHTML.slice(0, 80)).not.toBe('');
      cleanup();
    }
  });
});
