import { describe, expect, it } from 'vitest';
import { chromiumPath, findChromium, NO_CHROMIUM } from '../helpers/e2e.ts';

/** Which Chromium the end-to-end tests drive (no browser is started here). */
describe('findChromium', () => {
  const only = (...paths: string[]) => (p: string) => paths.includes(p);

  it('takes LANE_CHROMIUM first, then CHROMIUM_PATH', () => {
    // GIVEN both variables and a system Chromium
    const exists = only('/opt/a/chrome', '/opt/b/chrome', '/usr/bin/chromium');
    // THEN the lane's own variable wins, then the generic one
    expect(findChromium({ LANE_CHROMIUM: '/opt/a/chrome', CHROMIUM_PATH: '/opt/b/chrome' }, exists)).toBe('/opt/a/chrome');
    expect(findChromium({ CHROMIUM_PATH: '/opt/b/chrome' }, exists)).toBe('/opt/b/chrome');
  });

  it('falls back to the usual Debian paths in order', () => {
    expect(findChromium({}, only('/usr/bin/chromium', '/usr/bin/google-chrome'))).toBe('/usr/bin/chromium');
    expect(findChromium({}, only('/usr/bin/chromium-browser'))).toBe('/usr/bin/chromium-browser');
    expect(findChromium({}, only('/usr/bin/google-chrome'))).toBe('/usr/bin/google-chrome');
  });

  it('says clearly when there is none, or when the variable points nowhere', () => {
    expect(chromiumPath({}, only())).toBeNull();
    expect(() => findChromium({}, only())).toThrow(NO_CHROMIUM);
    expect(() => findChromium({ LANE_CHROMIUM: '/nope/chrome' }, only('/usr/bin/chromium'))).toThrow('LANE_CHROMIUM=/nope/chrome: no such file');
  });
});
