import net from 'node:net';
import type { Clock, TimerHandle } from '../../core/clock.ts';
import type { Logger } from '../../core/log.ts';
import type { TcpTransportConfig } from './config.ts';
import { TransportListeners, toError } from './listeners.ts';
import type { CloseReason, Transport } from './types.ts';
import { TransportError } from './types.ts';

export interface TcpTransportDeps {
  clock: Clock;
  logger: Logger;
  /** TCP keepalive initial delay; the OS then probes. Default 5000 ms. */
  keepAliveMs?: number;
}

/**
 * TCP client transport (ZVT 20007, ESC/POS 9100, …).
 *
 * - `open()` connects with `connectTimeoutMs` measured on the injected clock.
 * - `lost` on peer reset, peer end (FIN) or socket error; `closed` when we close.
 * - Keepalive and no-delay are on. Half-open links (peer vanished without FIN/RST) are not
 *   visible here: drivers detect them with request timeouts and call the supervisor.
 */
export class TcpTransport implements Transport {
  readonly address: string;
  private socket: net.Socket | undefined;
  private session = 0;
  private readonly listeners: TransportListeners;

  constructor(
    private readonly config: TcpTransportConfig,
    private readonly deps: TcpTransportDeps,
  ) {
    this.address = `tcp://${config.host}:${config.port}`;
    this.listeners = new TransportListeners((err) => deps.logger.error({ err, address: this.address }, 'transport listener threw'));
  }

  get isOpen(): boolean {
    return this.socket !== undefined;
  }

  open(): Promise<void> {
    if (this.socket) return Promise.reject(new TransportError('already open', this.address));
    const session = ++this.session;
    return new Promise<void>((resolve, reject) => {
      const socket = net.createConnection({ host: this.config.host, port: this.config.port });
      let timer: TimerHandle | undefined;
      let settled = false;
      const fail = (err: Error): void => {
        if (settled) return;
        settled = true;
        this.deps.clock.clearTimeout(timer);
        socket.destroy();
        reject(err instanceof TransportError ? err : new TransportError(`cannot connect: ${err.message}`, this.address, err));
      };
      timer = this.deps.clock.setTimeout(() => fail(new TransportError(`connect timeout after ${this.config.connectTimeoutMs} ms`, this.address)), this.config.connectTimeoutMs);
      socket.once('error', fail);
      socket.once('connect', () => {
        if (settled) return;
        settled = true;
        this.deps.clock.clearTimeout(timer);
        socket.off('error', fail);
        if (session !== this.session) {
          socket.destroy();
          reject(new TransportError('closed while connecting', this.address));
          return;
        }
        socket.setNoDelay(true);
        socket.setKeepAlive(true, this.deps.keepAliveMs ?? 5000);
        this.attach(socket, session);
        resolve();
      });
    });
  }

  private attach(socket: net.Socket, session: number): void {
    this.socket = socket;
    const end = (reason: CloseReason, error?: Error): void => {
      if (session !== this.session || this.socket !== socket) return;
      this.socket = undefined;
      this.session++;
      socket.destroy();
      if (reason === 'lost') this.deps.logger.warn({ address: this.address, err: error?.message }, 'tcp link lost');
      this.listeners.emitClose(reason, error);
    };
    socket.on('data', (chunk: Buffer) => {
      if (session === this.session) this.listeners.emitData(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    });
    socket.on('error', (err) => end('lost', toError(err)));
    socket.on('end', () => end('lost', new TransportError('peer closed the connection', this.address)));
    socket.on('close', () => end('lost', new TransportError('connection closed', this.address)));
  }

  async write(bytes: Uint8Array): Promise<void> {
    const socket = this.socket;
    if (!socket) throw new TransportError('not open', this.address);
    await new Promise<void>((resolve, reject) => {
      socket.write(bytes, (err) => {
        if (err) reject(new TransportError(`write failed: ${err.message}`, this.address, err));
        else resolve();
      });
    });
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.session++;
    if (!socket) return;
    this.socket = undefined;
    await new Promise<void>((resolve) => {
      if (socket.destroyed) {
        resolve();
        return;
      }
      socket.once('close', () => resolve());
      socket.destroy();
    });
    this.listeners.emitClose('closed');
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.onData(listener);
  }

  onClose(listener: (reason: CloseReason, error?: Error) => void): () => void {
    return this.listeners.onClose(listener);
  }
}
