import { beforeAll, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { IpcChannel, type LaneBridge, type ShellServiceState } from '../../contracts/shell.ts';
import { fake } from '../testing/fake-electron.ts';

vi.mock('electron', async () => (await import('../testing/fake-electron.ts')).electronModule);

let bridge: LaneBridge;
beforeAll(async () => {
  await import('./preload.ts');
  bridge = fake.exposed.laneBridge as LaneBridge;
});

describe('preload', () => {
  it('exposes laneBridge with one method per message and nothing else', () => {
    expect(Object.keys(fake.exposed)).toEqual(['laneBridge']);
    expect(Object.keys(bridge).sort()).toEqual(['connection', 'onServiceState']);
    expect(Object.values(bridge).includes(fake.ipcRenderer)).toBe(false);
  });

  it('asks main for the connection on its channel and passes the result through', async () => {
    fake.ipcRenderer.invokeReply = { ok: true, value: { url: 'http://127.0.0.1:1', wsUrl: 'ws://127.0.0.1:1/ws', token: 't' } };
    await expect(bridge.connection()).resolves.toEqual(fake.ipcRenderer.invokeReply);
    expect(fake.ipcRenderer.invoked.at(-1)).toBe(IpcChannel.connection);
  });

  it('turns a malformed reply into an internal error', async () => {
    fake.ipcRenderer.invokeReply = { ok: true, value: { url: 1 } };
    await expect(bridge.connection()).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('delivers service states without the IPC event, drops malformed ones, and unsubscribes', () => {
    const seen: ShellServiceState[] = [];
    const off = bridge.onServiceState((s) => seen.push(s));
    fake.ipcRenderer.emit(IpcChannel.serviceState, { sender: 'event' }, { state: 'restarting', attempt: 2, delayMs: 1000 });
    fake.ipcRenderer.emit(IpcChannel.serviceState, { sender: 'event' }, { state: 'bogus' });
    off();
    fake.ipcRenderer.emit(IpcChannel.serviceState, { sender: 'event' }, { state: 'ready' });
    expect(seen).toEqual([{ state: 'restarting', attempt: 2, delayMs: 1000 }]);
  });
});
