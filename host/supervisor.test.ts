import { describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock.ts';
import { silentLogger } from '../core/log.ts';
import { LaneServiceSupervisor, backoffDelay, serviceCommand, type ServiceState } from './supervisor.ts';
import { fakeHealth, fakeSpawner, flushPromises } from './testing/fake-child.ts';

const command = { command: '/usr/bin/node', args: ['--import', 'tsx', 'lane/main.ts', '--port', '0'], cwd: '/repo', env: {} };

function setup() {
  const clock = new ManualClock();
  const spawner = fakeSpawner();
  const health = fakeHealth();
  const states: ServiceState[] = [];
  const sup = new LaneServiceSupervisor({ command, spawn: spawner.spawn, fetch: health.fetch, clock, log: silentLogger });
  sup.onState((s) => states.push(s));
  const restarts = () => states.filter((s): s is Extract<ServiceState, { state: 'restarting' }> => s.state === 'restarting');
  return { clock, spawner, health, states, sup, restarts };
}

/** Advance one health interval and let the health answer settle. */
async function healthTick(clock: ManualClock, ms = 5_000): Promise<void> {
  clock.advance(ms);
  await flushPromises();
}

describe('LaneServiceSupervisor', () => {
  it('emits starting, then ready with the url, wsUrl and token from the ready line', () => {
    const { sup, spawner, states } = setup();
    sup.start();
    expect(states).toEqual([{ state: 'starting', attempt: 0 }]);
    expect(spawner.last().command).toBe(command);
    spawner.last().printReady(7311, 'feed');
    expect(sup.state).toEqual({ state: 'ready', laneId: 'lane-1', url: 'http://127.0.0.1:7311', wsUrl: 'ws://127.0.0.1:7311/ws', token: 'feed' });
  });

  it('accepts a ready line split across chunks and ignores other stdout lines', () => {
    const { sup, spawner } = setup();
    sup.start();
    const child = spawner.last();
    child.stdout.emit('data', Buffer.from('starting up\n{"event":"lane.ready","laneId":"l","url":"http://127.0.0.1:9'));
    expect(sup.state.state).toBe('starting');
    child.stdout.emit('data', Buffer.from('","wsUrl":"ws://127.0.0.1:9/ws","token":"t"}\n'));
    expect(sup.state.state).toBe('ready');
  });

  it('rejects a ready line pointing at a non-loopback host', () => {
    const { sup, spawner } = setup();
    sup.start();
    spawner.last().stdout.emit('data', `${JSON.stringify({ event: 'lane.ready', laneId: 'l', url: 'http://evil.example', wsUrl: 'ws://evil.example/ws', token: 't' })}\n`);
    expect(sup.state.state).toBe('starting');
  });

  it('restarts a crashed service with a growing backoff', () => {
    const { sup, spawner, clock, restarts } = setup();
    sup.start();
    for (let i = 0; i < 8; i++) {
      spawner.last().exit(1);
      const r = restarts().at(-1);
      expect(r).toMatchObject({ reason: 'exited', attempt: i + 1 });
      clock.advance(r?.delayMs ?? 0);
    }
    expect(restarts().map((r) => r.delayMs)).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(spawner.children).toHaveLength(9);
  });

  it('does not respawn before the backoff delay has passed', () => {
    const { sup, spawner, clock } = setup();
    sup.start();
    spawner.last().exit(1);
    clock.advance(499);
    expect(spawner.children).toHaveLength(1);
    clock.advance(1);
    expect(spawner.children).toHaveLength(2);
  });

  it('kills and restarts a service that stops answering /health', async () => {
    const { sup, spawner, clock, health, restarts } = setup();
    sup.start();
    const child = spawner.last();
    child.printReady();
    health.mode = 'hang';
    for (let i = 0; i < 3; i++) {
      await healthTick(clock); // request goes out
      await healthTick(clock, 2_000); // and times out
    }
    expect(child.signals).toEqual(['SIGTERM']);
    expect(restarts()).toEqual([expect.objectContaining({ reason: 'unhealthy', attempt: 1, delayMs: 500 })]);
    health.mode = 'ok';
    clock.advance(500);
    expect(spawner.children).toHaveLength(2);
  });

  it('tolerates fewer failed health checks than the limit', async () => {
    const { sup, spawner, clock, health, restarts } = setup();
    sup.start();
    spawner.last().printReady();
    health.mode = 'error500';
    await healthTick(clock);
    await healthTick(clock);
    health.mode = 'ok';
    for (let i = 0; i < 5; i++) await healthTick(clock);
    expect(restarts()).toEqual([]);
    expect(health.calls.length).toBeGreaterThanOrEqual(7);
  });

  it('sends SIGKILL when the service ignores SIGTERM', async () => {
    const { sup, spawner, clock, health } = setup();
    sup.start();
    const child = spawner.last();
    child.obeysSigterm = false;
    child.printReady();
    health.mode = 'error500';
    for (let i = 0; i < 3; i++) await healthTick(clock);
    expect(child.signals).toEqual(['SIGTERM']);
    clock.advance(5_000);
    expect(child.signals).toEqual(['SIGTERM', 'SIGKILL']);
    expect(sup.state).toMatchObject({ state: 'restarting', reason: 'unhealthy' });
  });

  it('kills and restarts a service that never prints its ready line', () => {
    const { sup, spawner, clock, restarts } = setup();
    sup.start();
    clock.advance(30_000);
    expect(spawner.children[0]?.signals).toEqual(['SIGTERM']);
    expect(restarts()).toEqual([expect.objectContaining({ reason: 'startTimeout', attempt: 1 })]);
  });

  it('resets the backoff after the service has been healthy for a minute', async () => {
    const { sup, spawner, clock, restarts } = setup();
    sup.start();
    for (let i = 0; i < 3; i++) {
      spawner.last().exit(1);
      clock.advance(restarts().at(-1)?.delayMs ?? 0);
    }
    expect(restarts().at(-1)).toMatchObject({ attempt: 3, delayMs: 2_000 });
    spawner.last().printReady();
    for (let i = 0; i < 12; i++) await healthTick(clock);
    spawner.last().exit(1);
    expect(restarts().at(-1)).toMatchObject({ attempt: 1, delayMs: 500 });
  });

  it('keeps the backoff growing when the service was ready for less than a minute', async () => {
    const { sup, spawner, clock, restarts } = setup();
    sup.start();
    spawner.last().exit(1);
    clock.advance(500);
    spawner.last().printReady();
    for (let i = 0; i < 6; i++) await healthTick(clock);
    spawner.last().exit(1);
    expect(restarts().at(-1)).toMatchObject({ attempt: 2, delayMs: 1_000 });
  });

  it('stop() ends the child and never restarts it', async () => {
    const { sup, spawner, clock, states } = setup();
    sup.start();
    const child = spawner.last();
    child.printReady();
    await sup.stop();
    expect(child.signals).toEqual(['SIGTERM']);
    expect(states.at(-1)).toEqual({ state: 'stopped' });
    clock.advance(120_000);
    await flushPromises();
    expect(spawner.children).toHaveLength(1);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('stop() during a backoff wait cancels the pending restart', async () => {
    const { sup, spawner, clock } = setup();
    sup.start();
    spawner.last().exit(1);
    await sup.stop();
    clock.advance(60_000);
    expect(spawner.children).toHaveLength(1);
    expect(sup.state).toEqual({ state: 'stopped' });
  });

  it('stop() escalates to SIGKILL after the grace period', async () => {
    const { sup, spawner, clock } = setup();
    sup.start();
    const child = spawner.last();
    child.obeysSigterm = false;
    const stopped = sup.stop();
    clock.advance(5_000);
    await stopped;
    expect(child.signals).toEqual(['SIGTERM', 'SIGKILL']);
  });

  it('treats a spawn that throws as a failed start and retries', () => {
    const clock = new ManualClock();
    let calls = 0;
    const spawner = fakeSpawner();
    const sup = new LaneServiceSupervisor({
      command,
      clock,
      log: silentLogger,
      fetch: fakeHealth().fetch,
      spawn: (cmd) => {
        if (calls++ === 0) throw new Error('ENOENT');
        return spawner.spawn(cmd);
      },
    });
    sup.start();
    expect(sup.state).toMatchObject({ state: 'restarting', reason: 'spawnFailed', detail: 'ENOENT' });
    clock.advance(500);
    expect(spawner.children).toHaveLength(1);
  });
});

describe('backoffDelay', () => {
  it('doubles from the initial delay and caps at the maximum', () => {
    expect([1, 2, 3, 10].map((n) => backoffDelay(n))).toEqual([500, 1_000, 2_000, 30_000]);
  });
});

describe('serviceCommand', () => {
  const base = { repoRoot: '/repo', execPath: '/opt/node', env: { PATH: '/bin', ELECTRON_RUN_AS_NODE: '1' }, platform: 'linux' as const };

  it('runs lane/main.ts with the current Node under npm start', () => {
    const c = serviceCommand({ ...base, inElectron: false, packaged: false });
    expect(c).toMatchObject({ command: '/opt/node', args: ['--import', 'tsx', 'lane/main.ts', '--port', '0'], cwd: '/repo' });
    expect(c.env.ELECTRON_RUN_AS_NODE).toBeUndefined();
  });

  it('uses node from PATH, not the Electron binary, in a development shell', () => {
    expect(serviceCommand({ ...base, inElectron: true, packaged: false }).command).toBe('node');
  });

  it('uses the bundled Node runtime and resources/lane-service when packaged', () => {
    const c = serviceCommand({ ...base, inElectron: true, packaged: true, resourcesPath: '/opt/Lane/resources', extraArgs: ['--data', '/var/lib/lane'] });
    expect(c).toMatchObject({ command: '/opt/Lane/resources/node/bin/node', cwd: '/opt/Lane/resources/lane-service' });
    expect(c.args.slice(-2)).toEqual(['--data', '/var/lib/lane']);
  });
});
