/**
 * Runs: node (tests only). A fake lane-service child process and a scriptable `/health`.
 */
import { EventEmitter } from 'node:events';
import type { HealthFetch, ServiceChild, ServiceCommand, SpawnService } from '../supervisor.ts';

export class FakeChild extends EventEmitter implements ServiceChild {
  readonly stdout = new EventEmitter();
  readonly signals: NodeJS.Signals[] = [];
  exited = false;
  /** When false, SIGTERM is ignored (a wedged service). */
  obeysSigterm = true;

  constructor(
    readonly command: ServiceCommand,
    readonly pid: number | undefined,
  ) {
    super();
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    this.signals.push(signal);
    if (this.exited) return false;
    if (signal === 'SIGKILL' || this.obeysSigterm) this.exit(null, signal);
    return true;
  }

  /** The service prints its ready line (docs/SERVICE-API.md). */
  printReady(port = 7310, token = 'abc123'): void {
    this.stdout.emit(
      'data',
      Buffer.from(`${JSON.stringify({ event: 'lane.ready', laneId: 'lane-1', url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/ws`, token })}\n`),
    );
  }

  exit(code: number | null, signal: NodeJS.Signals | null = null): void {
    if (this.exited) return;
    this.exited = true;
    this.emit('exit', code, signal);
  }
}

/** A spawn that records every child it makes. */
export function fakeSpawner(): { spawn: SpawnService; children: FakeChild[]; last(): FakeChild } {
  const children: FakeChild[] = [];
  let pid = 1000;
  return {
    children,
    spawn: (cmd) => {
      const c = new FakeChild(cmd, pid++);
      children.push(c);
      return c;
    },
    last: () => {
      const c = children.at(-1);
      if (!c) throw new Error('no child spawned yet');
      return c;
    },
  };
}

export type HealthMode = 'ok' | 'hang' | 'error500';

/** `/health` answering per `mode`; a hanging request rejects when aborted, like `fetch`. */
export function fakeHealth(): { fetch: HealthFetch; mode: HealthMode; calls: string[] } {
  const state: { fetch: HealthFetch; mode: HealthMode; calls: string[] } = {
    mode: 'ok',
    calls: [],
    fetch: (url, init) => {
      state.calls.push(url);
      if (state.mode === 'ok') return Promise.resolve({ status: 200, json: () => Promise.resolve({ ok: true, laneId: 'lane-1', seq: 1 }) });
      if (state.mode === 'error500') return Promise.resolve({ status: 500, json: () => Promise.resolve({ ok: false }) });
      return new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(new Error('aborted'))));
    },
  };
  return state;
}

/** Let settled promises run their callbacks (no time passes). */
export function flushPromises(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
