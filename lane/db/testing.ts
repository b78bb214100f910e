import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';

/** A fresh temporary directory for a test database; `cleanup` removes it. */
export function tempDir(prefix = 'lane-db-'): { dir: string; path: (name?: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name = 'lane.db') => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Names of schema objects of one type (`table`, `index`, `trigger`). */
export function schemaNames(db: Database, type: 'table' | 'index' | 'trigger'): string[] {
  return db
    .prepare<[string], { name: string }>("SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all(type)
    .map((r) => r.name);
}

/** The `EXPLAIN QUERY PLAN` detail lines of a statement, joined by newlines. */
export function queryPlan(db: Database, sql: string, ...params: unknown[]): string {
  return db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((r) => String((r as { detail: unknown }).detail))
    .join('\n');
}
