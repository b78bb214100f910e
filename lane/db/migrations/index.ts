import type { Migration } from '../migration.ts';
import { migration as m0001 } from './0001-catalogue.ts';
import { migration as m0002 } from './0002-journal.ts';
import { migration as m0003 } from './0003-item-weights.ts';
import { migration as m0004 } from './0004-settings.ts';

/** Every migration, in order. Add new files here. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004];
