import type { CatalogueFile, CatalogueItemInput } from '../../contracts/catalogue.ts';
import { CatalogueFile as CatalogueFileSchema } from '../../contracts/catalogue.ts';
import { withCheckDigit } from '../codes/gtin.ts';

/** A small valid catalogue file for tests; `items` replaces the default items. */
export function catalogueFileStub(items?: CatalogueItemInput[]): CatalogueFile {
  return CatalogueFileSchema.parse({
    version: 1,
    currency: 'EUR',
    taxes: { standard: 1900, reduced: 700 },
    categories: [
      { id: 'fruit', name: { en: 'Fruit', de: 'Obst', ru: 'Фрукты', fa: 'میوه' }, picture: 'pictures/apple.svg', produce: true },
      { id: 'dairy', name: { en: 'Dairy', de: 'Molkereiprodukte', ru: 'Молочные продукты', fa: 'لبنیات' } },
    ],
    items: items ?? [
      {
        id: 'banana',
        plu: '4011',
        name: { en: 'Bananas', de: 'Bananen', ru: 'Бананы', fa: 'موز' },
        priceMinor: 199,
        unit: 'kg',
        taxClass: 'reduced',
        category: 'fruit',
        picture: 'pictures/banana.svg',
      },
      {
        id: 'fuji',
        plu: '4131',
        name: { en: 'Apples Fuji', de: 'Äpfel Fuji', ru: 'Яблоки Фудзи', fa: 'سیب فوجی' },
        priceMinor: 299,
        unit: 'kg',
        taxClass: 'reduced',
        category: 'fruit',
      },
      {
        id: 'milk',
        codes: ['4006381333931', '12345670'],
        name: { en: 'Whole Milk 1 l', de: 'Vollmilch 1 l', ru: 'Молоко цельное 1 л', fa: 'شیر پرچرب ۱ لیتر' },
        priceMinor: 119,
        weightGrams: 1060,
        taxClass: 'reduced',
        category: 'dairy',
        groups: ['dairy-any'],
      },
      {
        id: 'eggs',
        codes: [withCheckDigit('401234500001')],
        name: { en: 'Eggs 10', de: 'Eier 10 Stück', ru: 'Яйца 10 шт.', fa: 'تخم‌مرغ ۱۰ عدد' },
        priceMinor: 289,
        weightGrams: 640,
        toleranceGrams: 40,
        taxClass: 'reduced',
        category: 'dairy',
      },
    ],
    promotions: [
      { id: 'p-bananas', kind: 'percent', label: { en: '10 % off bananas' }, items: ['banana'], percent: 10 },
      { id: 'p-old', kind: 'fixedOff', label: { en: 'Expired' }, items: ['milk'], amountMinor: 10, validTo: '2020-01-01T00:00:00Z' },
      { id: 'p-future', kind: 'multibuy', label: { en: 'Later' }, items: ['milk'], buy: 3, pay: 2, validFrom: '2099-01-01T00:00:00Z' },
      { id: 'p-dairy', kind: 'mixMatch', label: { en: 'Any 3 dairy for 3 €' }, group: 'dairy-any', quantity: 3, priceMinor: 300 },
    ],
  });
}
