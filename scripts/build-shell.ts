/**
 * Runs: node (build tool). Bundles the shell for Electron, which runs JavaScript, not our
 * `.ts` sources:
 * - electron/dist/main.mjs — ESM main process; zod and pino are bundled in, so the packaged
 *   app.asar needs no node_modules at all;
 * - electron/dist/preload.cjs — a sandboxed preload must be one CommonJS file that requires
 *   nothing but 'electron'.
 *
 *   npx tsx scripts/build-shell.ts
 *
 * esbuild comes with tsx (a dependency), so nothing extra is installed.
 */
import { build, type BuildOptions } from 'esbuild';
import { join } from 'node:path';

const electronDir = join(import.meta.dirname, '../electron');

export async function buildShell(outDir = join(electronDir, 'dist')): Promise<void> {
  const common: BuildOptions = { bundle: true, platform: 'node', target: 'node22', external: ['electron'], sourcemap: true, logLevel: 'warning' };
  await build({
    ...common,
    entryPoints: [join(electronDir, 'main/main.ts')],
    outfile: join(outDir, 'main.mjs'),
    format: 'esm',
    // Bundled CommonJS dependencies (pino) still call require() for Node built-ins.
    banner: { js: "import { createRequire as __laneCreateRequire } from 'node:module'; const require = __laneCreateRequire(import.meta.url);" },
  });
  await build({
    ...common,
    entryPoints: [join(electronDir, 'preload/preload.ts')],
    outfile: join(outDir, 'preload.cjs'),
    format: 'cjs',
  });
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  await buildShell();
  process.stdout.write(`built ${join(electronDir, 'dist')}/main.mjs and preload.cjs\n`);
}
