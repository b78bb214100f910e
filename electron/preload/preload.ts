/**
 * Runs: preload (sandboxed; bundled to one CommonJS file, see build.ts). Exposes the
 * smallest bridge, `window.laneBridge`: one method per message, never `ipcRenderer` itself,
 * never the IPC event object.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Result } from '../../contracts/errors.ts';
import { IpcChannel, LANE_BRIDGE_KEY, isShellServiceState, type LaneBridge, type LaneConnection, type ShellServiceState } from '../../contracts/shell.ts';

function isConnectionResult(value: unknown): value is Result<LaneConnection> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === false) return 'error' in value;
  if (value.ok !== true || !('value' in value)) return false;
  const v = value.value;
  return typeof v === 'object' && v !== null && 'url' in v && 'wsUrl' in v && 'token' in v && typeof v.url === 'string' && typeof v.wsUrl === 'string' && typeof v.token === 'string';
}

const laneBridge: LaneBridge = {
  async connection() {
    const reply: unknown = await ipcRenderer.invoke(IpcChannel.connection);
    if (isConnectionResult(reply)) return reply;
    return { ok: false, error: { code: 'internal', message: 'malformed reply from the shell' } };
  },
  onServiceState(listener: (state: ShellServiceState) => void) {
    const handler = (_event: IpcRendererEvent, state: unknown): void => {
      if (isShellServiceState(state)) listener(state);
    };
    ipcRenderer.on(IpcChannel.serviceState, handler);
    return () => {
      ipcRenderer.removeListener(IpcChannel.serviceState, handler);
    };
  },
};

contextBridge.exposeInMainWorld(LANE_BRIDGE_KEY, laneBridge);
