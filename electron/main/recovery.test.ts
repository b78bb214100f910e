import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.ts';
import { silentLogger } from '../../core/log.ts';
import { RendererWatchdog } from './recovery.ts';

function setup() {
  const clock = new ManualClock();
  const calls = { reloads: 0, crashes: 0 };
  const dog = new RendererWatchdog({ clock, log: silentLogger, reload: () => calls.reloads++, crash: () => calls.crashes++ });
  return { clock, calls, dog };
}

describe('RendererWatchdog', () => {
  it('reloads at once after the first crash', () => {
    const { clock, calls, dog } = setup();
    dog.onGone({ reason: 'crashed', exitCode: 1 });
    clock.advance(0);
    expect(calls.reloads).toBe(1);
  });

  it('backs off when the renderer keeps crashing right after each reload', () => {
    const { clock, calls, dog } = setup();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      dog.onGone({ reason: 'crashed', exitCode: 1 });
      const before = calls.reloads;
      let waited = 0;
      while (calls.reloads === before) {
        clock.advance(250);
        waited += 250;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([250, 1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('starts afresh after the renderer stayed up for a minute', () => {
    const { clock, calls, dog } = setup();
    dog.onGone({ reason: 'oom', exitCode: 1 });
    clock.advance(0);
    dog.onGone({ reason: 'oom', exitCode: 1 });
    clock.advance(1_000);
    expect(calls.reloads).toBe(2);
    clock.advance(60_000);
    dog.onGone({ reason: 'oom', exitCode: 1 });
    clock.advance(0);
    expect(calls.reloads).toBe(3);
  });

  it('coalesces a crash and a gone event into one reload', () => {
    const { clock, calls, dog } = setup();
    dog.onUnresponsive();
    clock.advance(10_000);
    dog.onGone({ reason: 'killed', exitCode: 9 });
    clock.advance(0);
    expect(calls).toEqual({ reloads: 1, crashes: 1 });
  });

  it('does nothing after dispose', () => {
    const { clock, calls, dog } = setup();
    dog.onUnresponsive();
    dog.dispose();
    dog.onGone({ reason: 'crashed', exitCode: 1 });
    clock.advance(60_000);
    expect(calls).toEqual({ reloads: 0, crashes: 0 });
  });
});
