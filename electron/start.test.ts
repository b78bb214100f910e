import { describe, expect, it } from 'vitest';
import { ManualClock } from '../lane/util/clock.ts';
import { silentLogger } from '../lane/util/log.ts';
import type { LaunchOptions, LaunchResult } from './launcher.ts';
import { startWithKiosk } from './start.ts';
import { fakeHealth, fakeSpawner } from './testing/fake-child.ts';

function setup() {
  const clock = new ManualClock();
  const spawner = fakeSpawner();
  const launches: LaunchOptions[] = [];
  const launch = (o: LaunchOptions): LaunchResult => (launches.push(o), { mode: 'chromium' });
  const started = startWithKiosk({ token: 'fixed', port: 7400, headless: true, log: silentLogger, launch, supervisor: { spawn: spawner.spawn, fetch: fakeHealth().fetch, clock } });
  return { clock, spawner, launches, started };
}

describe('startWithKiosk', () => {
  it('starts the service on a fixed port with one token for every restart', () => {
    const { clock, spawner } = setup();
    spawner.last().exit(1);
    clock.advance(500);
    for (const child of spawner.children) {
      expect(child.command.args).toEqual(expect.arrayContaining(['--port', '7400', '--token', 'fixed']));
    }
    expect(spawner.children).toHaveLength(2);
  });

  it('launches the kiosk once, on the first ready, with the token in the page URL', async () => {
    const { clock, spawner, launches, started } = setup();
    spawner.last().printReady(7400, 'fixed');
    spawner.last().exit(1);
    clock.advance(500);
    spawner.last().printReady(7400, 'fixed');
    expect(launches).toEqual([{ url: 'http://127.0.0.1:7400/?token=fixed', headless: true }]);
    await started.stop();
    expect(started.supervisor.state).toEqual({ state: 'stopped' });
  });
});
