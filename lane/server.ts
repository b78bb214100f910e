import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync, type Stats } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
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

/** A request target as a URL, or null when it is not one (bad host, bad syntax). Never throws. */
function requestUrl(target: string | undefined): URL | null {
  // Only origin-form targets (`/path?query`) are served; `//host/…` and absolute forms are not.
  if (!target || !target.startsWith('/') || target.startsWith('//')) return null;
  return URL.canParse(target, 'http://lane.invalid') ? new URL(target, 'http://lane.invalid') : null;
}

/** `decodeURIComponent` as a value: null for bad percent-encoding (`%zz`, a cut UTF-8 sequence). */
function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/** A file's stat, or null for anything that is not there or not readable (ENOENT, ENOTDIR, ENAMETOOLONG …). */
function statOf(file: string): Stats | null {
  try {
    return statSync(file, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

/** A Host header that is a host name or address with an optional port, nothing else. */
function validHost(host: string | undefined): boolean {
  if (host === undefined) return true; // HTTP/1.0; Node refuses an HTTP/1.1 request without one
  if (!/^[A-Za-z0-9.\-_~%[\]:]+$/.test(host) || !URL.canParse(`http://${host}/`)) return false;
  return new URL(`http://${host}/`).pathname === '/';
}

type Served = 'served' | 'missing' | 'badPath';

function serveFile(res: ServerResponse, root: string, urlPath: string, pagePath = urlPath): Served {
  const decoded = decodePath(urlPath);
  if (decoded === null || decoded.includes('\0')) return 'badPath';
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  const base = resolve(root);
  let file = resolve(base, rel);
  if (file !== base && !file.startsWith(base + sep)) return 'missing';
  if (statOf(file)?.isDirectory()) file = join(file, 'index.html');
  if (!statOf(file)?.isFile()) return 'missing';
  const stream = createReadStream(file);
  stream.once('open', () => {
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', ...securityHeaders(pagePath) });
    stream.pipe(res);
  });
  stream.once('error', () => {
    if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    else res.destroy();
  });
  return 'served';
}

export async function startLaneServer(opts: LaneServerOptions): Promise<LaneServer> {
  const { service, logger } = opts;
  const token = opts.token ?? randomBytes(16).toString('hex');
  const host = opts.host ?? '127.0.0.1';

  /** One log line per refused request or broken connection; the process carries on. */
  const refuse = (res: ServerResponse, status: number, why: string, req: IncomingMessage) => {
    logger.warn({ status, why, method: req.method, target: String(req.url ?? '').slice(0, 200), remote: req.socket.remoteAddress }, 'http request refused');
    if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(`${why}\n`);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const url = requestUrl(req.url);
    if (!url) return refuse(res, 400, 'bad request target', req);
    if (!validHost(req.headers.host)) return refuse(res, 400, 'bad Host header', req);
    if (url.pathname === '/health') {
      const h = service.health();
      res.writeHead(h.ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ ...h, laneId: service.laneId, seq: service.view().seq }));
      return;
    }
    for (const [prefix, dir] of Object.entries(opts.mounts ?? {})) {
      if (!url.pathname.startsWith(prefix)) continue;
      const r = serveFile(res, dir, url.pathname.slice(prefix.length), url.pathname);
      if (r === 'badPath') return refuse(res, 400, 'bad path encoding', req);
      if (r === 'served') return;
    }
    if (opts.staticDir && existsSync(opts.staticDir)) {
      const r = serveFile(res, opts.staticDir, url.pathname);
      if (r === 'badPath') return refuse(res, 400, 'bad path encoding', req);
      if (r === 'served') return;
    }
    if (url.pathname === '/' && !(opts.staticDir && existsSync(opts.staticDir))) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Lane service is running. The touch UI is not built: run `npm run build:ui`.\n');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    try {
      handle(req, res);
    } catch (err) {
      // A bug, not bad input: answer this request, keep serving the others.
      logger.error({ err, target: String(req.url ?? '').slice(0, 200) }, 'http handler failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error\n');
    }
  });
  // Bytes that are not HTTP (bad request line, header overflow, a reset socket): answer
  // 400/431 when the socket can still take it, close it, log once.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    logger.warn({ code: err.code, why: err.message }, 'http connection refused');
    if (err.code !== 'ECONNRESET' && socket.writable) {
      const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    }
    socket.destroy();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    // Until `ws` owns it, a reset on this socket must not become an uncaught error.
    const onSocketError = (err: Error) => logger.warn({ why: err.message }, 'websocket upgrade: socket error');
    socket.on('error', onSocketError);
    const refuseUpgrade = (status: string, why: string) => {
      logger.warn({ status, why, target: String(req.url ?? '').slice(0, 200), origin: req.headers.origin }, 'websocket upgrade refused');
      if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    const url = requestUrl(req.url);
    if (!url || !validHost(req.headers.host)) return refuseUpgrade('400 Bad Request', 'bad request target or Host');
    const given = url.searchParams.get('token') ?? '';
    if (url.pathname !== '/ws' || !safeEqual(given, token)) return refuseUpgrade('401 Unauthorized', 'wrong path or token');
    wss.handleUpgrade(req, socket, head, (ws) => {
      socket.off('error', onSocketError);
      wss.emit('connection', ws, req);
    });
  });
  // A handshake `ws` cannot accept (bad key, version …): it answers 400; we log once.
  wss.on('wsClientError', (err, socket) => {
    logger.warn({ why: err.message }, 'websocket handshake refused');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    socket.destroy();
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
    // A bad frame (oversized, invalid UTF-8, reserved opcode or bits, unmasked, an absurd
    // length): `ws` has already failed the connection with the right close code; log once.
    ws.on('error', (err: Error & { code?: string }) => {
      logger.warn({ code: err.code, why: err.message }, 'websocket closed: bad frame');
      ws.terminate();
    });
    ws.on('message', (data, isBinary) => {
      void onMessage(data, isBinary).catch((err: unknown) => {
        logger.error({ err }, 'websocket message handler failed');
        send({ type: 'reply', id: '?', ok: false, error: { code: 'internal', message: 'the lane could not handle this message' } });
      });
    });
    const onMessage = async (data: RawData, isBinary: boolean) => {
      void isBinary;
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
    };
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
