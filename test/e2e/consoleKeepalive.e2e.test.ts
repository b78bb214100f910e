import { existsSync } from 'node:fs';
import { chromium, type Browser, type WebSocket as PageSocket } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ATTENDANTS } from '../../store-bus/demo.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../broker/broker.ts';
import { startLaneServer, type LaneServer } from '../../lane/server.ts';
import { silentLogger } from '../../core/log.ts';
import { memoryLane, type TestLane } from '../helpers/memoryLane.ts';
import { buildRenderer, CHROMIUM, CHROMIUM_ARGS } from './attendantServe.ts';

/**
 * The console stays on the bus. The built console is served by the lane service itself
 * (lane/server.ts, with the Content-Security-Policy a store gets), logs in to the embedded
 * broker over WebSocket with a 1 s keep-alive, and must ping its way through several
 * keep-alive periods on one connection. The broker drops a client that sends nothing for
 * 1.5 keep-alive periods, so a console whose keep-alive timer cannot run (mqtt.js runs it
 * in a blob: Web Worker) is closed and reconnects. Waits on WebSocket frames, not time.
 */
const STORE = 'e2e';
const PINGS = 6;
const PINGREQ = 0xc0;
const PINGRESP = 0xd0;

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`console keep-alive e2e skipped: no Chromium at ${CHROMIUM} (set CHROMIUM=…)`);

const firstByte = (payload: string | Buffer): number => (typeof payload === 'string' ? payload.charCodeAt(0) : (payload[0] ?? -1));

describe.skipIf(!haveChromium)('attendant console keep-alive', () => {
  let broker: EmbeddedBroker;
  let lane: TestLane;
  let server: LaneServer;
  let browser: Browser;

  beforeAll(async () => {
    const [dist, b] = await Promise.all([
      buildRenderer(),
      startEmbeddedBroker({ accounts: { storeId: STORE, lanes: { 'lane-1': 'lane-1-secret' }, attendants: DEMO_ATTENDANTS }, port: 0, wsPort: 0, logger: silentLogger }),
    ]);
    broker = b;
    lane = memoryLane({ laneId: 'lane-1' });
    server = await startLaneServer({ service: lane.service, logger: silentLogger, port: 0, staticDir: dist });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    lane?.service.abandon();
    await broker?.close();
  });

  it(`keeps one connection through ${PINGS} keep-alive periods: no reconnect, no CSP violation`, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));

    const sockets: PageSocket[] = [];
    let pingsSent = 0;
    let pongs = 0;
    let closed = 0;
    // Resolves after PINGS answered pings on the first connection, or as soon as any
    // connection closes (that is the failure: the broker dropped the console).
    const outcome = new Promise<'pinged' | 'closed'>((resolve) => {
      page.on('websocket', (ws) => {
        if (!ws.url().startsWith(broker.wsUrl!)) return;
        sockets.push(ws);
        ws.on('framesent', (f) => {
          if (firstByte(f.payload) === PINGREQ) pingsSent++;
        });
        ws.on('framereceived', (f) => {
          if (firstByte(f.payload) === PINGRESP && ++pongs >= PINGS) resolve('pinged');
        });
        ws.on('close', () => {
          closed++;
          resolve('closed');
        });
      });
    });
    try {
      await page.goto(`${server.url}/attendant/?bus=${encodeURIComponent(broker.wsUrl!)}&store=${STORE}&mute=1&lang=en&keepalive=1`);
      await page.getByLabel('Attendant ID').fill('alex');
      await page.getByLabel('PIN or badge code').fill('1234');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByTestId('link').filter({ hasText: 'Connected' }).waitFor();

      const result = await outcome;
      expect({ result, connections: sockets.length, closed }).toEqual({ result: 'pinged', connections: 1, closed: 0 });
      expect(pingsSent).toBeGreaterThanOrEqual(PINGS);
      expect(problems.filter((p) => /Content Security Policy|worker/i.test(p))).toEqual([]);
      expect(await page.getByTestId('link').textContent()).toMatch(/Connected/);
    } finally {
      await page.close();
    }
  }, 60_000);
});
