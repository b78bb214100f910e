import type { Result } from '../../contracts/errors.ts';
import { connectConsole, type ConsoleClient } from '../../store-bus/consoleClient.ts';
import type { BusConnector, ConnectResult, ConsoleBus } from './busSource.ts';

/**
 * The console's bus: `store-bus/consoleClient.ts` (MQTT over WebSocket) behind the
 * console's small `ConsoleBus` interface. Login failures become plain reasons:
 * CONNACK 4 (bad user name or password) → wrongPin, 5 (not authorized; the embedded broker
 * uses it for a locked-out name) → lockedOut, no connection in time → unreachable.
 */
export interface BusAddress {
  /** `ws://host:port/mqtt` or `wss://…`. */
  url: string;
  storeId: string;
  consoleId: string;
  /** MQTT keep-alive in seconds (`?keepalive=`, 1–3600; default 15): shorter behind NATs that drop idle links. */
  keepaliveSeconds?: number;
}

/** Where the broker is, from the page's query: `?bus=ws://127.0.0.1:8083&store=demo`. */
export function busAddressFromLocation(location: Pick<Location, 'search' | 'hostname' | 'protocol'>, consoleId: string): BusAddress {
  const q = new URLSearchParams(location.search);
  const secure = location.protocol === 'https:';
  const fallback = `${secure ? 'wss' : 'ws'}://${location.hostname || '127.0.0.1'}:8083/mqtt`;
  const keepalive = Number(q.get('keepalive'));
  return {
    url: normaliseBusUrl(q.get('bus') ?? fallback),
    storeId: q.get('store') ?? 'demo',
    consoleId,
    ...(Number.isInteger(keepalive) && keepalive >= 1 && keepalive <= 3600 ? { keepaliveSeconds: keepalive } : {}),
  };
}

/** `ws://h:8083` → `ws://h:8083/mqtt` (the path the embedded broker serves); a given path stays. */
export function normaliseBusUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.pathname === '' || u.pathname === '/') u.pathname = '/mqtt';
    return u.toString();
  } catch {
    return raw;
  }
}

function adapt(client: ConsoleClient): ConsoleBus {
  return {
    getSnapshot: () => client.getSnapshot(),
    subscribe: (l) => client.subscribe(l),
    onEvent: (l) => client.onEvent(l),
    send: (laneId, command, options) => client.send(laneId, command, options),
    shiftSummary: () => client.shiftSummary(),
    close: () => client.close(),
  };
}

export function mqttConnector(address: BusAddress): BusConnector {
  return async ({ attendantId, secret }): Promise<ConnectResult> => {
    const r: Result<ConsoleClient> = await connectConsole({
      url: address.url,
      storeId: address.storeId,
      consoleId: address.consoleId,
      attendantId,
      pin: secret,
      commandTtlMs: 15_000,
      connectTimeoutMs: 8000,
      ...(address.keepaliveSeconds ? { keepaliveSeconds: address.keepaliveSeconds } : {}),
    });
    if (r.ok) return { ok: true, bus: adapt(r.value), attendant: null };
    const connack = r.error.detail?.['connack'];
    if (connack === 4) return { ok: false, reason: 'wrongPin', message: r.error.message };
    if (connack === 5) return { ok: false, reason: 'lockedOut', message: r.error.message };
    if (r.error.code === 'timeout') return { ok: false, reason: 'unreachable', message: r.error.message };
    return { ok: false, reason: 'refused', message: r.error.message };
  };
}
