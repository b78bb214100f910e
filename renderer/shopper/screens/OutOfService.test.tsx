// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildView } from '../../shared/fixtures.ts';
import { renderView } from '../testing.tsx';

afterEach(cleanup);

describe('Out of service screen', () => {
  it('shows a clear sign and never the reason to shoppers', () => {
    renderView(buildView('outOfService', {}, { closedReason: 'Printer maintenance' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('This checkout is closed');
    expect(screen.getByText('Please use another checkout. Thank you.')).toBeTruthy();
    expect(screen.queryByText(/Printer maintenance/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Staff' })).toBeTruthy();
  });
  it('shows the reason when an attendant is logged in', () => {
    renderView(buildView('outOfServiceStaff'));
    expect(screen.getByText('Reason: Printer maintenance until 14:00')).toBeTruthy();
  });
});
