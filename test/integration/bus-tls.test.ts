import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../broker/broker.ts';
import { connectConsole } from '../../store-bus/consoleClient.ts';
import { connectLaneBus } from '../../lane/bus/laneBus.ts';
import { silentLogger } from '../../core/log.ts';
import { memoryLane } from '../helpers/memoryLane.ts';
import { STORE, accountsFor, laneSecret, until } from './bus-helpers.ts';

/** MQTTS and WSS on the embedded broker with a throw-away self-signed certificate. */
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasOpenssl) console.warn('bus-tls: openssl not found; TLS cases skipped');

describe.skipIf(!hasOpenssl)('the store bus over TLS (embedded broker)', () => {
  let dir: string;
  let broker: EmbeddedBroker;
  let ca: Buffer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lane-bus-tls-'));
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    ca = readFileSync(join(dir, 'cert.pem'));
    broker = await startEmbeddedBroker({ accounts: accountsFor(['t1']), port: 0, wsPort: 0, tls: { key: readFileSync(join(dir, 'key.pem')), cert: ca }, logger: silentLogger });
  });
  afterAll(async () => {
    await broker?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a lane over mqtts:// and a console over wss:// trusting the store CA', async () => {
    expect(broker.url).toMatch(/^mqtts:/);
    expect(broker.wsUrl).toMatch(/^wss:/);
    const lane = memoryLane({ laneId: 't1' });
    const bus = connectLaneBus(lane.service, { url: broker.url, storeId: STORE, password: laneSecret('t1'), clock: lane.clock, logger: silentLogger, tls: { ca } });
    await bus.whenReady();
    const r = await connectConsole({ url: broker.wsUrl ?? '', storeId: STORE, consoleId: 'tls-desk', attendantId: 'alex', pin: '1234', mqtt: { ca } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    await until(r.value, (s) => s.lanes.t1?.status?.online === true);
    await r.value.close();
    await bus.close();
  });

  it('a client that does not trust the certificate is not connected', async () => {
    const r = await connectConsole({ url: broker.url, storeId: STORE, consoleId: 'untrusting', attendantId: 'alex', pin: '1234' });
    expect(r).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/^TLS: /) } });
  });
});
