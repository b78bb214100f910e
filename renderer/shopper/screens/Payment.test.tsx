// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DeclineReason } from '../../../contracts/devices.ts';
import { buildView } from '../../shared/fixtures.ts';
import { renderView, sentIntents } from '../testing.tsx';

afterEach(cleanup);

describe('Payment screen', () => {
  it('shows the amount and pays by card', () => {
    const { client } = renderView(buildView('payment'));
    expect(screen.getByTestId('amount').textContent).toBe('€19.07');
    fireEvent.click(screen.getByRole('button', { name: /Card or phone/ }));
    expect(sentIntents(client)).toEqual([{ type: 'pay.card' }]);
  });
  it('goes back to the basket or cancels the payment', () => {
    const { client } = renderView(buildView('payment'));
    fireEvent.click(screen.getByRole('button', { name: 'Back to basket' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel payment' }));
    expect(sentIntents(client)).toEqual([{ type: 'pay.back' }, { type: 'pay.cancel' }]);
  });
  it('explains a decline in plain words and offers try again, another card and help', () => {
    const { client } = renderView(buildView('declined'));
    expect(screen.getByText('This card has expired.')).toBeTruthy();
    expect(screen.getByText('No money was taken.')).toBeTruthy();
    const declined = within(screen.getByRole('alert'));
    fireEvent.click(declined.getByRole('button', { name: 'Try again' }));
    fireEvent.click(declined.getByRole('button', { name: /Use another card/ }));
    fireEvent.click(declined.getByRole('button', { name: 'Call assistant' }));
    expect(sentIntents(client)).toEqual([{ type: 'pay.card' }, { type: 'pay.card' }, { type: 'help.request' }]);
  });
  it.each(DeclineReason.options)('has words for the decline reason %s', (reason) => {
    renderView(buildView('declined', {}, { payment: { amountMinor: 100, status: 'declined', attempts: 1, declineReason: reason } }));
    const p = document.querySelector('.declined__reason');
    expect(p?.textContent).toMatch(/\.$/);
    expect(p?.textContent).not.toContain('decline.');
  });
  it('mirrors the terminal prompt while waiting for the card', () => {
    renderView(buildView('payment', {}, { payment: { amountMinor: 1907, status: 'waiting', attempts: 0, terminalPrompt: 'presentCard' } }));
    expect(screen.getByText('Tap your card or phone on the reader')).toBeTruthy();
    expect(document.querySelector('[aria-current=step]')?.textContent).toContain('Tap or insert your card');
  });
});

describe('Paying screen', () => {
  it('shows the frozen amount and the terminal instruction step by step', () => {
    renderView(buildView('paying'));
    expect(screen.getByTestId('amount').textContent).toBe('€19.07');
    expect(screen.getByTestId('terminal-prompt').textContent).toBe('Enter your PIN on the card reader');
    expect(document.querySelector('[aria-current=step]')?.textContent).toContain('Enter your PIN if asked');
    expect(screen.queryByRole('button', { name: /Pay/ })).toBeNull();
  });
  it('follows the terminal prompt as it changes', () => {
    renderView(buildView('paying', {}, { payment: { amountMinor: 1907, status: 'waiting', attempts: 0, terminalPrompt: 'removeCard' } }));
    expect(screen.getByTestId('terminal-prompt').textContent).toBe('Please remove your card');
  });
});
