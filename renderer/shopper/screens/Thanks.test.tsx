// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildView, intervention } from '../../shared/fixtures.ts';
import { renderView, sentIntents } from '../testing.tsx';

afterEach(cleanup);

describe('Thanks screen', () => {
  it('says the receipt is printed, shows a QR code for the e-receipt and finishes on done', async () => {
    const { client } = renderView(buildView('thanks'));
    expect(within(screen.getByRole('status')).getByText('Please take your receipt')).toBeTruthy();
    expect(screen.getByText(/Paid €19.07/)).toBeTruthy();
    const qr = (await screen.findByTestId('qr')) as HTMLImageElement;
    expect(qr.src.startsWith('data:image/svg+xml')).toBe(true);
    expect(qr.alt).toBe('Scan for your digital receipt');
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(sentIntents(client)).toEqual([{ type: 'session.finish' }]);
  });
  it('says why the receipt did not print and that an assistant will bring it', () => {
    renderView(buildView('thanksFailed'));
    const status = within(screen.getByRole('status'));
    expect(status.getByText('Your receipt could not be printed')).toBeTruthy();
    expect(status.getByText('Why: the printer is out of paper')).toBeTruthy();
    expect(status.getByText('An assistant will bring your receipt to you.')).toBeTruthy();
  });
  it('stays the thanks screen while paper out blocks the lane, without a Done the lane would refuse', () => {
    renderView(buildView('thanksFailed', {}, { blocked: true, interventions: [intervention('paperOut', { blocking: true })] }));
    expect(screen.getByText('Thank you for shopping with us')).toBeTruthy();
    expect(screen.getByText(/Paid €19.07/)).toBeTruthy();
    expect(within(screen.getByRole('status')).getByText('An assistant will bring your receipt to you.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Done' })).toBeNull();
  });
  it('has no QR code without a receipt URL', () => {
    renderView(buildView('thanks', {}, { receipt: { status: 'printing' } }));
    expect(screen.getByText('Printing your receipt…')).toBeTruthy();
    expect(screen.queryByTestId('qr')).toBeNull();
  });
});
