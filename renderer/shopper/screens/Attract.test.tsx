// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildView } from '../../shared/fixtures.ts';
import { renderView, sentIntents } from '../testing.tsx';

afterEach(cleanup);

describe('Attract screen', () => {
  it('starts a session when the shopper taps start', () => {
    const { client } = renderView(buildView('attract'));
    fireEvent.click(screen.getByRole('button', { name: /Start/ }));
    expect(sentIntents(client)).toEqual([{ type: 'session.start' }]);
  });
  it('declares an own bag and shows it as pressed once the lane has noted it', () => {
    const { client } = renderView(buildView('attract'));
    fireEvent.click(screen.getByRole('button', { name: 'I brought my own bag' }));
    expect(sentIntents(client)).toEqual([{ type: 'ownBag.declare' }]);
    cleanup();
    renderView(buildView('attract', {}, { ownBag: true }));
    expect(screen.getByRole('button', { name: 'Own bag noted' }).getAttribute('aria-pressed')).toBe('true');
  });
  it('offers every language by its own name and sends language.set', () => {
    const { client } = renderView(buildView('attract'));
    for (const name of ['English', 'Deutsch', 'Русский', 'فارسی']) expect(screen.getByRole('button', { name })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Русский' }));
    expect(sentIntents(client)).toEqual([{ type: 'language.set', language: 'ru' }]);
  });
  it('lets staff log in with a PIN', async () => {
    const { client } = renderView(buildView('attract'));
    fireEvent.click(screen.getByRole('button', { name: 'Staff' }));
    for (const d of ['1', '2', '3', '4']) fireEvent.click(screen.getByRole('button', { name: d }));
    expect(screen.getByLabelText('PIN').textContent).toBe('••••');
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(sentIntents(client)).toEqual([{ type: 'attendant.login', pin: '1234' }]);
  });
  it('says so when the PIN is rejected', async () => {
    const { client } = renderView(buildView('attract'));
    client.intent.mockResolvedValueOnce({ ok: false, error: { code: 'unauthorized', message: 'bad pin' } });
    fireEvent.click(screen.getByRole('button', { name: 'Staff' }));
    for (const d of ['9', '9', '9', '9']) fireEvent.click(screen.getByRole('button', { name: d }));
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'That PIN was not accepted');
  });
});
