// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InterventionKind } from '../../../contracts/view.ts';
import { buildView, FIXTURE_NOW, intervention } from '../../shared/fixtures.ts';
import { renderView } from '../testing.tsx';

afterEach(cleanup);

describe('Blocked screen', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance', 'Date', 'requestAnimationFrame', 'cancelAnimationFrame'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('explains an age check calmly, says what happens next and counts the wait up from the lane clock', () => {
    renderView(buildView('blocked'));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('An assistant is on the way to check your age');
    expect(screen.getByText(/Red wine 0.75 l can only be sold from age 18/)).toBeTruthy();
    expect(screen.getByText(/Please have an ID ready/)).toBeTruthy();
    // raised 75 s before view.now
    expect(screen.getByTestId('elapsed').textContent).toBe('1:15');
    act(() => {
      vi.advanceTimersByTime(10_000);
    });
    expect(screen.getByTestId('elapsed').textContent).toBe('1:25');
  });

  it.each(InterventionKind.options.filter((k) => k !== 'help'))('has a full-screen explanation for %s', (kind) => {
    renderView(buildView('scanning', {}, { blocked: true, interventions: [intervention(kind)] }));
    const h1 = screen.getByRole('heading', { level: 1 });
    expect(h1.textContent).not.toMatch(/intervention\.|\{\{/);
    expect(screen.getByRole('alert').getAttribute('data-kind')).toBe(kind);
    expect(screen.queryByRole('button', { name: /Pay/ })).toBeNull();
  });

  it('falls back to a general sentence when the detail lacks the item', () => {
    renderView(buildView('scanning', {}, { blocked: true, interventions: [intervention('weightMismatch', { detail: {} })] }));
    expect(screen.getByText(/The last item weighs differently/)).toBeTruthy();
  });

  it('shows the oldest blocking intervention first and how many more wait (plural)', () => {
    const ivs = [intervention('weightMismatch', { since: FIXTURE_NOW - 5_000 }), intervention('ageCheck', { since: FIXTURE_NOW - 50_000 }), intervention('unknownItem', { since: FIXTURE_NOW - 1_000 })];
    renderView(buildView('scanning', {}, { blocked: true, interventions: ivs }));
    expect(screen.getByRole('alert').getAttribute('data-kind')).toBe('ageCheck');
    expect(screen.getByText('And 2 more things to check')).toBeTruthy();
  });

  it('speaks Russian plurals for the others waiting', () => {
    const ivs = [intervention('ageCheck'), ...[1, 2, 3, 4, 5].map((n) => intervention('unknownItem', { id: `u${n}`, since: FIXTURE_NOW }))];
    renderView(buildView('scanning', { language: 'ru' }, { blocked: true, interventions: ivs }));
    expect(screen.getByText('И ещё 5 вопросов на проверку')).toBeTruthy();
  });
});
