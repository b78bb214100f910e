import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * The real lane service (`lane/main.ts`: HTTP + WebSocket server, simulated devices, the
 * SQLite journal) in a child process on a free port, for tests that must see whether one
 * request can end the process. Its stderr is kept so a test can show why it died.
 */
const root = resolve(import.meta.dirname, '../..');

export interface LaneProcess {
  readonly proc: ChildProcess;
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly token: string;
  readonly dataDir: string;
  /** What the process wrote to stderr so far (its crash, if it crashed). */
  stderr(): string;
  /** Log records it wrote (pino JSON lines on stderr), parsed. */
  logs(): { level: number; msg: string; [k: string]: unknown }[];
  alive(): boolean;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

export async function startLaneProcess(opts: { dataDir?: string; token?: string; args?: string[]; env?: Record<string, string> } = {}): Promise<LaneProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'lane-proc-'));
  const token = opts.token ?? 'test-token-0123456789';
  const proc = spawn(process.execPath, ['--import', 'tsx', 'lane/main.ts', '--port', '0', '--data', dataDir, '--token', token, ...(opts.args ?? [])], {
    cwd: root,
    env: { ...process.env, LANE_LOG_LEVEL: 'warn', ...(opts.env ?? {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let exited = false;
  const exit = new Promise<void>((r) => proc.once('exit', () => ((exited = true), r())));
  // Keep the last 256 KiB (a fuzz campaign logs one line per refused input).
  proc.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    if (err.length > 512 * 1024) err = err.slice(-256 * 1024);
  });
  const ready = await new Promise<{ url: string }>((res, rej) => {
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      if (line.includes('"lane.ready"')) res(JSON.parse(line) as { url: string });
    });
    void exit.then(() => rej(new Error(`lane process exited before it was ready:\n${err}`)));
  });
  const u = new URL(ready.url);
  return {
    proc,
    url: ready.url,
    host: u.hostname,
    port: Number(u.port),
    token,
    dataDir,
    stderr: () => err,
    logs: () =>
      err
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .flatMap((l) => {
          try {
            return [JSON.parse(l) as { level: number; msg: string }];
          } catch {
            return [];
          }
        }),
    alive: () => !exited && proc.exitCode === null,
    async stop() {
      if (!exited) {
        proc.kill('SIGTERM');
        await exit;
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Send raw bytes on a fresh TCP connection, half-close, and collect everything the server
 * answers until it closes the connection (or resets it).
 */
export function rawExchange(host: string, port: number, bytes: Uint8Array | string, opts: { keepOpen?: boolean } = {}): Promise<{ answer: Buffer; error: string | null }> {
  return new Promise((res) => {
    const chunks: Buffer[] = [];
    let error: string | null = null;
    const s: Socket = connect({ host, port }, () => {
      s.write(bytes);
      if (!opts.keepOpen) s.end();
    });
    s.on('data', (d) => chunks.push(d));
    s.on('error', (e) => (error = e.message));
    s.on('close', () => res({ answer: Buffer.concat(chunks), error }));
  });
}

/** GET /health with a plain HTTP/1.1 request over a raw socket: status code and body. */
export async function health(host: string, port: number): Promise<{ status: number; body: string }> {
  const { answer } = await rawExchange(host, port, `GET /health HTTP/1.0\r\nHost: ${host}:${port}\r\n\r\n`);
  const text = answer.toString('latin1');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
  return { status, body: text.slice(text.indexOf('\r\n\r\n') + 4) };
}

/** The bytes of a client WebSocket upgrade request for `/ws?token=…`. */
export function upgradeRequest(host: string, port: number, token: string, extraHeaders = ''): string {
  return (
    `GET /ws?token=${token} HTTP/1.1\r\nHost: ${host}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extraHeaders}\r\n`
  );
}

/**
 * One WebSocket frame (RFC 6455 §5.2) built byte by byte, so a test can break any rule:
 * `fin`, `rsv` bits, `opcode`, masked or not, and a declared length that may differ from
 * the payload's (`declaredLength`, up to 2^63-1 via the 64-bit form).
 */
export function wsFrame(o: { opcode: number; payload?: Uint8Array; fin?: boolean; rsv?: number; masked?: boolean; declaredLength?: bigint }): Buffer {
  const payload = Buffer.from(o.payload ?? new Uint8Array(0));
  const masked = o.masked ?? true;
  const len = o.declaredLength ?? BigInt(payload.length);
  const head: number[] = [((o.fin ?? true) ? 0x80 : 0) | (((o.rsv ?? 0) & 7) << 4) | (o.opcode & 0x0f)];
  const m = masked ? 0x80 : 0;
  let ext = Buffer.alloc(0);
  if (len < 126n) head.push(m | Number(len));
  else if (len < 65536n) {
    head.push(m | 126);
    ext = Buffer.alloc(2);
    ext.writeUInt16BE(Number(len));
  } else {
    head.push(m | 127);
    ext = Buffer.alloc(8);
    ext.writeBigUInt64BE(len);
  }
  const key = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const body = masked ? Buffer.from(payload.map((b, i) => b ^ key[i % 4]!)) : payload;
  return Buffer.concat([Buffer.from(head), ext, masked ? key : Buffer.alloc(0), body]);
}
