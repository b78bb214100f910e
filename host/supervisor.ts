/**
 * Runs: node (no Electron import). Starts the lane service as a child process, waits for
 * its ready line, watches `/health`, and restarts it with exponential backoff when it exits
 * or stops answering. Used by the Electron shell and by `npm start` without Electron.
 *
 * Which runtime runs the service: plain Node, never Electron's `ELECTRON_RUN_AS_NODE`.
 * The service's native modules (better-sqlite3, serialport, node-hid) are built for Node's
 * ABI; running them under Electron would need an electron-rebuild of each and would tie a
 * service fix to a shell release. So:
 * - `npm start` / tests: `process.execPath` (the Node that runs us);
 * - the Electron shell in development: `LANE_NODE` or `node` from PATH;
 * - a packaged shell: the Node runtime shipped in `resources/node/` (see packaging/).
 */
import { spawn as nodeSpawn } from 'node:child_process';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { z } from 'zod';
import { systemClock, type Clock, type TimerHandle } from '../core/clock.ts';
import { createLogger, type Logger } from '../core/log.ts';
import { isLoopbackUrl } from './loopback.ts';

/** The one JSON line the lane service prints on stdout when it is ready (docs/SERVICE-API.md). */
export const ReadyLine = z.object({
  event: z.literal('lane.ready'),
  laneId: z.string().min(1),
  url: z.string().refine((v) => isLoopbackUrl(v, 'http:'), 'must be an http:// loopback URL'),
  wsUrl: z.string().refine((v) => isLoopbackUrl(v, 'ws:'), 'must be a ws:// loopback URL'),
  token: z.string().min(1),
});
export type ReadyLine = z.infer<typeof ReadyLine>;

/** `GET /health` → `200 {"ok":true,…}`; anything else is a failed check. */
export const HealthBody = z.object({ ok: z.literal(true) });

export type RestartReason = 'exited' | 'unhealthy' | 'startTimeout' | 'spawnFailed';

export type ServiceState =
  | { state: 'starting'; attempt: number }
  | { state: 'ready'; laneId: string; url: string; wsUrl: string; token: string }
  | { state: 'restarting'; reason: RestartReason; detail: string; attempt: number; delayMs: number }
  | { state: 'stopped' };

/** The part of a child process the supervisor uses (a real `ChildProcess` fits). */
export interface ServiceChild {
  readonly pid?: number | undefined;
  readonly stdout: { on(event: 'data', listener: (chunk: Buffer | string) => void): unknown } | null;
  kill(signal?: NodeJS.Signals): boolean;
  on(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

export interface ServiceCommand {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export type SpawnService = (cmd: ServiceCommand) => ServiceChild;

/** A `fetch` subset; the global `fetch` fits. */
export type HealthFetch = (url: string, init: { signal: AbortSignal }) => Promise<{ status: number; json(): Promise<unknown> }>;

export interface SupervisorOptions {
  command: ServiceCommand;
  spawn?: SpawnService;
  fetch?: HealthFetch;
  clock?: Clock;
  log?: Logger;
  /** Ready line must arrive within this (default 30 s). */
  readyTimeoutMs?: number;
  /** Between health checks (default 5 s). */
  healthIntervalMs?: number;
  /** One health check may take this long (default 2 s). */
  healthTimeoutMs?: number;
  /** Consecutive failed checks before the child is killed and restarted (default 3). */
  maxHealthFailures?: number;
  /** SIGTERM → SIGKILL grace (default 5 s). */
  killGraceMs?: number;
  /** First restart delay (default 500 ms), doubled per consecutive failure … */
  initialBackoffMs?: number;
  /** … up to this (default 30 s). */
  maxBackoffMs?: number;
  /** A child healthy this long resets the backoff (default 60 s). */
  stableResetMs?: number;
}

/** Delay before restart number `attempt` (1-based): initial · 2^(attempt−1), capped. */
export function backoffDelay(attempt: number, initialMs = 500, maxMs = 30_000): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
}

export interface ServiceCommandInput {
  /** Repository root (development) — where `lane/main.ts` lives. */
  repoRoot: string;
  /** `process.execPath`. */
  execPath: string;
  /** True inside Electron's main process (`process.versions.electron`). */
  inElectron: boolean;
  /** Electron `app.isPackaged`. */
  packaged: boolean;
  /** Electron `process.resourcesPath` (packaged only). */
  resourcesPath?: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Listen port; 0 (default) lets the service pick a free one on every start. */
  port?: number;
  /** Appended to the service's arguments (`--data DIR`, `--config FILE`, `--lane-id ID`, `--token T`). */
  extraArgs?: string[];
}

/** The command that starts the lane service; see the file comment for the runtime choice. */
export function serviceCommand(input: ServiceCommandInput): ServiceCommand {
  const args = ['--import', 'tsx', 'lane/main.ts', '--port', String(input.port ?? 0), ...(input.extraArgs ?? [])];
  const env: NodeJS.ProcessEnv = { ...input.env };
  delete env.ELECTRON_RUN_AS_NODE;
  if (input.packaged && input.resourcesPath) {
    const bundled = join(input.resourcesPath, 'node', input.platform === 'win32' ? 'node.exe' : join('bin', 'node'));
    return { command: input.env.LANE_NODE ?? bundled, args, cwd: join(input.resourcesPath, 'lane-service'), env };
  }
  const command = input.inElectron ? (input.env.LANE_NODE ?? 'node') : input.execPath;
  return { command, args, cwd: input.repoRoot, env };
}

export const spawnService: SpawnService = (cmd) =>
  nodeSpawn(cmd.command, cmd.args, { cwd: cmd.cwd, env: cmd.env, stdio: ['ignore', 'pipe', 'inherit'] });

type Status = 'idle' | 'starting' | 'ready' | 'killing' | 'waiting' | 'stopping' | 'stopped';

interface Running {
  readonly gen: number;
  readonly proc: ServiceChild;
  exited: boolean;
}

/**
 * Keeps one lane service running. States: `starting` → `ready` → (`restarting` → `starting` …)
 * and `stopped` after `stop()`. Every restart is logged at warn with its reason.
 */
export class LaneServiceSupervisor {
  private readonly spawnFn: SpawnService;
  private readonly fetchFn: HealthFetch;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly cfg: Required<Omit<SupervisorOptions, 'command' | 'spawn' | 'fetch' | 'clock' | 'log'>>;

  private status: Status = 'idle';
  private current: ServiceState = { state: 'stopped' };
  private readonly listeners = new Set<(s: ServiceState) => void>();
  private child: Running | undefined;
  private gen = 0;
  private attempt = 0;
  private readyAt: number | undefined;
  private lastHealthyAt: number | undefined;
  private healthFailures = 0;
  private pending: { reason: RestartReason; detail: string } | undefined;
  private readyTimer: TimerHandle | undefined;
  private healthTimer: TimerHandle | undefined;
  private healthTimeout: TimerHandle | undefined;
  private healthAbort: AbortController | undefined;
  private killTimer: TimerHandle | undefined;
  private restartTimer: TimerHandle | undefined;
  private stopWaiters: Array<() => void> = [];

  constructor(private readonly options: SupervisorOptions) {
    this.spawnFn = options.spawn ?? spawnService;
    this.fetchFn = options.fetch ?? ((url, init) => fetch(url, init));
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? createLogger('supervisor');
    this.cfg = {
      readyTimeoutMs: options.readyTimeoutMs ?? 30_000,
      healthIntervalMs: options.healthIntervalMs ?? 5_000,
      healthTimeoutMs: options.healthTimeoutMs ?? 2_000,
      maxHealthFailures: options.maxHealthFailures ?? 3,
      killGraceMs: options.killGraceMs ?? 5_000,
      initialBackoffMs: options.initialBackoffMs ?? 500,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      stableResetMs: options.stableResetMs ?? 60_000,
    };
  }

  /** The latest state (`stopped` before `start()`). */
  get state(): ServiceState {
    return this.current;
  }

  /** Subscribe to state changes; returns the unsubscribe function. */
  onState(listener: (s: ServiceState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.status !== 'idle' && this.status !== 'stopped') return;
    this.attempt = 0;
    this.spawnChild();
  }

  /** Ends the child (SIGTERM, SIGKILL after the grace period) and never restarts it. */
  stop(): Promise<void> {
    if (this.status === 'idle' || this.status === 'stopped') {
      this.status = 'stopped';
      return Promise.resolve();
    }
    const done = new Promise<void>((resolve) => this.stopWaiters.push(resolve));
    if (this.status === 'stopping') return done;
    this.clearTimers();
    this.status = 'stopping';
    if (this.child && !this.child.exited) this.killChild(this.child);
    else this.finishStop();
    return done;
  }

  private emit(state: ServiceState): void {
    this.current = state;
    for (const l of this.listeners) {
      try {
        l(state);
      } catch (err) {
        this.log.error({ err }, 'service state listener threw');
      }
    }
  }

  private spawnChild(): void {
    const gen = ++this.gen;
    this.status = 'starting';
    this.readyAt = undefined;
    this.lastHealthyAt = undefined;
    this.healthFailures = 0;
    this.pending = undefined;
    this.emit({ state: 'starting', attempt: this.attempt });
    const { command, args, cwd } = this.options.command;
    this.log.info({ command, args, cwd, attempt: this.attempt }, 'starting lane service');
    let proc: ServiceChild;
    try {
      proc = this.spawnFn(this.options.command);
    } catch (err) {
      this.child = undefined;
      this.scheduleRestart('spawnFailed', err instanceof Error ? err.message : String(err));
      return;
    }
    const running: Running = { gen, proc, exited: false };
    this.child = running;
    proc.on('exit', (code, signal) => this.onExit(running, signal ? `signal ${signal}` : `code ${code ?? '?'}`));
    proc.on('error', (err) => {
      // A child that never started gets 'error' and maybe no 'exit'.
      if (proc.pid === undefined) this.onExit(running, `spawn failed: ${err.message}`, 'spawnFailed');
      else this.log.error({ err }, 'lane service child error');
    });
    const decoder = new StringDecoder('utf8');
    let buffered = '';
    proc.stdout?.on('data', (chunk) => {
      buffered += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (line) this.onLine(running, line);
      }
      if (buffered.length > 64 * 1024) buffered = '';
    });
    this.readyTimer = this.clock.setTimeout(
      () => this.fail(running, 'startTimeout', `no ready line within ${this.cfg.readyTimeoutMs} ms`),
      this.cfg.readyTimeoutMs,
    );
  }

  private onLine(running: Running, line: string): void {
    if (running !== this.child || this.status !== 'starting') {
      this.log.debug({ line }, 'lane service stdout');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      this.log.debug({ line }, 'lane service stdout (not JSON)');
      return;
    }
    const parsed = ReadyLine.safeParse(json);
    if (!parsed.success) {
      this.log.warn({ line, issue: parsed.error.issues[0]?.message }, 'lane service printed a line that is not a valid ready line');
      return;
    }
    this.clock.clearTimeout(this.readyTimer);
    this.readyTimer = undefined;
    this.status = 'ready';
    this.readyAt = this.clock.now();
    this.lastHealthyAt = this.readyAt;
    const { laneId, url, wsUrl, token } = parsed.data;
    this.log.info({ laneId, url }, 'lane service ready');
    this.emit({ state: 'ready', laneId, url, wsUrl, token });
    this.scheduleHealth(running);
  }

  private scheduleHealth(running: Running): void {
    this.healthTimer = this.clock.setTimeout(() => this.checkHealth(running), this.cfg.healthIntervalMs);
  }

  private checkHealth(running: Running): void {
    if (running !== this.child || this.status !== 'ready' || this.current.state !== 'ready') return;
    const url = new URL('/health', this.current.url).href;
    const controller = new AbortController();
    this.healthAbort = controller;
    let settled = false;
    const settle = (failure: string | undefined): void => {
      if (settled) return;
      settled = true;
      this.clock.clearTimeout(this.healthTimeout);
      this.healthTimeout = undefined;
      this.healthAbort = undefined;
      if (running !== this.child || this.status !== 'ready') return;
      if (failure === undefined) {
        this.healthFailures = 0;
        this.lastHealthyAt = this.clock.now();
        this.scheduleHealth(running);
        return;
      }
      this.healthFailures++;
      this.log.warn({ failure, failures: this.healthFailures }, 'lane service health check failed');
      if (this.healthFailures >= this.cfg.maxHealthFailures) this.fail(running, 'unhealthy', `${this.healthFailures} failed health checks, last: ${failure}`);
      else this.scheduleHealth(running);
    };
    this.healthTimeout = this.clock.setTimeout(() => {
      controller.abort();
      settle(`no answer within ${this.cfg.healthTimeoutMs} ms`);
    }, this.cfg.healthTimeoutMs);
    this.fetchFn(url, { signal: controller.signal })
      .then(async (res) => {
        if (res.status !== 200) return settle(`HTTP ${res.status}`);
        const body = HealthBody.safeParse(await res.json());
        settle(body.success ? undefined : 'health body is not {ok:true}');
      })
      .catch((err: unknown) => settle(err instanceof Error ? err.message : String(err)));
  }

  /** The running child misbehaves: kill it; its exit schedules the restart. */
  private fail(running: Running, reason: RestartReason, detail: string): void {
    if (running !== this.child || (this.status !== 'starting' && this.status !== 'ready')) return;
    this.clearTimers();
    this.status = 'killing';
    this.pending = { reason, detail };
    this.log.warn({ reason, detail }, 'killing lane service');
    this.killChild(running);
  }

  private killChild(running: Running): void {
    running.proc.kill('SIGTERM');
    this.killTimer = this.clock.setTimeout(() => {
      if (running.exited) return;
      this.log.warn({ pid: running.proc.pid }, 'lane service ignored SIGTERM; sending SIGKILL');
      running.proc.kill('SIGKILL');
      this.killTimer = this.clock.setTimeout(() => {
        if (running.exited) return;
        this.log.error({ pid: running.proc.pid }, 'lane service did not exit after SIGKILL; abandoning it');
        this.onExit(running, 'abandoned after SIGKILL');
      }, this.cfg.killGraceMs);
    }, this.cfg.killGraceMs);
  }

  private onExit(running: Running, how: string, reason: RestartReason = 'exited'): void {
    if (running.exited) return;
    running.exited = true;
    if (running !== this.child) return;
    this.clearTimers();
    this.log.info({ how }, 'lane service exited');
    if (this.status === 'stopping') return this.finishStop();
    const pending = this.pending ?? { reason, detail: how };
    this.scheduleRestart(pending.reason, pending.detail);
  }

  private scheduleRestart(reason: RestartReason, detail: string): void {
    if (this.readyAt !== undefined && this.lastHealthyAt !== undefined && this.lastHealthyAt - this.readyAt >= this.cfg.stableResetMs) {
      this.attempt = 0;
    }
    this.readyAt = undefined;
    this.attempt++;
    const delayMs = backoffDelay(this.attempt, this.cfg.initialBackoffMs, this.cfg.maxBackoffMs);
    this.status = 'waiting';
    this.log.warn({ reason, detail, attempt: this.attempt, delayMs }, 'lane service restarting');
    this.emit({ state: 'restarting', reason, detail, attempt: this.attempt, delayMs });
    this.restartTimer = this.clock.setTimeout(() => {
      this.restartTimer = undefined;
      if (this.status === 'waiting') this.spawnChild();
    }, delayMs);
  }

  private finishStop(): void {
    this.clearTimers();
    this.status = 'stopped';
    this.child = undefined;
    this.log.info('lane service stopped');
    this.emit({ state: 'stopped' });
    const waiters = this.stopWaiters;
    this.stopWaiters = [];
    for (const w of waiters) w();
  }

  private clearTimers(): void {
    for (const t of [this.readyTimer, this.healthTimer, this.healthTimeout, this.killTimer, this.restartTimer]) this.clock.clearTimeout(t);
    this.healthAbort?.abort();
    this.readyTimer = this.healthTimer = this.healthTimeout = this.killTimer = this.restartTimer = undefined;
    this.healthAbort = undefined;
  }
}
