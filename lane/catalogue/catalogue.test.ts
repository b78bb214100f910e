import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { CatalogueItemInput } from '../../contracts/catalogue.ts';
import { CatalogueItem } from '../../contracts/catalogue.ts';
import { withCheckDigit } from '../codes/gtin.ts';
import { openDatabase } from '../db/database.ts';
import { queryPlan, schemaNames, tempDir } from '../db/testing.ts';
import { ManualClock } from '../../core/clock.ts';
import { Catalogue, toSearchHit, type ImportReport } from './catalogue.ts';
import { csvField } from './csv.ts';
import { catalogueFileStub } from './testing.ts';

const tmp = tempDir('lane-cat-');
afterAll(() => tmp.cleanup());

function fresh(): Catalogue {
  return new Catalogue(openDatabase(':memory:'), new ManualClock(Date.UTC(2026, 0, 15)));
}

function report(r: ReturnType<Catalogue['importFile']>): ImportReport {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const item = (over: Partial<CatalogueItemInput> & { id: string }): CatalogueItemInput => ({
  name: { en: over.id },
  priceMinor: 100,
  taxClass: 'reduced',
  category: 'dairy',
  codes: [],
  plu: undefined,
  ...over,
});

describe('Catalogue.importFile', () => {
  it('imports every valid item and reports counts', () => {
    const cat = fresh();
    expect(report(cat.importFile(catalogueFileStub()))).toEqual({ items: 4, codes: 3, categories: 2, promotions: 4, rejected: 0, errors: [] });
    expect(cat.stats()).toEqual({ items: 4, codes: 3 });
    expect(cat.currency()).toBe('EUR');
    expect(cat.taxes()).toEqual({ reduced: 700, standard: 1900 });
    expect(cat.importedAt()).toBe(Date.UTC(2026, 0, 15));
  });

  it('rejects items with a wrong check digit, a bad length, a duplicate code, PLU or id, naming the reason', () => {
    const cat = fresh();
    const r = report(
      cat.importFile(
        catalogueFileStub([
          item({ id: 'a', codes: ['4006381333931'], plu: '4011' }),
          item({ id: 'badCheck', codes: ['4006381333932'] }),
          item({ id: 'badLength', codes: ['1234567890'] }),
          item({ id: 'dupCode', codes: ['04006381333931'] }),
          item({ id: 'dupPlu', plu: '4011' }),
          item({ id: 'a', plu: '4012' }),
          item({ id: 'noCategory', plu: '4013', category: 'toys' }),
          item({ id: 'noTax', plu: '4014', taxClass: 'luxury' }),
          item({ id: 'fine', plu: '4015' }),
        ]),
      ),
    );
    expect(r.items).toBe(2);
    expect(r.errors.map((e) => [e.index, e.itemId, e.reason, e.value])).toEqual([
      [1, 'badCheck', 'invalidCheckDigit', '4006381333932'],
      [2, 'badLength', 'invalidCode', '1234567890'],
      [3, 'dupCode', 'duplicateCode', '04006381333931'],
      [4, 'dupPlu', 'duplicatePlu', '4011'],
      [5, 'a', 'duplicateId', 'a'],
      [6, 'noCategory', 'unknownCategory', 'toys'],
      [7, 'noTax', 'unknownTaxClass', 'luxury'],
    ]);
    expect(r.errors[2]?.message).toBe("code 04006381333931 already belongs to item 'a'");
    expect(cat.byPlu('4012')).toBeNull();
    expect(cat.byPlu('4015')?.id).toBe('fine');
  });

  it('in strict mode changes nothing when any item is rejected', () => {
    const cat = fresh();
    report(cat.importFile(catalogueFileStub()));
    const r = cat.importFile(catalogueFileStub([item({ id: 'x', codes: ['4006381333932'] }), item({ id: 'y', plu: '4444' })]), { strict: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalidInput', message: expect.stringContaining('1 item(s) rejected') } });
    expect(cat.stats().items).toBe(4);
    expect(cat.byId('y')).toBeNull();
  });

  it('replaces the whole catalogue on re-import', () => {
    const cat = fresh();
    report(cat.importFile(catalogueFileStub()));
    report(cat.importFile(catalogueFileStub([item({ id: 'only', codes: ['12345670'] })])));
    expect(cat.stats()).toEqual({ items: 1, codes: 1 });
    expect(cat.byId('milk')).toBeNull();
    expect(cat.byCode('12345670')?.id).toBe('only');
    expect(cat.search('milk', 'en', 10)).toEqual([]);
  });

  it('leaves the catalogue untouched when the file itself is invalid', () => {
    const cat = fresh();
    report(cat.importFile(catalogueFileStub()));
    const file = catalogueFileStub();
    file.categories.push({ ...file.categories[0]!, name: { en: 'Again' } });
    expect(cat.importFile(file)).toMatchObject({ ok: false, error: { message: "duplicate category id 'fruit'" } });
    const badDate = catalogueFileStub();
    badDate.promotions[0] = { ...badDate.promotions[0]!, validFrom: 'soon' };
    expect(cat.importFile(badDate)).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    expect(cat.stats().items).toBe(4);
  });

  it('imports 20,000 generated items with all codes, PLUs and names retrievable', () => {
    const cat = fresh();
    const items: CatalogueItemInput[] = [];
    for (let i = 0; i < 20_000; i++) {
      items.push(
        item({
          id: `sku-${i}`,
          codes: [withCheckDigit(`40${String(i).padStart(10, '0')}`), ...(i % 10 === 0 ? [withCheckDigit(`59${String(i).padStart(10, '0')}`)] : [])],
          plu: i % 100 === 0 ? String(10000 + i / 100) : undefined,
          name: { en: `Item ${i}`, de: `Artikel ${i}`, ru: `Товар ${i}`, fa: `کالا ${i}` },
          priceMinor: i,
          weightGrams: 100 + (i % 900),
        }),
      );
    }
    const r = report(cat.importFile(catalogueFileStub(items)));
    expect(r).toMatchObject({ items: 20_000, codes: 22_000, rejected: 0 });
    expect(cat.byCode(withCheckDigit('400000012345'))).toMatchObject({ id: 'sku-12345', priceMinor: 12345, weightGrams: 100 + (12345 % 900) });
    expect(cat.byCode(withCheckDigit('590000019990'))?.id).toBe('sku-19990');
    expect(cat.byPlu('10199')?.id).toBe('sku-19900');
    expect(cat.search('товар 1999', 'ru', 50).map((x) => x.id)).toContain('sku-19999');
    expect(cat.byCategory('dairy', 5)).toHaveLength(5);
  });

  it('rebuilds the indexes it drops for the bulk insert', () => {
    const db = openDatabase(':memory:');
    const before = schemaNames(db, 'index');
    new Catalogue(db, new ManualClock()).importFile(catalogueFileStub());
    expect(schemaNames(db, 'index')).toEqual(before);
    expect(queryPlan(db, 'SELECT * FROM items WHERE id = ?', 'milk')).toMatch(/USING INDEX items_by_id/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});

describe('Catalogue lookups', () => {
  const cat = fresh();
  report(cat.importFile(catalogueFileStub()));

  it('finds an item by any form of its code and returns it as a valid CatalogueItem', () => {
    const milk = cat.byCode('4006381333931');
    expect(milk).toEqual({
      id: 'milk',
      codes: ['00000012345670', '04006381333931'],
      name: { en: 'Whole Milk 1 l', de: 'Vollmilch 1 l', ru: 'Молоко цельное 1 л', fa: 'شیر پرچرب ۱ لیتر' },
      priceMinor: 119,
      unit: 'each',
      weightGrams: 1060,
      noWeight: false,
      taxClass: 'reduced',
      category: 'dairy',
      groups: ['dairy-any'],
    });
    expect(CatalogueItem.safeParse(milk).success).toBe(true);
    expect(cat.byCode('04006381333931')?.id).toBe('milk');
    expect(cat.byCode('00000012345670')?.id).toBe('milk');
    expect(cat.byCode('12345670')?.id).toBe('milk');
  });

  it('returns null for an unknown code, an invalid code, an unknown PLU or id', () => {
    expect(cat.byCode('4006381333948')).toBeNull();
    expect(cat.byCode('4006381333932')).toBeNull();
    expect(cat.byCode('abc')).toBeNull();
    expect(cat.byPlu('9999')).toBeNull();
    expect(cat.byId('nope')).toBeNull();
  });

  it('finds produce by PLU with its optional fields', () => {
    expect(cat.byPlu('4011')).toMatchObject({ id: 'banana', unit: 'kg', picture: 'pictures/banana.svg', codes: [] });
  });

  it('searches by word prefix, case- and accent-insensitively, in the shopper’s language', () => {
    expect(cat.search('BAN', 'en', 10).map((i) => i.id)).toEqual(['banana']);
    expect(cat.search('apfel', 'de', 10).map((i) => i.id)).toEqual(['fuji']);
    expect(cat.search('яб', 'ru', 10).map((i) => i.id)).toEqual(['fuji']);
    expect(cat.search('سیب', 'fa', 10).map((i) => i.id)).toEqual(['fuji']);
    expect(cat.search('fuj app', 'en', 10).map((i) => i.id)).toEqual(['fuji']);
  });

  it('falls back to English names in every language', () => {
    expect(cat.search('banan', 'fa', 10).map((i) => i.id)).toEqual(['banana']);
  });

  it('does not search another language’s names', () => {
    expect(cat.search('Bananen', 'ru', 10)).toEqual([]);
  });

  it('finds Persian words written with ZWNJ, a space or joined, and with Arabic letter forms', () => {
    for (const q of ['تخم\u200Cمرغ', 'تخم مرغ', 'تخممرغ', 'تخم']) expect(cat.search(q, 'fa', 10).map((i) => i.id)).toEqual(['eggs']);
    expect(cat.search('شير', 'fa', 10).map((i) => i.id)).toEqual(['milk']); // Arabic yeh
  });

  it('matches PLU digits, exact PLU first', () => {
    expect(cat.search('4011', 'en', 10).map((i) => i.id)).toEqual(['banana']);
    expect(cat.search('41', 'de', 10).map((i) => i.id)).toEqual(['fuji']);
  });

  it('returns nothing for an empty or punctuation-only query, or one with FTS syntax', () => {
    expect(cat.search('', 'en', 10)).toEqual([]);
    expect(cat.search('"*', 'en', 10)).toEqual([]);
    expect(cat.search('milk OR NEAR(x', 'en', 10)).toEqual([]);
    expect(cat.search('AND', 'en', 10)).toEqual([]);
  });

  it('honours the limit, and lists one-letter matches in catalogue order', () => {
    expect(cat.search('a', 'en', 1)).toHaveLength(1);
    expect(cat.search('b', 'de', 10).map((i) => i.id)).toEqual(['banana']);
    expect(cat.search('e', 'en', 10).map((i) => i.id)).toEqual(['eggs']);
  });

  it('lists a category’s items in file order, and categories with produce ones apart', () => {
    expect(cat.byCategory('fruit').map((i) => i.id)).toEqual(['banana', 'fuji']);
    expect(cat.byCategory('nope')).toEqual([]);
    expect(cat.categories().map((c) => c.id)).toEqual(['fruit', 'dairy']);
    expect(cat.categories(true)).toEqual([
      { id: 'fruit', name: { en: 'Fruit', de: 'Obst', ru: 'Фрукты', fa: 'میوه' }, picture: 'pictures/apple.svg', produce: true },
    ]);
  });

  it('returns only promotions valid now, parsed through the schema', () => {
    expect(cat.promotions().map((p) => p.id)).toEqual(['p-bananas', 'p-dairy']);
    expect(cat.promotions()[1]).toMatchObject({ kind: 'mixMatch', group: 'dairy-any', quantity: 3, priceMinor: 300, items: [] });
  });

  it('maps an item to a SearchHit in a language', () => {
    const fuji = cat.byId('fuji');
    expect(fuji && toSearchHit(fuji, 'fa')).toEqual({ itemId: 'fuji', name: 'سیب فوجی', plu: '4131', priceMinor: 299, unit: 'kg', category: 'fruit' });
  });
});

describe('Catalogue.promotions with a corrupt row', () => {
  it('leaves out a stored promotion that no longer parses', () => {
    const db = openDatabase(':memory:');
    const cat = new Catalogue(db, new ManualClock());
    report(cat.importFile(catalogueFileStub()));
    db.prepare("UPDATE promotions SET body_json = '{\"kind\":\"percent\"}' WHERE id = 'p-bananas'").run();
    expect(cat.promotions().map((p) => p.id)).toEqual(['p-dairy']);
  });
});

describe('Catalogue.importJson', () => {
  it('imports a file, rejecting items that fail the schema one by one', () => {
    const file = catalogueFileStub();
    const raw = { ...file, items: [...file.items, { id: 'noPrice', codes: ['12345670'], name: { en: 'x' }, category: 'dairy' }] };
    const path = tmp.path('cat.json');
    writeFileSync(path, JSON.stringify(raw));
    const cat = fresh();
    const r = report(cat.importJson(path));
    expect(r.items).toBe(4);
    expect(r.errors).toEqual([{ index: 4, itemId: 'noPrice', reason: 'invalidItem', message: expect.stringContaining("'priceMinor'") }]);
  });

  it('fails without changes for a missing file, bad JSON or a bad envelope', () => {
    const cat = fresh();
    expect(cat.importJson(tmp.path('missing.json'))).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    writeFileSync(tmp.path('bad.json'), '{ nope');
    expect(cat.importJson(tmp.path('bad.json'))).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    writeFileSync(tmp.path('env.json'), JSON.stringify({ version: 2, currency: 'EUR', taxes: {}, categories: [], items: [] }));
    expect(cat.importJson(tmp.path('env.json'))).toMatchObject({ ok: false, error: { path: 'version' } });
    expect(cat.stats().items).toBe(0);
  });
});

describe('Catalogue.importCsv', () => {
  const header = 'id,codes,plu,name_en,name_de,name_ru,name_fa,price_minor,unit,weight_grams,tolerance_grams,no_weight,age_limit,tax_class,category,picture,groups';
  const meta = (() => {
    const f = catalogueFileStub([]);
    return { currency: f.currency, taxes: f.taxes, categories: f.categories, promotions: [] };
  })();

  it('imports the documented format with quoting, several codes and groups', () => {
    const rows = [
      header,
      ['milk', '4006381333931|12345670', '', 'Milk, whole', 'Vollmilch', 'Молоко', 'شیر', '119', 'each', '1060', '', '0', '', 'reduced', 'dairy', '', 'dairy-any|breakfast'].map(csvField).join(','),
      ['banana', '', '4011', 'Bananas "Cavendish"', '', '', '', '199', 'kg', '', '', '', '', 'reduced', 'fruit', 'pictures/banana.svg', ''].map(csvField).join(','),
      ['card', '4000000000006', '', 'Gift card\n25 €', '', '', '', '2500', '', '', '', 'true', '18', 'standard', 'dairy', '', ''].map(csvField).join(','),
    ].join('\r\n');
    const path = tmp.path('items.csv');
    writeFileSync(path, rows);
    const cat = fresh();
    expect(report(cat.importCsv(path, meta))).toMatchObject({ items: 3, codes: 3, rejected: 0 });
    expect(cat.byCode('12345670')).toMatchObject({ id: 'milk', name: { en: 'Milk, whole', de: 'Vollmilch' }, groups: ['dairy-any', 'breakfast'], weightGrams: 1060 });
    expect(cat.byPlu('4011')).toMatchObject({ name: { en: 'Bananas "Cavendish"' }, unit: 'kg', picture: 'pictures/banana.svg' });
    expect(cat.byId('card')).toMatchObject({ name: { en: 'Gift card\n25 €' }, noWeight: true, ageLimit: 18, unit: 'each' });
  });

  it('accepts columns in any order and omitted optional columns', () => {
    const cat = fresh();
    const r = cat.importCsvText('category,price_minor,name_en,id,plu\nfruit,99,Lemons,lemon,4053\n', meta);
    expect(report(r).items).toBe(1);
    expect(cat.byPlu('4053')?.name).toEqual({ en: 'Lemons' });
  });

  it('rejects bad rows with their line number and imports the rest', () => {
    const cat = fresh();
    const text = [header, 'a,,4011,A,,,,12.50,each,,,,,reduced,fruit,,', 'b,,4012,B,,,,100,each,,,maybe,,reduced,fruit,,', 'c,,4013,C,,,,100', 'd,,,D,,,,100,each,,,,,reduced,fruit,,', 'e,,4015,E,,,,100,each,,,,,reduced,fruit,,'].join('\n');
    const r = report(cat.importCsvText(text, meta));
    expect(r.items).toBe(1);
    expect(r.errors.map((e) => [e.line, e.itemId, e.reason])).toEqual([
      [2, 'a', 'invalidItem'],
      [3, 'b', 'invalidItem'],
      [4, 'c', 'invalidItem'],
      [5, 'd', 'invalidItem'],
    ]);
    expect(r.errors[0]?.message).toBe("CSV line 2: price_minor must be a whole number, got '12.50'");
    expect(r.errors[3]?.message).toContain('needs a code or a PLU');
  });

  it('fails for an unknown or missing header column, or broken quoting', () => {
    const cat = fresh();
    expect(cat.importCsvText('id,name_en,price,category\n', meta)).toMatchObject({ ok: false, error: { message: expect.stringContaining("unknown column 'price'") } });
    expect(cat.importCsvText('id,name_en,category\n', meta)).toMatchObject({ ok: false, error: { message: expect.stringContaining('missing column(s) price_minor') } });
    expect(cat.importCsvText(`${header}\n"a`, meta)).toMatchObject({ ok: false, error: { message: expect.stringContaining('unterminated') } });
    expect(cat.importCsvText('', meta)).toMatchObject({ ok: false });
  });

  it('keeps currency, taxes and categories from the current catalogue when not given', () => {
    const cat = fresh();
    expect(cat.importCsvText('id,plu,name_en,price_minor,category\nx,4011,X,1,fruit', {})).toMatchObject({ ok: false, error: { path: 'currency' } });
    report(cat.importFile(catalogueFileStub()));
    expect(report(cat.importCsvText('id,plu,name_en,price_minor,category,tax_class\nx,4011,X,1,fruit,reduced', {})).items).toBe(1);
    expect(cat.currency()).toBe('EUR');
    expect(cat.categories()).toHaveLength(2);
    expect(cat.promotions().map((p) => p.id)).toEqual(['p-bananas', 'p-dairy']);
  });
});
