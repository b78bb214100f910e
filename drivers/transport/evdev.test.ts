import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/log.ts';
import { EvdevTransportConfig } from './config.ts';
import { EvdevTransport, fsEvdevSource } from './evdev.ts';
import type { CloseReason } from './types.ts';
import { TransportError } from './types.ts';
import { collectUntil, waitForEvent } from '../../test/helpers/wait.ts';
import { FakeEvdevSource } from './sim/index.ts';

describe('evdev transport', () => {
  it('reads bytes from a fake node, is read-only, and reports unplug as lost', async () => {
    const source = new FakeEvdevSource();
    const device = source.plug('/dev/input/event7');
    await device.open();
    const t = new EvdevTransport(EvdevTransportConfig.parse({ kind: 'evdev', path: '/dev/input/event7' }), { logger: silentLogger, source });
    await t.open();
    const got = collectUntil((l) => t.onData(l), (all) => all.length === 48);
    await device.write(new Uint8Array(48).fill(7));
    expect((await got).length).toBe(48);
    await expect(t.write()).rejects.toBeInstanceOf(TransportError);
    const lost = waitForEvent<CloseReason>((l) => t.onClose((r) => l(r)));
    source.unplug('/dev/input/event7');
    expect(await lost).toBe('lost');
    await expect(t.open()).rejects.toBeInstanceOf(TransportError);
  });

  it('real source: reads a file through fs.createReadStream; end of stream counts as lost', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lane-evdev-'));
    const file = path.join(dir, 'event0');
    fs.writeFileSync(file, new Uint8Array(72).fill(3));
    const t = new EvdevTransport(EvdevTransportConfig.parse({ kind: 'evdev', path: file }), { logger: silentLogger, source: fsEvdevSource });
    const got = collectUntil((l) => t.onData(l), (all) => all.length === 72);
    const lost = waitForEvent<CloseReason>((l) => t.onClose((r) => l(r)));
    await t.open();
    expect((await got).every((b) => b === 3)).toBe(true);
    expect(await lost).toBe('lost');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('real source: a missing node rejects open with a TransportError', async () => {
    const t = new EvdevTransport(EvdevTransportConfig.parse({ kind: 'evdev', path: '/nonexistent/event99' }), { logger: silentLogger });
    await expect(t.open()).rejects.toBeInstanceOf(TransportError);
  });
});
