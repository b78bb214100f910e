import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { WebSocketServer, createWebSocketStream } from 'ws';
import { systemClock, type Clock } from '../core/clock.ts';
import type { Logger } from '../core/log.ts';
import { createLogger } from '../core/log.ts';
import { BusAuthenticator } from './authenticator.ts';
import { type BusAccountsInput } from '../store-bus/accounts.ts';
import { mayPublish, maySubscribe, type BusIdentity } from '../store-bus/acl.ts';

/**
 * The embedded store-bus broker (Aedes): one machine runs a whole island with no set-up.
 * Authentication and ACLs are exactly those of store-bus/acl.ts; a real store runs Mosquitto
 * or EMQX with the same table (mosquitto.ts generates its files).
 *
 * MQTT 3.1.1 only (Aedes does not speak MQTT 5). A forbidden PUBLISH closes the
 * connection (MQTT 3.1.1 has no negative PUBACK; Aedes drops the client) and is never
 * delivered; a forbidden SUBSCRIBE is granted with failure code 0x80.
 */
export interface EmbeddedBrokerOptions {
  accounts: BusAccountsInput;
  /** TCP port for MQTT (1883 by default; 0 = any free port). */
  port?: number;
  /** MQTT over WebSocket for browser consoles (e.g. 8083; 0 = any free port; absent = none). */
  wsPort?: number;
  /** Bind address; loopback unless the island's consoles are on other machines. */
  host?: string;
  /** PEM key and certificate: the TCP listener speaks MQTTS and WebSocket WSS. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  clock?: Clock;
  logger?: Logger;
}

export interface EmbeddedBroker {
  /** `mqtt://host:port` (or `mqtts://`). */
  url: string;
  /** `ws://host:port/mqtt` (or `wss://`), or null without a WebSocket listener. */
  wsUrl: string | null;
  /** Clients connected now (for health pages and tests). */
  connectedClients(): number;
  close(): Promise<void>;
}

function authError(message: string, returnCode: 4 | 5): AuthenticateError {
  // 4 = bad user name or password; 5 = not authorized (used for a locked-out name).
  return Object.assign(new Error(message), { returnCode });
}

function listen(server: NetServer | HttpServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startEmbeddedBroker(opts: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? createLogger('bus-broker');
  const host = opts.host ?? '127.0.0.1';
  const auth = new BusAuthenticator(opts.accounts, clock);
  const storeId = auth.accounts.storeId;
  const identities = new WeakMap<Client, BusIdentity>();

  const broker = await Aedes.createBroker({
    // A client id must be the user name or start with `<user name>:`, so nobody can take
    // over (and thereby disconnect) another user's session.
    authenticate(client, username, password, done) {
      const user = username ?? '';
      const r = auth.authenticate(user, password ? password.toString('utf8') : '');
      if (!r.ok) {
        logger.warn({ username: user, clientId: client.id, reason: r.reason }, 'bus login refused');
        return done(authError(r.error.message, r.reason === 'lockedOut' ? 5 : 4), false);
      }
      if (client.id !== user && !client.id.startsWith(`${user}:`)) {
        logger.warn({ username: user, clientId: client.id }, 'bus login refused: client id must be the user name or start with "<user>:"');
        return done(authError('client id does not belong to this user', 5), false);
      }
      identities.set(client, r.value);
      logger.info({ username: user, kind: r.value.kind, clientId: client.id }, 'bus login');
      done(null, true);
    },
    authorizePublish(client, packet, done) {
      const identity = client ? identities.get(client) : undefined;
      if (!identity || !mayPublish(identity, packet.topic, storeId)) {
        logger.warn({ username: identity?.username ?? null, topic: packet.topic }, 'bus publish refused by ACL');
        return done(new Error(`not allowed to publish to ${packet.topic}`));
      }
      done(null);
    },
    authorizeSubscribe(client, sub, done) {
      const identity = identities.get(client);
      if (!identity || !maySubscribe(identity, sub.topic, storeId)) {
        logger.warn({ username: identity?.username ?? null, topic: sub.topic }, 'bus subscribe refused by ACL');
        return done(null, null);
      }
      done(null, sub);
    },
  });
  broker.on('clientError', (client, err) => logger.debug({ clientId: client.id, err: err.message }, 'bus client error'));
  broker.on('connectionError', (client, err) => logger.debug({ clientId: client.id, err: err.message }, 'bus connection error'));

  const tcp = opts.tls ? createTlsServer({ key: opts.tls.key, cert: opts.tls.cert }, (s) => broker.handle(s)) : createNetServer((s) => broker.handle(s));
  const sockets = new Set<Socket>();
  tcp.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  const port = await listen(tcp, opts.port ?? 1883, host);
  const scheme = opts.tls ? 'mqtts' : 'mqtt';

  let http: HttpServer | null = null;
  let wss: WebSocketServer | null = null;
  let wsUrl: string | null = null;
  if (opts.wsPort !== undefined) {
    http = opts.tls ? createHttpsServer({ key: opts.tls.key, cert: opts.tls.cert }) : createHttpServer();
    wss = new WebSocketServer({
      server: http,
      path: '/mqtt',
      handleProtocols: (protocols) => (protocols.has('mqtt') ? 'mqtt' : protocols.has('mqttv3.1') ? 'mqttv3.1' : false),
    });
    wss.on('connection', (ws, req) => {
      const stream = createWebSocketStream(ws);
      stream.on('error', () => ws.terminate());
      broker.handle(stream, req);
    });
    const wsPort = await listen(http, opts.wsPort, host);
    wsUrl = `${opts.tls ? 'wss' : 'ws'}://${host}:${wsPort}/mqtt`;
  }
  logger.info({ url: `${scheme}://${host}:${port}`, wsUrl, storeId }, 'embedded bus broker listening');

  let closed = false;
  return {
    url: `${scheme}://${host}:${port}`,
    wsUrl,
    connectedClients: () => broker.connectedClients,
    async close() {
      if (closed) return;
      closed = true;
      const ws = wss;
      const web = http;
      for (const c of ws?.clients ?? []) c.terminate();
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => broker.close(() => r()));
      await new Promise<void>((r) => tcp.close(() => r()));
      if (ws) await new Promise<void>((r) => ws.close(() => r()));
      if (web) await new Promise<void>((r) => web.close(() => r()));
    },
  };
}
