import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ServerMessage } from '../contracts/index.ts';
import { ClientMessage, fail, fromZodError } from '../contracts/index.ts';
import type { LaneService } from './service.ts';
import type { Logger } from '../core/log.ts';

/**
 * The lane service's loopback API (docs/SERVICE-API.md): static UI, /health, and the
 * WebSocket that carries LaneViews out and intents in. Every frame is schema-validated.
 */
export interface LaneServerOptions {
  service: LaneService;
  logger: Logger;
  host?: string;
  port?: number;
  token?: string;
  /** Built UI (vite outDir). */
  staticDir?: string;
  /** Extra static roots (e.g. catalogue pictures under /pictures/). */
  mounts?: Record<string, string>;
}

export interface LaneServer {
  url: string;
  wsUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

const BASE_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The Content-Security-Policy per page. The attendant console talks MQTT over WebSocket to
 * the store's broker (another port or host, ws: or wss:), and mqtt.js runs its keep-alive
 * timer in a Web Worker it creates from a blob: URL, so a background tab's throttled timers
 * cannot starve the pings; without `worker-src blob:` no PINGREQ is ever sent and the broker
 * drops the console after 1.5 keep-alive periods. Other pages get no workers at all.
 */
export function contentSecurityPolicy(urlPath: string): string {
  if (urlPath === '/attendant' || urlPath.startsWith('/attendant/')) return `${BASE_CSP}; connect-src 'self' ws: wss:; worker-src 'self' blob:`;
  return `${BASE_CSP}; connect-src 'self' ws:; worker-src 'none'`;
}

function securityHeaders(urlPath: string): Record<string, string> {
  return { 'content-security-policy': contentSecurityPolicy(urlPath), 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function serveFile(res: ServerResponse, root: string, urlPath: string, pagePath = urlPath): boolean {
  const rel = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  let file = resolve(root, rel);
  if (!file.startsWith(resolve(root))) return false;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return false;
  res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', ...securityHeaders(pagePath) });
  createReadStream(file).pipe(res);
  return true;
}

export async function startLaneServer(opts: LaneServerOptions): Promise<LaneServer> {
  const { service, logger } = opts;
  const token = opts.token ?? randomBytes(16).toString('hex');
  const host = opts.host ?? '127.0.0.1';

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (url.pathname === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, laneId: service.laneId, seq: service.view().seq }));
      return;
    }
    for (const [prefix, dir] of Object.entries(opts.mounts ?? {})) {
      if (url.pathname.startsWith(prefix) && serveFile(res, dir, url.pathname.slice(prefix.length), url.pathname)) return;
    }
    if (opts.staticDir && existsSync(opts.staticDir) && serveFile(res, opts.staticDir, url.pathname)) return;
    if (url.pathname === '/' && !(opts.staticDir && existsSync(opts.staticDir))) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Lane service is running. The touch UI is not built: run `npm run build:ui`.\n');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const given = url.searchParams.get('token') ?? '';
    if (url.pathname !== '/ws' || !safeEqual(given, token)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const send = (m: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    };
    send({ type: 'view', view: service.view() });
    const offView = service.onView((view) => send({ type: 'view', view }));
    const offCue = service.onCue((cue, at) => send({ type: 'cue', cue, at }));
    ws.on('close', () => {
      offView();
      offCue();
    });
    ws.on('message', async (data) => {
      let json: unknown;
      try {
        json = JSON.parse(String(data));
      } catch {
        send({ type: 'reply', id: '?', ok: false, error: { code: 'invalidInput', message: 'frame is not JSON' } });
        return;
      }
      const parsed = ClientMessage.safeParse(json);
      if (!parsed.success) {
        const id = typeof (json as { id?: unknown })?.id === 'string' ? (json as { id: string }).id : '?';
        send({ type: 'reply', id, ok: false, error: fromZodError(parsed.error, 'message') });
        return;
      }
      const msg = parsed.data;
      if (msg.type === 'hello') return;
      const byPin = msg.type === 'command' && msg.pin ? await service.authenticate(msg.pin) : null;
      const r =
        msg.type === 'intent'
          ? await service.handleIntent(msg.intent)
          : msg.type === 'command'
            ? byPin && !byPin.ok
              ? byPin
              : service.command(msg.command, byPin?.ok ? { attendant: byPin.value } : {})
            : msg.type === 'query'
              ? service.query(msg.query)
              : msg.type === 'sim'
                ? await service.simulate(msg.action)
                : fail('invalidInput', 'unknown message');
      if (r.ok) send({ type: 'reply', id: msg.id, ok: true, ...(msg.type === 'query' ? { value: r.value } : {}) });
      else send({ type: 'reply', id: msg.id, ok: false, error: r.error });
    });
  });

  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(opts.port ?? 7310, host, () => res());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  logger.info({ url }, 'lane server listening');
  return {
    url,
    wsUrl: `ws://${host}:${port}/ws`,
    token,
    port,
    close: () =>
      new Promise<void>((res) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => res());
        server.closeAllConnections?.();
      }),
  };
}
