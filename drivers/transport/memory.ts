import type { CloseReason, Transport } from './types.ts';
import { TransportError } from './types.ts';

type DataListener = (chunk: Uint8Array) => void;
type CloseListener = (reason: CloseReason, error?: Error) => void;

/**
 * One end of an in-memory byte link. Bytes written on one end arrive, asynchronously
 * (next microtask), at the other, like a real port. `unplug()` on the link makes both
 * open ends report `lost` and refuses `open()` until `replug()`.
 */
class MemoryEnd implements Transport {
  peer!: MemoryEnd;
  private opened = false;
  private readonly dataListeners = new Set<DataListener>();
  private readonly closeListeners = new Set<CloseListener>();

  constructor(
    readonly address: string,
    private readonly link: MemoryLink,
  ) {}

  get isOpen(): boolean {
    return this.opened;
  }

  async open(): Promise<void> {
    if (this.link.unplugged) throw new TransportError('link unplugged', this.address);
    this.opened = true;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.opened) throw new TransportError('not open', this.address);
    const copy = Uint8Array.from(bytes);
    const peer = this.peer;
    queueMicrotask(() => {
      if (peer.opened) peer.deliver(copy);
    });
  }

  async close(): Promise<void> {
    this.end('closed');
  }

  onData(listener: DataListener): () => void {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onClose(listener: CloseListener): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** @internal */
  deliver(chunk: Uint8Array): void {
    for (const l of this.dataListeners) l(chunk);
  }

  /** @internal */
  end(reason: CloseReason, error?: Error): void {
    if (!this.opened) return;
    this.opened = false;
    for (const l of this.closeListeners) l(reason, error);
  }
}

/** A pair of connected ends: `host` for the driver, `device` for the simulator. */
export class MemoryLink {
  readonly host: MemoryEnd;
  readonly device: MemoryEnd;
  unplugged = false;

  constructor(readonly name: string) {
    this.host = new MemoryEnd(`memory:${name}`, this);
    this.device = new MemoryEnd(`memory:${name}#device`, this);
    this.host.peer = this.device;
    this.device.peer = this.host;
  }

  /** Both ends lose the link (`lost`) and cannot reopen until `replug()`. */
  unplug(): void {
    this.unplugged = true;
    const err = new TransportError('link unplugged', this.host.address);
    this.host.end('lost', err);
    this.device.end('lost', err);
  }

  replug(): void {
    this.unplugged = false;
  }
}

/** Named memory links, so configuration can say `{kind:'memory', name:'scanner'}`. */
export class MemoryHub {
  private readonly links = new Map<string, MemoryLink>();

  link(name: string): MemoryLink {
    let l = this.links.get(name);
    if (!l) {
      l = new MemoryLink(name);
      this.links.set(name, l);
    }
    return l;
  }
}
