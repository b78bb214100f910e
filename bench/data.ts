/**
 * Synthetic, deterministic catalogue data for the benchmarks: items with valid GTIN-13s,
 * names in English, German, Russian and Persian, every 10th item with a PLU, promotions of
 * every kind. Same seed → same data, so runs on different machines compare.
 */
import type { CatalogueFile, CatalogueItem, Category, Promotion } from '../contracts/catalogue.ts';
import { withCheckDigit } from '../lane/codes/gtin.ts';
import { rng } from '../test/helpers/rng.ts';

/** [en, de, ru, fa] */
const NOUNS: readonly (readonly [string, string, string, string])[] = [
  ['Milk', 'Milch', 'Молоко', 'شیر'],
  ['Bread', 'Brot', 'Хлеб', 'نان'],
  ['Cheese', 'Käse', 'Сыр', 'پنیر'],
  ['Apple juice', 'Apfelsaft', 'Яблочный сок', 'آب سیب'],
  ['Coffee', 'Kaffee', 'Кофе', 'قهوه'],
  ['Tea', 'Tee', 'Чай', 'چای'],
  ['Rice', 'Reis', 'Рис', 'برنج'],
  ['Pasta', 'Nudeln', 'Макароны', 'ماکارونی'],
  ['Yoghurt', 'Joghurt', 'Йогурт', 'ماست'],
  ['Butter', 'Butter', 'Масло', 'کره'],
  ['Chocolate', 'Schokolade', 'Шоколад', 'شکلات'],
  ['Biscuits', 'Kekse', 'Печенье', 'بیسکویت'],
  ['Water', 'Wasser', 'Вода', 'آب'],
  ['Lemonade', 'Limonade', 'Лимонад', 'لیموناد'],
  ['Soap', 'Seife', 'Мыло', 'صابون'],
  ['Shampoo', 'Shampoo', 'Шампунь', 'شامپو'],
  ['Tomatoes', 'Tomaten', 'Помидоры', 'گوجه'],
  ['Sausage', 'Wurst', 'Колбаса', 'سوسیس'],
  ['Honey', 'Honig', 'Мёд', 'عسل'],
  ['Flour', 'Mehl', 'Мука', 'آرد'],
  ['Sugar', 'Zucker', 'Сахар', 'شکر'],
  ['Salt', 'Salz', 'Соль', 'نمک'],
  ['Eggs', 'Eier', 'Яйца', 'تخم‌مرغ'],
  ['Oats', 'Haferflocken', 'Овсянка', 'جو دوسر'],
  ['Crisps', 'Chips', 'Чипсы', 'چیپس'],
  ['Olives', 'Oliven', 'Оливки', 'زیتون'],
  ['Ketchup', 'Ketchup', 'Кетчуп', 'سس گوجه'],
  ['Mustard', 'Senf', 'Горчица', 'خردل'],
  ['Vinegar', 'Essig', 'Уксус', 'سرکه'],
  ['Noodles', 'Suppennudeln', 'Лапша', 'رشته'],
  ['Beans', 'Bohnen', 'Фасоль', 'لوبیا'],
  ['Lentils', 'Linsen', 'Чечевица', 'عدس'],
  ['Tuna', 'Thunfisch', 'Тунец', 'تن ماهی'],
  ['Jam', 'Marmelade', 'Джем', 'مربا'],
  ['Cereal', 'Müsli', 'Мюсли', 'غلات'],
  ['Cream', 'Sahne', 'Сливки', 'خامه'],
  ['Ice cream', 'Eiscreme', 'Мороженое', 'بستنی'],
  ['Pizza', 'Pizza', 'Пицца', 'پیتزا'],
  ['Detergent', 'Waschmittel', 'Стиральный порошок', 'پودر لباسشویی'],
  ['Toothpaste', 'Zahnpasta', 'Зубная паста', 'خمیر دندان'],
];

const ADJECTIVES: readonly (readonly [string, string, string, string])[] = [
  ['Fresh', 'Frische', 'Свежий', 'تازه'],
  ['Organic', 'Bio', 'Органический', 'ارگانیک'],
  ['Light', 'Leichte', 'Лёгкий', 'سبک'],
  ['Classic', 'Klassische', 'Классический', 'کلاسیک'],
  ['Premium', 'Feine', 'Премиум', 'ممتاز'],
  ['Family', 'Familien', 'Семейный', 'خانواده'],
  ['Sweet', 'Süße', 'Сладкий', 'شیرین'],
  ['Spicy', 'Scharfe', 'Острый', 'تند'],
  ['Whole', 'Vollkorn', 'Цельный', 'کامل'],
  ['Golden', 'Goldene', 'Золотой', 'طلایی'],
];

export const BENCH_CATEGORIES: Category[] = Array.from({ length: 20 }, (_, i) => ({
  id: `cat${i}`,
  name: { en: `Category ${i}`, de: `Kategorie ${i}`, ru: `Категория ${i}`, fa: `دسته ${i}` },
  produce: i === 0,
}));

export { rng } from '../test/helpers/rng.ts';

/** The GTIN-13 of synthetic item `i` (prefix 40, then i). */
export function codeOf(i: number): string {
  return withCheckDigit(`40${String(i).padStart(10, '0')}`);
}

/** PLU of item `i`, if it has one: every 10th item, 10000 + i/10 (up to 89,999 PLUs). */
export function pluOf(i: number): string | undefined {
  if (i % 10 !== 0) return undefined;
  const n = 10_000 + i / 10;
  return n <= 99_999 ? String(n) : undefined;
}

export function syntheticItem(i: number): CatalogueItem {
  const noun = NOUNS[i % NOUNS.length] ?? NOUNS[0]!;
  const adj = ADJECTIVES[Math.floor(i / NOUNS.length) % ADJECTIVES.length] ?? ADJECTIVES[0]!;
  const size = `${100 + (i % 900)}`;
  const plu = pluOf(i);
  const item: CatalogueItem = {
    id: `item${i}`,
    codes: [codeOf(i)],
    name: { en: `${adj[0]} ${noun[0]} ${size} g`, de: `${adj[1]} ${noun[1]} ${size} g`, ru: `${adj[2]} ${noun[2]} ${size} г`, fa: `${noun[3]} ${adj[3]} ${size} گرم` },
    priceMinor: 49 + ((i * 37) % 1950),
    unit: 'each',
    weightGrams: 100 + (i % 900),
    noWeight: false,
    taxClass: i % 3 === 0 ? 'standard' : 'reduced',
    category: `cat${i % BENCH_CATEGORIES.length}`,
    groups: [`g${i % 200}`],
  };
  if (plu !== undefined) item.plu = plu;
  return item;
}

export function syntheticCatalogue(items: number, promotions: Promotion[] = []): CatalogueFile {
  return {
    version: 1,
    currency: 'EUR',
    taxes: { standard: 1900, reduced: 700 },
    categories: BENCH_CATEGORIES,
    items: Array.from({ length: items }, (_, i) => syntheticItem(i)),
    promotions,
  };
}

/** Search words per language (prefixes of words that occur in the names). */
export const SEARCH_TERMS: Readonly<Record<'en' | 'de' | 'ru' | 'fa', readonly string[]>> = {
  en: NOUNS.map((n) => n[0].toLowerCase().slice(0, 4)),
  de: NOUNS.map((n) => n[1].toLowerCase().slice(0, 4)),
  ru: NOUNS.map((n) => n[2].toLowerCase().slice(0, 4)),
  fa: NOUNS.map((n) => n[3].split(' ')[0] ?? n[3]),
};

/**
 * `count` promotions over items 0..itemSpan-1, every kind, all active: a fifth of them per
 * kind; item promotions name 1–3 items, every 10th promotion a group instead.
 */
export function syntheticPromotions(count: number, itemSpan: number, seed = 7): Promotion[] {
  const r = rng(seed);
  const pick = () => `item${Math.floor(r() * itemSpan)}`;
  const out: Promotion[] = [];
  for (let k = 0; k < count; k++) {
    const scope = k % 10 === 9 ? { items: [], group: `g${Math.floor(r() * 200)}` } : { items: Array.from({ length: 1 + (k % 3) }, pick) };
    const base = { id: `promo${String(k).padStart(5, '0')}`, label: { en: `Offer ${k}` }, ...scope };
    switch (k % 5) {
      case 0:
        out.push({ ...base, kind: 'multibuy', buy: 3, pay: 2 });
        break;
      case 1:
        out.push({ ...base, kind: 'fixedPrice', quantity: 2, priceMinor: 300 });
        break;
      case 2:
        out.push({ ...base, kind: 'mixMatch', quantity: 3, priceMinor: 500 });
        break;
      case 3:
        out.push({ ...base, kind: 'percent', percent: 10 + (k % 30) });
        break;
      default:
        out.push({ ...base, kind: 'fixedOff', amountMinor: 10 + (k % 50) });
    }
  }
  return out;
}
