import { afterAll, describe, expect, it } from 'vitest';
import { appliedMigrations, openDatabase } from '../database.ts';
import { queryPlan, schemaNames, tempDir } from '../testing.ts';
import { migration } from './0001-catalogue.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('migration 0001-catalogue', () => {
  it('applies on an empty database', () => {
    const db = openDatabase(':memory:', { migrations: [migration] });
    expect(appliedMigrations(db)).toEqual([1]);
    expect(schemaNames(db, 'table')).toEqual(
      expect.arrayContaining(['catalogue_meta', 'taxes', 'categories', 'items', 'item_codes', 'promotions', 'item_search']),
    );
    expect(schemaNames(db, 'index')).toEqual(expect.arrayContaining(['items_by_id', 'items_by_plu', 'items_by_category', 'item_codes_by_item']));
    db.close();
  });

  it('is idempotent across reopen', () => {
    openDatabase(tmp.path(), { migrations: [migration] }).close();
    const db = openDatabase(tmp.path(), { migrations: [migration] });
    expect(appliedMigrations(db)).toEqual([1]);
    db.close();
  });

  it('looks up by code, PLU, id and category through an index', () => {
    const db = openDatabase(':memory:', { migrations: [migration] });
    expect(queryPlan(db, 'SELECT item_seq FROM item_codes WHERE code = ?', '04006381333931')).toMatch(/SEARCH item_codes USING PRIMARY KEY/);
    expect(queryPlan(db, 'SELECT * FROM items WHERE plu = ?', '4011')).toMatch(/SEARCH items USING INDEX items_by_plu \(plu=\?\)/);
    expect(queryPlan(db, 'SELECT * FROM items WHERE id = ?', 'x')).toMatch(/SEARCH items USING INDEX items_by_id \(id=\?\)/);
    expect(queryPlan(db, 'SELECT * FROM items WHERE category = ? ORDER BY seq LIMIT 10', 'fruit')).toMatch(/SEARCH items USING INDEX items_by_category/);
    expect(queryPlan(db, 'SELECT code FROM item_codes WHERE item_seq = ?', 1)).toMatch(/USING (COVERING )?INDEX item_codes_by_item/);
    db.close();
  });

  it('refuses a second item with the same PLU but allows many without one', () => {
    const db = openDatabase(':memory:', { migrations: [migration] });
    db.exec("INSERT INTO categories (id, position, name_en) VALUES ('c', 0, 'C')");
    const ins = db.prepare("INSERT INTO items (id, plu, name_en, price_minor, unit, tax_class, category) VALUES (?, ?, 'X', 1, 'each', 'standard', 'c')");
    ins.run('a', null);
    ins.run('b', null);
    ins.run('c', '4011');
    expect(() => ins.run('d', '4011')).toThrow(/UNIQUE/);
    db.close();
  });

  it('refuses an item in an unknown category (foreign key)', () => {
    const db = openDatabase(':memory:', { migrations: [migration] });
    expect(() =>
      db.prepare("INSERT INTO items (id, name_en, price_minor, unit, tax_class, category) VALUES ('a', 'A', 1, 'each', 'standard', 'nope')").run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('indexes names with FTS5 unicode61, folding case and Latin diacritics', () => {
    const db = openDatabase(':memory:', { migrations: [migration] });
    db.prepare("INSERT INTO item_search (rowid, name_en, name_de) VALUES (1, 'Apple', 'Äpfel Crème')").run();
    expect(db.prepare("SELECT rowid FROM item_search WHERE item_search MATCH 'apfel*'").all()).toEqual([{ rowid: 1 }]);
    expect(db.prepare("SELECT rowid FROM item_search WHERE item_search MATCH 'creme'").all()).toEqual([{ rowid: 1 }]);
    db.close();
  });
});
