export { openDatabase, migrate, appliedMigrations, type Database, type OpenDatabaseOptions } from './database.ts';
export type { Migration } from './migration.ts';
export { MIGRATIONS } from './migrations/index.ts';
export { Settings } from './settings.ts';
export { ItemWeights, type LearnedWeight } from './itemWeights.ts';
