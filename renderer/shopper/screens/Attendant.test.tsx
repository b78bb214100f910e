// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AttendantCommand } from '../../../contracts/intents.ts';
import { buildView } from '../../shared/fixtures.ts';
import { renderView, sentIntents, type MockClient } from '../testing.tsx';

afterEach(cleanup);

const commands = (client: MockClient) => client.command.mock.calls.map((c) => c[0]);

describe('Attendant mode at the lane', () => {
  it('approves and denies pending interventions as commands by the logged-in attendant', () => {
    const { client } = renderView(buildView('attendant'));
    const rows = document.querySelectorAll('[data-intervention]');
    expect(rows).toHaveLength(2);
    fireEvent.click(within(rows[0] as HTMLElement).getByRole('button', { name: 'Approve' }));
    fireEvent.click(within(rows[1] as HTMLElement).getByRole('button', { name: 'Deny' }));
    const [a, d] = commands(client);
    expect(a).toMatchObject({ type: 'intervention.approve', interventionId: 'iv-ageCheck', kind: 'ageCheck', by: 'att-7' });
    expect(d).toMatchObject({ type: 'intervention.deny', interventionId: 'iv-weightMismatch', by: 'att-7' });
    expect(a?.id).not.toBe(d?.id);
    for (const c of commands(client)) expect(AttendantCommand.safeParse(c).success).toBe(true);
  });
  it('voids an item and overrides a price on the keypad', () => {
    const { client } = renderView(buildView('attendant'));
    fireEvent.click(screen.getByRole('button', { name: 'Void: Sourdough bread' }));
    fireEvent.click(screen.getByRole('button', { name: 'Change price: Sourdough bread' }));
    const dialog = screen.getByRole('dialog');
    for (const d of '299') fireEvent.click(within(dialog).getByRole('button', { name: d }));
    expect(within(dialog).getByText(/€2.99/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply' }));
    expect(commands(client).map(({ id: _id, ...rest }) => rest)).toEqual([
      { type: 'item.void', lineId: 'L2', by: 'att-7' },
      { type: 'price.override', lineId: 'L2', unitPriceMinor: 299, by: 'att-7' },
    ]);
  });
  it('cancels the transaction, reprints, closes the lane with a reason and logs out', () => {
    const { client } = renderView(buildView('attendant'));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel transaction' }));
    fireEvent.click(screen.getByRole('button', { name: 'Reprint receipt' }));
    fireEvent.click(screen.getByRole('button', { name: 'Close lane' }));
    fireEvent.click(screen.getByRole('button', { name: 'Maintenance' }));
    expect(commands(client).map((c) => c.type)).toEqual(['transaction.cancel', 'receipt.reprint', 'lane.close']);
    expect(commands(client)[2]).toMatchObject({ reason: 'Maintenance' });
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    expect(sentIntents(client)).toEqual([{ type: 'attendant.logout' }]);
  });
  it('opens a closed lane', () => {
    const { client } = renderView(buildView('attendant', {}, { closedReason: 'break' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open lane' }));
    expect(commands(client)[0]).toMatchObject({ type: 'lane.open', by: 'att-7' });
  });
  it('shows device status and the result of a refused command', async () => {
    const { client } = renderView(buildView('attendant'));
    expect(screen.getByText(/Warning · paperNearEnd/)).toBeTruthy();
    client.command.mockResolvedValueOnce({ ok: false, error: { code: 'unauthorized', message: 'supervisor only' } });
    fireEvent.click(screen.getByRole('button', { name: 'Reprint receipt' }));
    expect((await screen.findByText('Not done: supervisor only')).getAttribute('role')).toBe('status');
  });
});
