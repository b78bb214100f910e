import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CatalogueFile, LANGUAGES } from '../../contracts/catalogue.ts';
import { isValidGtin } from '../codes/gtin.ts';
import { openDatabase } from '../db/database.ts';
import { ManualClock } from '../../core/clock.ts';
import { generateCatalogue } from '../../scripts/gen-catalogue.ts';
import { Catalogue } from './catalogue.ts';

const FIXTURE = fileURLToPath(new URL('../../fixtures/catalogue.json', import.meta.url));
const file = CatalogueFile.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));

describe('fixtures/catalogue.json', () => {
  it('parses through the schema with at least 500 items, EUR and the tax classes', () => {
    expect(file.items.length).toBeGreaterThanOrEqual(500);
    expect(file.currency).toBe('EUR');
    expect(file.taxes).toMatchObject({ standard: 1900, reduced: 700 });
    expect(file.promotions.length).toBeGreaterThanOrEqual(15);
    expect(file.promotions.length).toBeLessThanOrEqual(30);
    expect(new Set(file.promotions.map((p) => p.kind))).toEqual(new Set(['multibuy', 'fixedPrice', 'mixMatch', 'percent', 'fixedOff']));
  });

  it('has valid check digits on every code and names in all four languages on every item', () => {
    for (const item of file.items) {
      for (const code of item.codes) expect(isValidGtin(code), `${item.id}: ${code}`).toBe(true);
      for (const lang of LANGUAGES) expect(item.name[lang], `${item.id}: ${lang}`).toMatch(/\S/);
      expect(item.name.ru, item.id).toMatch(/[а-яё]/i);
      expect(item.name.fa, item.id).toMatch(/[\u0600-\u06FF]/);
    }
  });

  it('imports with zero rejected items', () => {
    const cat = new Catalogue(openDatabase(':memory:'), new ManualClock());
    const r = cat.importFile(file, { strict: true });
    expect(r.ok && r.value.rejected).toBe(0);
    expect(r.ok && r.value.items).toBe(file.items.length);
  });

  it('holds the items other parts of the lane rely on', () => {
    const cat = new Catalogue(openDatabase(':memory:'), new ManualClock());
    cat.importFile(file);
    for (const plu of ['4011', '4131', '4065', '4087', '4225']) expect(cat.byPlu(plu), plu).not.toBeNull();
    expect(cat.byPlu('4011')).toMatchObject({ unit: 'kg', picture: 'pictures/banana.svg' });
    expect(cat.byPlu('4225')).toMatchObject({ unit: 'each' });
    expect(cat.byCode('4006381333931')).not.toBeNull();
    expect(file.items.some((i) => i.ageLimit === 16)).toBe(true);
    expect(file.items.filter((i) => i.category === 'tobacco').every((i) => i.ageLimit === 18)).toBe(true);
    expect(file.items.some((i) => i.noWeight)).toBe(true);
    expect(file.items.some((i) => i.plu === undefined && i.weightGrams === undefined)).toBe(true);
    expect(file.items.some((i) => i.groups.includes('multipack'))).toBe(true);
    // Variable-measure key codes: 2x prefix, price-check and value digits zero.
    const counter = file.items.filter((i) => i.codes.some((c) => /^2[0-9]\d{4}0{6}\d$/.test(c)));
    expect(counter.length).toBeGreaterThanOrEqual(10);
    expect(counter.every((i) => i.unit === 'kg')).toBe(true);
  });

  it('is what scripts/gen-catalogue.ts generates (deterministic, committed up to date)', () => {
    expect(readFileSync(FIXTURE, 'utf8')).toBe(`${JSON.stringify(generateCatalogue(), null, 2)}\n`);
  });

  it('gives every produce category a picture that exists', () => {
    const produce = file.categories.filter((c) => c.produce);
    expect(produce.length).toBeGreaterThanOrEqual(3);
    const pictures = new Set([...file.categories.map((c) => c.picture), ...file.items.map((i) => i.picture)].filter((p) => p !== undefined));
    for (const c of produce) expect(c.picture, c.id).toBeDefined();
    for (const p of pictures) expect(existsSync(fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url))), p).toBe(true);
  });
});
