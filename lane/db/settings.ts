import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { fail, ok, type Result } from '../../contracts/errors.ts';
import type { Clock } from '../../core/clock.ts';

/** Typed access to the `settings` table. Values are JSON, validated with a schema on read. */
export class Settings {
  private readonly getStmt;
  private readonly putStmt;
  private readonly delStmt;

  constructor(
    db: Database,
    private readonly clock: Clock,
  ) {
    this.getStmt = db.prepare<[string], { value_json: string }>('SELECT value_json FROM settings WHERE key = ?');
    this.putStmt = db.prepare<[string, string, number]>(
      'INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at',
    );
    this.delStmt = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
  }

  /** `notFound` when unset, `invalidInput` when the stored value fails `schema`. */
  get<T>(key: string, schema: z.ZodType<T>): Result<T> {
    const row = this.getStmt.get(key);
    if (!row) return fail('notFound', `setting '${key}' is not set`);
    let raw: unknown;
    try {
      raw = JSON.parse(row.value_json);
    } catch {
      return fail('invalidInput', `setting '${key}' is not valid JSON`);
    }
    const parsed = schema.safeParse(raw);
    return parsed.success ? ok(parsed.data) : fail('invalidInput', `setting '${key}' does not match its schema`, { path: key });
  }

  set(key: string, value: unknown): void {
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError(`setting '${key}': value is not JSON-serialisable`);
    this.putStmt.run(key, json, this.clock.now());
  }

  delete(key: string): boolean {
    return this.delStmt.run(key).changes > 0;
  }
}
