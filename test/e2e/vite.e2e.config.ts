import { fileURLToPath } from 'node:url';
import type { UserConfig } from 'vite';
import base from '../../vite.config.ts';

/**
 * The project's Vite config with the shopper page only: the end-to-end tests serve just that,
 * and a half-finished change to another page (attendant console, simulator panel) must not
 * stop them from building it.
 */
const config = base as UserConfig;
export default {
  ...config,
  build: {
    ...config.build,
    rollupOptions: {
      ...config.build?.rollupOptions,
      input: { shopper: fileURLToPath(new URL('../../renderer/index.html', import.meta.url)) },
    },
  },
} satisfies UserConfig;
