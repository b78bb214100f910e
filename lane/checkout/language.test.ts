import { describe, expect, it } from 'vitest';
import { memoryLane, type TestLane } from '../../test/helpers/memoryLane.ts';

/** Each new shopper starts in the store's language, whatever the last shopper chose. */

const WATER = '4006381333931'; // 1560 g, 0.79
const view = (lane: TestLane) => lane.service.view();

describe('the lane returns to the store language for each new shopper', () => {
  it('after a paid transaction (thanks, then the welcome screen)', async () => {
    const lane = memoryLane({ language: 'de' });
    expect(view(lane).language).toBe('de');
    expect(lane.service.intent({ type: 'language.set', language: 'fa' }).ok).toBe(true);
    lane.sim.scanner.scan(WATER);
    lane.sim.baggingScale.change(1560);
    expect(view(lane).language).toBe('fa');
    expect(lane.service.intent({ type: 'pay.start' }).ok).toBe(true);
    expect(lane.service.intent({ type: 'pay.card' }).ok).toBe(true);
    lane.sim.terminal.setBehaviour('approve');
    await lane.settle();
    // The thanks screen still speaks to the shopper who paid.
    expect(view(lane)).toMatchObject({ screen: 'thanks', language: 'fa' });
    expect(lane.service.intent({ type: 'session.finish' }).ok).toBe(true);
    expect(view(lane)).toMatchObject({ screen: 'attract', language: 'de' });
  });

  it('after a session abandoned for being idle', () => {
    const lane = memoryLane({ language: 'ru', timeouts: { idleMs: 1000 } });
    expect(lane.service.intent({ type: 'session.start' }).ok).toBe(true);
    expect(lane.service.intent({ type: 'language.set', language: 'en' }).ok).toBe(true);
    lane.clock.advance(1000);
    expect(view(lane)).toMatchObject({ screen: 'attract', language: 'ru' });
  });

  it('a language chosen on the welcome screen carries into that shopper’s transaction', () => {
    const lane = memoryLane({ language: 'en' });
    expect(lane.service.intent({ type: 'language.set', language: 'de' }).ok).toBe(true);
    expect(view(lane)).toMatchObject({ screen: 'attract', language: 'de' });
    lane.sim.scanner.scan(WATER);
    expect(view(lane)).toMatchObject({ screen: 'scanning', language: 'de' });
  });
});
