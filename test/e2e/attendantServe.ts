import { createReadStream, existsSync, mkdtempSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Build the renderer (all pages) into a temporary directory and serve it, for the console's
 * end-to-end test and screenshots. Building into a temp dir leaves renderer/dist alone.
 *
 * `mqttBrowserShim`: mqtt's browser ESM bundle only has a default export, so a named import
 * (`import { ErrorWithSubackPacket } from 'mqtt'`, as in store-bus/consoleClient.ts) fails the
 * browser build. The shim re-exports the class from the default export; it is harmless when
 * no named import is used.
 */
const root = resolve(import.meta.dirname, '..', '..');

export function mqttBrowserShim(): Plugin {
  const id = '\0lane-mqtt-browser';
  return {
    name: 'lane-mqtt-browser-shim',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'mqtt' && importer !== id) return id;
      return null;
    },
    load(loaded) {
      if (loaded !== id) return null;
      return [
        "import mqtt from 'mqtt/dist/mqtt.esm';",
        'export default mqtt;',
        'export const connect = mqtt.connect;',
        'export const ErrorWithSubackPacket = mqtt.ErrorWithSubackPacket;',
        'export const ErrorWithReasonCode = mqtt.ErrorWithReasonCode;',
      ].join('\n');
    },
  };
}

export async function buildRenderer(outDir = mkdtempSync(join(tmpdir(), 'lane-ui-'))): Promise<string> {
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'error', plugins: [mqttBrowserShim()], build: { outDir, emptyOutDir: true } });
  return outDir;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };

export function serveStatic(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let path = normalize(join(dir, decodeURIComponent(url.pathname)));
    if (!path.startsWith(dir)) return void res.writeHead(403).end();
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!existsSync(path)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  return new Promise((r) =>
    server.listen(0, '127.0.0.1', () =>
      r({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

export const CHROMIUM = process.env['CHROMIUM'] ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
