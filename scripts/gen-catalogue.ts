/**
 * Generates fixtures/catalogue.json, the demo catalogue (CatalogueFile format, see
 * contracts/catalogue.ts). Deterministic: a fixed seed drives every random choice, so
 * running it again gives byte-identical output.
 *
 *   npx tsx scripts/gen-catalogue.ts [out.json]
 *
 * Names are composed from word tables per language (brand + product + size; Russian and
 * Persian put the product first). Brands are invented; their Russian and Persian spellings
 * are transliterations, as brand names are in those markets. Codes are EAN-13 (some EAN-8
 * and one UPC-A) with valid check digits under a few real-looking GS1 prefixes.
 *
 * Conventions other parts rely on:
 * - Variable-measure counter items (cheese, meat, fish) carry catalogue key codes
 *   `2p IIII 0 00000 C`: prefix 21 (cheese) or 22 (meat, fish), a 4-digit item number, the
 *   price-check digit and the 5 value digits set to 0, and a recomputed EAN-13 check digit.
 *   The lane looks a scanned label up by zeroing the same digits (lane/codes).
 * - Produce PLUs are IFPS codes (4011 bananas, 94011 organic bananas …). Loose bakery items
 *   use store-assigned PLUs 70001–70099, outside the IFPS ranges.
 * - Tax classes: `reduced` (7 %) for food, coffee and tea; `standard` (19 %) for other
 *   drinks, alcohol, tobacco, household and personal care; `exempt` (0 %) for gift cards,
 *   which are vouchers taxed when redeemed.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CatalogueFile, type CatalogueItemInput, type LocalizedText, type Promotion } from '../contracts/catalogue.ts';
import { isValidGtin, withCheckDigit } from '../lane/codes/gtin.ts';
import { rng } from '../test/helpers/rng.ts';

// ── deterministic randomness ────────────────────────────────────────────────


const random = rng(20260115);

/** A shelf price: ends in 9 (0.99, 1.49 …), at least 0.19. */
function shelfPrice(minor: number): number {
  return Math.max(19, Math.round(minor / 10) * 10 - 1);
}

// ── sizes in four languages ─────────────────────────────────────────────────

type Lang = 'en' | 'de' | 'ru' | 'fa';
const LANGS: readonly Lang[] = ['en', 'de', 'ru', 'fa'];
type L4 = Record<Lang, string>;

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
function faNumber(n: number): string {
  return String(n)
    .replace('.', '٫')
    .replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)] ?? d);
}
function num(n: number, lang: Lang): string {
  if (lang === 'fa') return faNumber(n);
  if (lang === 'en') return String(n);
  return String(n).replace('.', ',');
}
/** Russian plural form for n: one (1, 21 …), few (2–4, 22–24 …), many. */
function ruPlural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

type U = 'g' | 'kg' | 'ml' | 'l' | 'pcs' | 'rolls' | 'bags' | 'm';
const UNIT: Record<Exclude<U, 'pcs' | 'rolls' | 'bags'>, L4> = {
  g: { en: 'g', de: 'g', ru: 'г', fa: 'گرم' },
  kg: { en: 'kg', de: 'kg', ru: 'кг', fa: 'کیلوگرم' },
  ml: { en: 'ml', de: 'ml', ru: 'мл', fa: 'میلی‌لیتر' },
  l: { en: 'l', de: 'l', ru: 'л', fa: 'لیتر' },
  m: { en: 'm', de: 'm', ru: 'м', fa: 'متر' },
};

function qty(n: number, u: U, lang: Lang): string {
  const v = num(n, lang);
  switch (u) {
    case 'pcs':
      return { en: `${v} pcs`, de: `${v} Stück`, ru: `${v} шт.`, fa: `${v} عدد` }[lang];
    case 'rolls':
      return { en: `${v} rolls`, de: `${v} Rollen`, ru: `${v} ${ruPlural(n, 'рулон', 'рулона', 'рулонов')}`, fa: `${v} رول` }[lang];
    case 'bags':
      return { en: `${v} bags`, de: `${v} Beutel`, ru: `${v} ${ruPlural(n, 'пакетик', 'пакетика', 'пакетиков')}`, fa: `${v} عدد کیسه‌ای` }[lang];
    default:
      return `${v} ${UNIT[u][lang]}`;
  }
}

interface Size {
  n: number;
  u: U;
  /** Multipack: this many units of n u. */
  pack?: number;
  netGrams: number;
  packagingGrams: number;
  priceMinor: number;
  toleranceGrams?: number;
}
function sizeLabel(s: Size, lang: Lang): string {
  const one = qty(s.n, s.u, lang);
  if (s.pack === undefined) return one;
  return `${num(s.pack, lang)} × ${one}`;
}
function sizeKey(s: Size): string {
  return `${s.pack !== undefined ? `${s.pack}x` : ''}${String(s.n).replace('.', '')}${s.u}`;
}

// ── brands and GS1 company prefixes ─────────────────────────────────────────

interface Brand {
  key: string;
  name: L4;
  /** 7-digit GS1 company prefix; item references are 5 digits. */
  prefix: string;
  /** Price factor against the product's base price. */
  factor: number;
}
const b = (key: string, en: string, ru: string, fa: string, prefix: string, factor: number): Brand => ({
  key,
  name: { en, de: en, ru, fa },
  prefix,
  factor,
});
const BRANDS = {
  tagwerk: b('tagwerk', 'Tagwerk', 'Тагверк', 'تاگ‌ورک', '4012345', 0.75), // the store's own label
  alpenhof: b('alpenhof', 'Alpenhof', 'Альпенхоф', 'آلپن‌هوف', '4008452', 1.1),
  weidegold: b('weidegold', 'Weidegold', 'Вайдеголд', 'وایده‌گلد', '4031127', 1.25),
  mleczna: b('mleczna', 'Mleczna Dolina', 'Млечна Долина', 'ملچنا دولینا', '5901234', 0.95),
  kornmeister: b('kornmeister', 'Kornmeister', 'Корнмайстер', 'کورن‌مایستر', '4020616', 1.1),
  backhaus: b('backhaus', 'Backhaus Lind', 'Бакхаус Линд', 'باک‌هاوس لیند', '4045890', 1.3),
  quellblick: b('quellblick', 'Quellblick', 'Квельблик', 'کوئل‌بلیک', '4013370', 1.0),
  fruchtwerk: b('fruchtwerk', 'Fruchtwerk', 'Фруктверк', 'فروخت‌ورک', '4024567', 1.2),
  bellaterra: b('bellaterra', 'Bella Terra', 'Белла Терра', 'بلا ترا', '4038811', 1.15),
  nordmuehle: b('nordmuehle', 'Nordmühle', 'Нордмюле', 'نوردموله', '5907788', 1.0),
  golestan: b('golestan', 'Golestan', 'Голестан', 'گلستان', '6260123', 1.2),
  sonnfeld: b('sonnfeld', 'Sonnfeld', 'Зоннфельд', 'زون‌فلد', '4030001', 1.05),
  eiskristall: b('eiskristall', 'Eiskristall', 'Айскристалль', 'آیس‌کریستال', '4047770', 1.2),
  glanzwerk: b('glanzwerk', 'Glanzwerk', 'Глянцверк', 'گلانتس‌ورک', '4010203', 0.95),
  bergquell: b('bergquell', 'Bergquell', 'Бергквелль', 'برگ‌کوئل', '4033344', 1.1),
  polarfrisch: b('polarfrisch', 'Polarfrisch', 'Поларфриш', 'پولارفریش', '4042201', 1.1),
  blitzblank: b('blitzblank', 'Blitzblank', 'Блицбланк', 'بلیتس‌بلانک', '4015000', 1.15),
  sanfta: b('sanfta', 'Sanfta', 'Санфта', 'سانفتا', '4005900', 1.1),
  aqualis: b('aqualis', 'Aqualis', 'Аквалис', 'آکوالیس', '4044553', 1.35),
  riedel: b('riedel', 'Brauhaus Riedel', 'Браухаус Ридель', 'براوهاوس ریدل', '4029764', 1.0),
  kellerbraeu: b('kellerbraeu', 'Kellerbräu', 'Келлерброй', 'کلربروی', '4037221', 1.15),
  sommer: b('sommer', 'Weingut Sommer', 'Вайнгут Зоммер', 'واین‌گوت زومر', '4039905', 1.0),
  casarossa: b('casarossa', 'Casa Rossa', 'Каза Росса', 'کازا روسا', '4046612', 1.3),
  nordlicht: b('nordlicht', 'Nordlicht', 'Нордлихт', 'نوردلیشت', '4017755', 1.0),
  severnaya: b('severnaya', 'Severnaya', 'Северная', 'سِورنایا', '4601234', 0.9),
  highland: b('highland', 'Highland Crest', 'Хайленд Крест', 'هایلند کرست', '4043318', 1.4),
  kapstein: b('kapstein', 'Kapstein', 'Капштайн', 'کاپ‌اشتاین', '4019988', 1.0),
  harbour: b('harbour', 'Blue Harbour', 'Блю Харбор', 'بلو هاربر', '4041177', 1.05),
} as const satisfies Record<string, Brand>;
type BrandKey = keyof typeof BRANDS;

const nextRef = new Map<string, number>();
function eanFor(brand: Brand): string {
  const ref = (nextRef.get(brand.prefix) ?? 0) + 1;
  nextRef.set(brand.prefix, ref);
  return withCheckDigit(`${brand.prefix}${String(ref).padStart(5, '0')}`);
}

// ── categories and pictures ─────────────────────────────────────────────────

interface CategorySpec {
  id: string;
  name: L4;
  picture?: string;
  produce?: boolean;
}
const CATEGORIES: CategorySpec[] = [
  { id: 'fruit', name: { en: 'Fruit', de: 'Obst', ru: 'Фрукты', fa: 'میوه' }, picture: 'pictures/apple.svg', produce: true },
  { id: 'citrus', name: { en: 'Citrus fruit', de: 'Zitrusfrüchte', ru: 'Цитрусовые', fa: 'مرکبات' }, picture: 'pictures/orange.svg', produce: true },
  { id: 'vegetables', name: { en: 'Vegetables', de: 'Gemüse', ru: 'Овощи', fa: 'سبزیجات' }, picture: 'pictures/carrot.svg', produce: true },
  { id: 'potatoes-onions', name: { en: 'Potatoes & onions', de: 'Kartoffeln & Zwiebeln', ru: 'Картофель и лук', fa: 'سیب‌زمینی و پیاز' }, picture: 'pictures/potato.svg', produce: true },
  { id: 'bakery-counter', name: { en: 'Fresh bakery', de: 'Backstation', ru: 'Свежая выпечка', fa: 'نان تازه' }, picture: 'pictures/bread.svg', produce: true },
  { id: 'dairy', name: { en: 'Dairy & eggs', de: 'Molkereiprodukte & Eier', ru: 'Молочные продукты и яйца', fa: 'لبنیات و تخم‌مرغ' } },
  { id: 'bakery', name: { en: 'Bread & cakes', de: 'Brot & Kuchen', ru: 'Хлеб и выпечка', fa: 'نان و کیک' }, picture: 'pictures/bread.svg' },
  { id: 'drinks', name: { en: 'Drinks', de: 'Getränke', ru: 'Напитки', fa: 'نوشیدنی‌ها' } },
  { id: 'pantry', name: { en: 'Pantry', de: 'Vorratsschrank', ru: 'Бакалея', fa: 'خواربار' } },
  { id: 'frozen', name: { en: 'Frozen food', de: 'Tiefkühlkost', ru: 'Замороженные продукты', fa: 'غذاهای منجمد' } },
  { id: 'household', name: { en: 'Household', de: 'Haushalt', ru: 'Хозяйственные товары', fa: 'لوازم خانگی' } },
  { id: 'personal-care', name: { en: 'Personal care', de: 'Körperpflege', ru: 'Средства гигиены', fa: 'بهداشت شخصی' } },
  { id: 'cheese-counter', name: { en: 'Cheese counter', de: 'Käsetheke', ru: 'Сыры на развес', fa: 'پیشخوان پنیر' } },
  { id: 'meat-counter', name: { en: 'Meat counter', de: 'Fleischtheke', ru: 'Мясо на развес', fa: 'پیشخوان گوشت' } },
  { id: 'fish-counter', name: { en: 'Fish counter', de: 'Fischtheke', ru: 'Рыба на развес', fa: 'پیشخوان ماهی' } },
  { id: 'beer', name: { en: 'Beer', de: 'Bier', ru: 'Пиво', fa: 'آبجو' } },
  { id: 'wine', name: { en: 'Wine & sparkling wine', de: 'Wein & Sekt', ru: 'Вино и игристое', fa: 'شراب' } },
  { id: 'spirits', name: { en: 'Spirits', de: 'Spirituosen', ru: 'Крепкие напитки', fa: 'مشروبات قوی' } },
  { id: 'tobacco', name: { en: 'Tobacco', de: 'Tabakwaren', ru: 'Табачные изделия', fa: 'دخانیات' } },
  { id: 'gift-cards', name: { en: 'Gift cards', de: 'Geschenkkarten', ru: 'Подарочные карты', fa: 'کارت‌های هدیه' } },
];

// ── packaged goods ──────────────────────────────────────────────────────────

interface Product {
  key: string;
  name: L4;
  category: string;
  brands: readonly BrandKey[];
  sizes: readonly Size[];
  tax?: 'reduced' | 'standard' | 'exempt';
  ageLimit?: number;
  groups?: readonly string[];
  /** The catalogue does not know the weight: the lane learns it. */
  unknownWeight?: boolean;
}

/** Size helpers: liquids take a density (g/ml) for net weight. */
const ml = (n: number, density: number, packagingGrams: number, priceMinor: number, extra: Partial<Size> = {}): Size => ({
  n,
  u: 'ml',
  netGrams: Math.round(n * density),
  packagingGrams,
  priceMinor,
  ...extra,
});
const l = (n: number, density: number, packagingGrams: number, priceMinor: number, extra: Partial<Size> = {}): Size => ({
  n,
  u: 'l',
  netGrams: Math.round(n * 1000 * density),
  packagingGrams,
  priceMinor,
  ...extra,
});
const g = (n: number, packagingGrams: number, priceMinor: number, extra: Partial<Size> = {}): Size => ({ n, u: 'g', netGrams: n, packagingGrams, priceMinor, ...extra });
const kg = (n: number, packagingGrams: number, priceMinor: number): Size => ({ n, u: 'kg', netGrams: n * 1000, packagingGrams, priceMinor });
const count = (n: number, u: 'pcs' | 'rolls' | 'bags' | 'm', netGrams: number, packagingGrams: number, priceMinor: number, extra: Partial<Size> = {}): Size => ({
  n,
  u,
  netGrams,
  packagingGrams,
  priceMinor,
  ...extra,
});
const multi = (pack: number, one: Size, packagingGrams: number, priceMinor: number): Size => ({
  ...one,
  pack,
  netGrams: pack * (one.netGrams + one.packagingGrams),
  packagingGrams,
  priceMinor,
});
const p = (
  key: string,
  en: string,
  de: string,
  ru: string,
  fa: string,
  category: string,
  brands: readonly BrandKey[],
  sizes: readonly Size[],
  extra: Partial<Product> = {},
): Product => ({ key, name: { en, de, ru, fa }, category, brands, sizes, ...extra });

const DAIRY: readonly BrandKey[] = ['tagwerk', 'alpenhof', 'weidegold', 'mleczna'];
const BAKERY: readonly BrandKey[] = ['tagwerk', 'kornmeister', 'backhaus'];
const DRINKS: readonly BrandKey[] = ['tagwerk', 'quellblick', 'fruchtwerk', 'bergquell'];
const PANTRY: readonly BrandKey[] = ['tagwerk', 'bellaterra', 'nordmuehle', 'sonnfeld'];
const FROZEN: readonly BrandKey[] = ['tagwerk', 'polarfrisch', 'eiskristall'];
const HOUSEHOLD: readonly BrandKey[] = ['tagwerk', 'blitzblank', 'glanzwerk'];
const CARE: readonly BrandKey[] = ['tagwerk', 'sanfta', 'aqualis'];

const PRODUCTS: Product[] = [
  // Dairy
  p('milk-whole', 'Whole Milk 3.5 %', 'Vollmilch 3,5 %', 'Молоко цельное 3,5 %', 'شیر پرچرب ۳٫۵٪', 'dairy', DAIRY, [l(1, 1.03, 30, 119), l(0.5, 1.03, 20, 79)], { groups: ['milk'] }),
  p('milk-semi', 'Semi-Skimmed Milk 1.5 %', 'Fettarme Milch 1,5 %', 'Молоко 1,5 %', 'شیر کم‌چرب ۱٫۵٪', 'dairy', DAIRY, [l(1, 1.03, 30, 109)], { groups: ['milk'] }),
  p('yoghurt-natural', 'Natural Yoghurt', 'Naturjoghurt', 'Йогурт натуральный', 'ماست ساده', 'dairy', DAIRY, [g(500, 22, 99), g(150, 8, 39)], { groups: ['yoghurt'] }),
  p('yoghurt-strawberry', 'Strawberry Yoghurt', 'Erdbeerjoghurt', 'Йогурт клубничный', 'ماست توت‌فرنگی', 'dairy', DAIRY, [g(150, 8, 49)], { groups: ['yoghurt'] }),
  p('yoghurt-greek', 'Greek Yoghurt 10 %', 'Griechischer Joghurt 10 %', 'Йогурт греческий 10 %', 'ماست یونانی ۱۰٪', 'dairy', DAIRY, [g(500, 22, 179)], { groups: ['yoghurt'] }),
  p('butter', 'Butter', 'Deutsche Markenbutter', 'Масло сливочное', 'کره', 'dairy', DAIRY, [g(250, 6, 229)]),
  p('cream', 'Whipping Cream', 'Schlagsahne', 'Сливки для взбивания', 'خامه قنادی', 'dairy', DAIRY, [ml(200, 1.0, 12, 89)]),
  p('sour-cream', 'Sour Cream', 'Saure Sahne', 'Сметана', 'خامه ترش', 'dairy', DAIRY, [g(200, 10, 69)]),
  p('cottage-cheese', 'Cottage Cheese', 'Hüttenkäse', 'Творог зернёный', 'پنیر کاتیج', 'dairy', DAIRY, [g(200, 12, 99)]),
  p('gouda-slices', 'Gouda Slices', 'Gouda in Scheiben', 'Сыр гауда ломтиками', 'پنیر گودا ورقه‌ای', 'dairy', DAIRY, [g(150, 10, 149), g(400, 18, 329)]),
  p('feta', 'Feta', 'Feta', 'Сыр фета', 'پنیر فتا', 'dairy', DAIRY, [g(200, 14, 179)]),
  p('mozzarella', 'Mozzarella', 'Mozzarella', 'Сыр моцарелла', 'پنیر موتزارلا', 'dairy', DAIRY, [g(125, 100, 79)]),
  p('cream-cheese', 'Cream Cheese', 'Frischkäse', 'Сыр сливочный', 'پنیر خامه‌ای', 'dairy', DAIRY, [g(200, 15, 119)]),
  p('pudding-chocolate', 'Chocolate Pudding', 'Schokoladenpudding', 'Пудинг шоколадный', 'پودینگ شکلاتی', 'dairy', DAIRY, [g(500, 20, 99)]),
  p('kefir', 'Kefir', 'Kefir', 'Кефир', 'کفیر', 'dairy', DAIRY, [ml(500, 1.03, 20, 99)]),
  p('eggs', 'Free-Range Eggs', 'Eier aus Freilandhaltung', 'Яйца куриные', 'تخم‌مرغ', 'dairy', ['tagwerk', 'alpenhof'], [
    count(10, 'pcs', 630, 45, 299, { toleranceGrams: 45 }),
    count(6, 'pcs', 378, 30, 189, { toleranceGrams: 35 }),
  ]),
  // Bakery (packaged)
  p('bread-wholegrain', 'Wholegrain Bread', 'Vollkornbrot', 'Хлеб цельнозерновой', 'نان سبوس‌دار', 'bakery', BAKERY, [g(500, 8, 169, { toleranceGrams: 30 }), g(750, 10, 229, { toleranceGrams: 40 })]),
  p('bread-rye', 'Rye Bread', 'Roggenbrot', 'Хлеб ржаной', 'نان چاودار', 'bakery', BAKERY, [g(500, 8, 149, { toleranceGrams: 30 })]),
  p('toast', 'Toast Bread', 'Buttertoast', 'Хлеб тостовый', 'نان تست', 'bakery', BAKERY, [g(500, 10, 129)]),
  p('croissants', 'Croissants', 'Croissants', 'Круассаны', 'کروسان', 'bakery', BAKERY, [count(4, 'pcs', 240, 15, 199)]),
  p('cookies-butter', 'Butter Biscuits', 'Butterkekse', 'Печенье сливочное', 'بیسکویت کره‌ای', 'bakery', BAKERY, [g(200, 12, 119)], { groups: ['snacks'] }),
  p('muffins', 'Chocolate Muffins', 'Schokomuffins', 'Маффины шоколадные', 'مافین شکلاتی', 'bakery', BAKERY, [count(4, 'pcs', 300, 20, 249)]),
  p('crispbread', 'Rye Crispbread', 'Roggen-Knäckebrot', 'Хлебцы ржаные', 'نان ترد چاودار', 'bakery', BAKERY, [g(250, 12, 129)]),
  p('pound-cake', 'Marble Cake', 'Marmorkuchen', 'Кекс мраморный', 'کیک مرمری', 'bakery', BAKERY, [g(400, 15, 229)]),
  // Drinks
  p('water-still', 'Still Mineral Water', 'Mineralwasser still', 'Вода минеральная негазированная', 'آب معدنی بدون گاز', 'drinks', DRINKS, [
    l(1.5, 1.0, 35, 49),
    l(0.5, 1.0, 20, 39),
    multi(6, l(1.5, 1.0, 35, 49), 20, 279),
  ], { tax: 'standard' }),
  p('water-sparkling', 'Sparkling Mineral Water', 'Mineralwasser spritzig', 'Вода минеральная газированная', 'آب معدنی گازدار', 'drinks', DRINKS, [
    l(1.5, 1.0, 38, 49),
    multi(6, l(1.5, 1.0, 38, 49), 20, 279),
  ], { tax: 'standard' }),
  p('juice-orange', 'Orange Juice', 'Orangensaft', 'Сок апельсиновый', 'آب پرتقال', 'drinks', DRINKS, [l(1, 1.045, 35, 179)], { tax: 'standard', groups: ['juice'] }),
  p('juice-apple', 'Apple Juice', 'Apfelsaft', 'Сок яблочный', 'آب سیب', 'drinks', DRINKS, [l(1, 1.045, 35, 149)], { tax: 'standard', groups: ['juice'] }),
  p('cola', 'Cola', 'Cola', 'Кола', 'نوشابه کولا', 'drinks', DRINKS, [
    l(1.5, 1.04, 40, 129),
    ml(330, 1.04, 13, 69),
    multi(6, ml(330, 1.04, 13, 69), 15, 379),
  ], { tax: 'standard', groups: ['soft-drinks'] }),
  p('lemonade', 'Lemonade', 'Zitronenlimonade', 'Лимонад', 'لیموناد', 'drinks', DRINKS, [l(1, 1.04, 30, 99), ml(330, 1.04, 13, 59)], { tax: 'standard', groups: ['soft-drinks'] }),
  p('iced-tea', 'Peach Iced Tea', 'Eistee Pfirsich', 'Холодный чай персиковый', 'چای سرد هلو', 'drinks', DRINKS, [l(1.5, 1.03, 35, 119)], { tax: 'standard', groups: ['soft-drinks'] }),
  p('coffee-ground', 'Ground Coffee', 'Kaffee gemahlen', 'Кофе молотый', 'قهوه آسیاب‌شده', 'drinks', DRINKS, [g(500, 15, 549)], { tax: 'reduced' }),
  p('coffee-beans', 'Coffee Beans', 'Kaffeebohnen', 'Кофе в зёрнах', 'دانه قهوه', 'drinks', DRINKS, [kg(1, 25, 1299)], { tax: 'reduced' }),
  p('tea-black', 'Black Tea', 'Schwarzer Tee', 'Чай чёрный', 'چای سیاه', 'drinks', [...DRINKS, 'golestan'], [count(25, 'bags', 50, 25, 149)], { tax: 'reduced' }),
  p('tea-green', 'Green Tea', 'Grüner Tee', 'Чай зелёный', 'چای سبز', 'drinks', [...DRINKS, 'golestan'], [count(20, 'bags', 35, 22, 179)], { tax: 'reduced' }),
  // Pantry
  p('spaghetti', 'Spaghetti', 'Spaghetti', 'Спагетти', 'اسپاگتی', 'pantry', PANTRY, [g(500, 6, 89), kg(1, 10, 159)], { groups: ['pasta'] }),
  p('penne', 'Penne', 'Penne Rigate', 'Макароны перья', 'ماکارونی پنه', 'pantry', PANTRY, [g(500, 6, 89)], { groups: ['pasta'] }),
  p('fusilli', 'Fusilli', 'Fusilli', 'Макароны спиральки', 'ماکارونی فرمی', 'pantry', PANTRY, [g(500, 6, 89)], { groups: ['pasta'] }),
  p('rice-basmati', 'Basmati Rice', 'Basmatireis', 'Рис басмати', 'برنج باسماتی', 'pantry', [...PANTRY, 'golestan'], [kg(1, 12, 279), g(500, 8, 159)]),
  p('rice-long', 'Long-Grain Rice', 'Langkornreis', 'Рис длиннозёрный', 'برنج دانه‌بلند', 'pantry', PANTRY, [kg(1, 12, 169)]),
  p('flour', 'Wheat Flour', 'Weizenmehl Type 405', 'Мука пшеничная', 'آرد گندم', 'pantry', PANTRY, [kg(1, 10, 79)]),
  p('sugar', 'Sugar', 'Zucker', 'Сахар', 'شکر', 'pantry', PANTRY, [kg(1, 8, 99)]),
  p('salt', 'Table Salt', 'Speisesalz', 'Соль поваренная', 'نمک', 'pantry', PANTRY, [g(500, 15, 39)]),
  p('oil-sunflower', 'Sunflower Oil', 'Sonnenblumenöl', 'Масло подсолнечное', 'روغن آفتابگردان', 'pantry', PANTRY, [l(1, 0.92, 40, 219)]),
  p('oil-olive', 'Extra Virgin Olive Oil', 'Natives Olivenöl extra', 'Масло оливковое нерафинированное', 'روغن زیتون فرابکر', 'pantry', PANTRY, [ml(500, 0.92, 330, 599)]),
  p('tomato-paste', 'Tomato Paste', 'Tomatenmark', 'Томатная паста', 'رب گوجه‌فرنگی', 'pantry', [...PANTRY, 'golestan'], [g(200, 60, 79)]),
  p('chickpeas', 'Chickpeas', 'Kichererbsen', 'Нут', 'نخود', 'pantry', PANTRY, [g(400, 55, 89)]),
  p('lentils', 'Red Lentils', 'Rote Linsen', 'Чечевица красная', 'عدس قرمز', 'pantry', [...PANTRY, 'golestan'], [g(500, 8, 189)]),
  p('oats', 'Rolled Oats', 'Haferflocken', 'Овсяные хлопья', 'جو دوسر پرک', 'pantry', PANTRY, [g(500, 10, 89)]),
  p('cornflakes', 'Cornflakes', 'Cornflakes', 'Кукурузные хлопья', 'کورن‌فلکس', 'pantry', PANTRY, [g(375, 35, 199)]),
  p('honey', 'Blossom Honey', 'Blütenhonig', 'Мёд цветочный', 'عسل گل', 'pantry', [...PANTRY, 'golestan'], [g(500, 210, 499)]),
  p('jam', 'Strawberry Jam', 'Erdbeerkonfitüre', 'Джем клубничный', 'مربای توت‌فرنگی', 'pantry', PANTRY, [g(450, 200, 249)]),
  p('hazelnut-spread', 'Hazelnut Spread', 'Nuss-Nougat-Creme', 'Паста ореховая', 'کرم فندقی', 'pantry', PANTRY, [g(400, 180, 299)]),
  p('chocolate-milk', 'Milk Chocolate', 'Vollmilchschokolade', 'Шоколад молочный', 'شکلات شیری', 'pantry', PANTRY, [g(100, 5, 119)], { groups: ['chocolate'] }),
  p('chocolate-dark', 'Dark Chocolate 70 %', 'Zartbitterschokolade 70 %', 'Шоколад горький 70 %', 'شکلات تلخ ۷۰٪', 'pantry', PANTRY, [g(100, 5, 149)], { groups: ['chocolate'] }),
  p('chocolate-hazelnut', 'Whole Hazelnut Chocolate', 'Ganze-Haselnuss-Schokolade', 'Шоколад с цельным фундуком', 'شکلات فندقی', 'pantry', PANTRY, [g(100, 5, 159)], { groups: ['chocolate'] }),
  p('crisps-salted', 'Salted Crisps', 'Kartoffelchips gesalzen', 'Чипсы картофельные с солью', 'چیپس نمکی', 'pantry', PANTRY, [g(175, 8, 179)], { groups: ['snacks', 'crisps'] }),
  p('crisps-paprika', 'Paprika Crisps', 'Kartoffelchips Paprika', 'Чипсы картофельные с паприкой', 'چیپس پاپریکا', 'pantry', PANTRY, [g(175, 8, 179)], { groups: ['snacks', 'crisps'] }),
  p('peanuts', 'Salted Peanuts', 'Erdnüsse geröstet & gesalzen', 'Арахис жареный солёный', 'بادام‌زمینی شور', 'pantry', PANTRY, [g(200, 10, 149)], { groups: ['snacks'] }),
  p('pistachios', 'Roasted Pistachios', 'Pistazien geröstet', 'Фисташки жареные', 'پسته بوداده', 'pantry', ['tagwerk', 'golestan'], [g(200, 10, 449)], { groups: ['snacks'] }),
  p('ketchup', 'Tomato Ketchup', 'Tomatenketchup', 'Кетчуп томатный', 'سس گوجه‌فرنگی', 'pantry', PANTRY, [ml(500, 1.15, 45, 169)]),
  p('mayonnaise', 'Mayonnaise', 'Mayonnaise', 'Майонез', 'سس مایونز', 'pantry', PANTRY, [ml(250, 0.95, 150, 149)]),
  p('mustard', 'Medium Mustard', 'Senf mittelscharf', 'Горчица', 'سس خردل', 'pantry', PANTRY, [ml(200, 1.1, 140, 89)]),
  p('muesli', 'Fruit Muesli', 'Früchtemüsli', 'Мюсли фруктовые', 'موسلی میوه‌ای', 'pantry', PANTRY, [g(750, 20, 279)]),
  p('bulgur', 'Bulgur Wheat', 'Bulgur', 'Булгур', 'بلغور گندم', 'pantry', [...PANTRY, 'golestan'], [g(500, 8, 149)]),
  p('tuna', 'Tuna in Oil', 'Thunfisch in Öl', 'Тунец в масле', 'کنسرو ماهی تن در روغن', 'pantry', PANTRY, [g(185, 40, 169)]),
  p('saffron', 'Saffron Threads', 'Safranfäden', 'Шафран', 'زعفران سرگل', 'pantry', ['golestan'], [g(1, 20, 699, { toleranceGrams: 5 })]),
  p('pepper', 'Ground Black Pepper', 'Schwarzer Pfeffer gemahlen', 'Перец чёрный молотый', 'فلفل سیاه آسیاب‌شده', 'pantry', PANTRY, [g(50, 60, 149)]),
  p('dates', 'Dates', 'Datteln', 'Финики', 'خرما', 'pantry', ['tagwerk', 'golestan'], [g(500, 25, 349)]),
  // Frozen
  p('peas-frozen', 'Garden Peas', 'Erbsen, tiefgekühlt', 'Горошек зелёный замороженный', 'نخود فرنگی منجمد', 'frozen', FROZEN, [g(750, 10, 169)]),
  p('pizza-margherita', 'Pizza Margherita', 'Pizza Margherita', 'Пицца «Маргарита»', 'پیتزا مارگاریتا', 'frozen', FROZEN, [g(350, 45, 249)], { groups: ['pizza'] }),
  p('pizza-salami', 'Pizza Salami', 'Pizza Salami', 'Пицца с салями', 'پیتزا سالامی', 'frozen', FROZEN, [g(360, 45, 269)], { groups: ['pizza'] }),
  p('fish-fingers', 'Fish Fingers', 'Fischstäbchen', 'Рыбные палочки', 'ناگت ماهی', 'frozen', FROZEN, [g(450, 25, 299)]),
  p('ice-vanilla', 'Vanilla Ice Cream', 'Vanilleeis', 'Мороженое ванильное', 'بستنی وانیلی', 'frozen', FROZEN, [l(1, 0.52, 45, 249)], { groups: ['ice-cream'] }),
  p('ice-chocolate', 'Chocolate Ice Cream', 'Schokoladeneis', 'Мороженое шоколадное', 'بستنی شکلاتی', 'frozen', FROZEN, [l(1, 0.54, 45, 249)], { groups: ['ice-cream'] }),
  p('spinach-frozen', 'Leaf Spinach', 'Blattspinat, tiefgekühlt', 'Шпинат замороженный', 'اسفناج منجمد', 'frozen', FROZEN, [g(450, 12, 149)]),
  p('fries', 'Oven Chips', 'Backofen-Pommes', 'Картофель фри для духовки', 'سیب‌زمینی سرخ‌کردنی', 'frozen', FROZEN, [kg(1, 15, 229)]),
  p('veg-mix', 'Mixed Vegetables', 'Gemüsemischung', 'Смесь овощная', 'سبزیجات مخلوط منجمد', 'frozen', FROZEN, [g(750, 10, 199)]),
  // Household
  p('dish-soap', 'Washing-Up Liquid', 'Spülmittel', 'Средство для мытья посуды', 'مایع ظرفشویی', 'household', HOUSEHOLD, [ml(500, 1.03, 40, 129)], { tax: 'standard' }),
  p('laundry', 'Laundry Powder', 'Vollwaschmittel Pulver', 'Стиральный порошок', 'پودر لباسشویی', 'household', HOUSEHOLD, [kg(1.35, 60, 549)], { tax: 'standard' }),
  p('toilet-paper', 'Toilet Tissue 3-Ply', 'Toilettenpapier 3-lagig', 'Туалетная бумага трёхслойная', 'دستمال توالت سه‌لایه', 'household', HOUSEHOLD, [
    count(8, 'rolls', 800, 20, 349),
    count(4, 'rolls', 400, 12, 189),
  ], { tax: 'standard' }),
  p('kitchen-roll', 'Kitchen Roll', 'Küchenrolle', 'Бумажные полотенца', 'دستمال آشپزخانه', 'household', HOUSEHOLD, [count(4, 'rolls', 480, 12, 249)], { tax: 'standard' }),
  p('bin-bags', 'Bin Bags 35 l', 'Müllbeutel 35 l', 'Мешки для мусора 35 л', 'کیسه زباله ۳۵ لیتری', 'household', HOUSEHOLD, [count(20, 'pcs', 180, 10, 149)], { tax: 'standard' }),
  p('cleaner', 'All-Purpose Cleaner', 'Allzweckreiniger', 'Средство чистящее универсальное', 'پاک‌کننده همه‌کاره', 'household', HOUSEHOLD, [l(1, 1.0, 55, 189)], { tax: 'standard' }),
  p('foil', 'Aluminium Foil', 'Alufolie', 'Фольга алюминиевая', 'فویل آلومینیوم', 'household', HOUSEHOLD, [count(10, 'm', 160, 80, 179)], { tax: 'standard', unknownWeight: true }),
  p('tealights', 'Tealights', 'Teelichter', 'Свечи чайные', 'شمع وارمر', 'household', HOUSEHOLD, [count(50, 'pcs', 600, 40, 299)], { tax: 'standard' }),
  p('batteries', 'AA Batteries', 'Batterien Mignon AA', 'Батарейки AA', 'باتری قلمی', 'household', HOUSEHOLD, [count(4, 'pcs', 92, 15, 399)], { tax: 'standard' }),
  p('sponges', 'Scouring Sponges', 'Topfreiniger-Schwämme', 'Губки для посуды', 'اسکاچ ظرفشویی', 'household', HOUSEHOLD, [count(5, 'pcs', 40, 8, 99)], { tax: 'standard' }),
  // Personal care
  p('toothpaste', 'Toothpaste', 'Zahncreme', 'Зубная паста', 'خمیردندان', 'personal-care', CARE, [ml(75, 1.3, 25, 129)], { tax: 'standard' }),
  p('toothbrush', 'Toothbrush, Medium', 'Zahnbürste mittel', 'Зубная щётка средней жёсткости', 'مسواک متوسط', 'personal-care', CARE, [count(1, 'pcs', 18, 15, 149)], { tax: 'standard' }),
  p('shampoo', 'Shampoo', 'Shampoo', 'Шампунь', 'شامپو', 'personal-care', CARE, [ml(300, 1.02, 35, 219)], { tax: 'standard', groups: ['hair'] }),
  p('conditioner', 'Conditioner', 'Spülung', 'Бальзам-ополаскиватель', 'نرم‌کننده مو', 'personal-care', CARE, [ml(250, 1.0, 32, 229)], { tax: 'standard', groups: ['hair'] }),
  p('shower-gel', 'Shower Gel', 'Duschgel', 'Гель для душа', 'شامپو بدن', 'personal-care', CARE, [ml(250, 1.03, 30, 149)], { tax: 'standard' }),
  p('soap', 'Bar Soap', 'Stückseife', 'Мыло туалетное', 'صابون', 'personal-care', CARE, [g(100, 8, 79)], { tax: 'standard' }),
  p('deodorant', 'Deodorant Spray', 'Deospray', 'Дезодорант-спрей', 'اسپری ضد تعریق', 'personal-care', CARE, [ml(150, 0.7, 65, 199)], { tax: 'standard' }),
  p('hand-cream', 'Hand Cream', 'Handcreme', 'Крем для рук', 'کرم دست', 'personal-care', CARE, [ml(75, 1.0, 20, 169)], { tax: 'standard' }),
  p('cotton-pads', 'Cotton Pads', 'Wattepads', 'Ватные диски', 'پد پنبه‌ای', 'personal-care', CARE, [count(80, 'pcs', 45, 6, 99)], { tax: 'standard' }),
  p('wet-wipes', 'Baby Wipes', 'Feuchttücher', 'Салфетки влажные детские', 'دستمال مرطوب کودک', 'personal-care', CARE, [count(60, 'pcs', 300, 20, 149)], { tax: 'standard' }),
  // Beer (16+); the alcohol-free one has no age limit
  p('beer-pils', 'Pilsner', 'Pils', 'Пиво светлое «Пильзнер»', 'آبجو پیلزنر', 'beer', ['riedel', 'kellerbraeu'], [
    ml(500, 1.01, 370, 89, { toleranceGrams: 40 }),
    ml(330, 1.01, 13, 79),
    multi(6, ml(500, 1.01, 370, 89), 120, 479),
  ], { tax: 'standard', ageLimit: 16, groups: ['beer'] }),
  p('beer-helles', 'Lager', 'Helles', 'Пиво светлое', 'آبجو روشن', 'beer', ['riedel', 'kellerbraeu'], [ml(500, 1.01, 370, 89, { toleranceGrams: 40 })], { tax: 'standard', ageLimit: 16, groups: ['beer'] }),
  p('beer-wheat', 'Wheat Beer', 'Weißbier', 'Пиво пшеничное', 'آبجو گندم', 'beer', ['riedel', 'kellerbraeu'], [ml(500, 1.01, 370, 99, { toleranceGrams: 40 })], { tax: 'standard', ageLimit: 16, groups: ['beer'] }),
  p('beer-dark', 'Dark Lager', 'Dunkles', 'Пиво тёмное', 'آبجو تیره', 'beer', ['riedel', 'kellerbraeu'], [ml(500, 1.01, 370, 99, { toleranceGrams: 40 })], { tax: 'standard', ageLimit: 16, groups: ['beer'] }),
  p('radler', 'Radler (Beer & Lemonade)', 'Radler', 'Пиво с лимонадом', 'آبجو لیمویی', 'beer', ['riedel', 'kellerbraeu'], [ml(500, 1.02, 370, 89, { toleranceGrams: 40 })], { tax: 'standard', ageLimit: 16, groups: ['beer'] }),
  p('beer-free', 'Alcohol-Free Beer', 'Alkoholfreies Bier', 'Пиво безалкогольное', 'آبجو بدون الکل', 'beer', ['riedel', 'kellerbraeu'], [ml(500, 1.01, 370, 89, { toleranceGrams: 40 })], { tax: 'standard' }),
  // Wine (16+)
  p('wine-red', 'Red Wine, Dry', 'Rotwein trocken', 'Вино красное сухое', 'شراب قرمز خشک', 'wine', ['sommer', 'casarossa'], [ml(750, 0.995, 480, 499, { toleranceGrams: 50 })], { tax: 'standard', ageLimit: 16, groups: ['wine'] }),
  p('wine-white', 'White Wine, Dry', 'Weißwein trocken', 'Вино белое сухое', 'شراب سفید خشک', 'wine', ['sommer', 'casarossa'], [ml(750, 0.99, 480, 499, { toleranceGrams: 50 })], { tax: 'standard', ageLimit: 16, groups: ['wine'] }),
  p('wine-rose', 'Rosé Wine', 'Roséwein', 'Вино розовое', 'شراب رزه', 'wine', ['sommer', 'casarossa'], [ml(750, 0.99, 480, 449)], { tax: 'standard', ageLimit: 16, groups: ['wine'] }),
  p('riesling', 'Riesling, Off-Dry', 'Riesling halbtrocken', 'Рислинг полусухой', 'شراب ریسلینگ نیمه‌خشک', 'wine', ['sommer'], [ml(750, 0.99, 480, 699)], { tax: 'standard', ageLimit: 16, groups: ['wine'] }),
  p('sekt', 'Sparkling Wine', 'Sekt trocken', 'Вино игристое брют', 'شراب گازدار', 'wine', ['sommer', 'casarossa'], [ml(750, 0.99, 560, 549)], { tax: 'standard', ageLimit: 16, groups: ['wine'] }),
  // Spirits (18+)
  p('vodka', 'Vodka 40 %', 'Wodka 40 %', 'Водка 40 %', 'ودکا ۴۰٪', 'spirits', ['nordlicht', 'severnaya'], [ml(700, 0.95, 500, 999), ml(40, 0.95, 45, 199)], { tax: 'standard', ageLimit: 18 }),
  p('whisky', 'Blended Scotch Whisky', 'Blended Scotch Whisky', 'Виски шотландский купажированный', 'ویسکی اسکاچ', 'spirits', ['highland'], [ml(700, 0.95, 520, 1999)], { tax: 'standard', ageLimit: 18 }),
  p('gin', 'Dry Gin', 'Dry Gin', 'Джин сухой', 'جین خشک', 'spirits', ['nordlicht', 'highland'], [ml(700, 0.95, 520, 1799)], { tax: 'standard', ageLimit: 18 }),
  p('rum', 'Dark Rum', 'Brauner Rum', 'Ром тёмный', 'رام تیره', 'spirits', ['nordlicht'], [ml(700, 0.95, 520, 1499)], { tax: 'standard', ageLimit: 18 }),
  p('herbal-liqueur', 'Herbal Liqueur', 'Kräuterlikör', 'Ликёр травяной', 'لیکور گیاهی', 'spirits', ['nordlicht'], [ml(700, 1.05, 500, 1299), ml(20, 1.05, 30, 99)], { tax: 'standard', ageLimit: 18 }),
  // Tobacco (18+)
  p('cigarettes', 'Cigarettes, Red', 'Zigaretten Rot', 'Сигареты красные', 'سیگار قرمز', 'tobacco', ['kapstein', 'harbour'], [count(20, 'pcs', 17, 8, 850)], { tax: 'standard', ageLimit: 18 }),
  p('cigarettes-blue', 'Cigarettes, Blue', 'Zigaretten Blau', 'Сигареты синие', 'سیگار آبی', 'tobacco', ['kapstein', 'harbour'], [count(20, 'pcs', 17, 8, 850)], { tax: 'standard', ageLimit: 18 }),
  p('rolling-tobacco', 'Rolling Tobacco', 'Feinschnitt-Tabak', 'Табак для самокруток', 'توتون سیگار دست‌پیچ', 'tobacco', ['kapstein', 'harbour'], [g(30, 6, 795)], { tax: 'standard', ageLimit: 18 }),
  p('cigarillos', 'Cigarillos', 'Zigarillos', 'Сигариллы', 'سیگار برگ کوچک', 'tobacco', ['harbour'], [count(10, 'pcs', 20, 25, 600)], { tax: 'standard', ageLimit: 18 }),
];

// ── produce (PLU) ───────────────────────────────────────────────────────────

interface ProduceSpec {
  plu: string;
  key: string;
  name: L4;
  category: string;
  priceMinor: number;
  unit: 'kg' | 'each';
  /** `each` items: typical gross weight and a tolerance (produce varies). */
  weightGrams?: number;
  toleranceGrams?: number;
  picture?: string;
  tax?: 'reduced';
}
const pr = (
  plu: string,
  key: string,
  en: string,
  de: string,
  ru: string,
  fa: string,
  category: string,
  priceMinor: number,
  extra: Partial<ProduceSpec> = {},
): ProduceSpec => ({ plu, key, name: { en, de, ru, fa }, category, priceMinor, unit: 'kg', ...extra });
const each = (weightGrams: number, toleranceGrams: number): Partial<ProduceSpec> => ({ unit: 'each', weightGrams, toleranceGrams });

const PRODUCE: ProduceSpec[] = [
  pr('4011', 'bananas', 'Bananas', 'Bananen', 'Бананы', 'موز', 'fruit', 199, { picture: 'pictures/banana.svg' }),
  pr('94011', 'bananas-organic', 'Organic Bananas', 'Bio-Bananen', 'Бананы органические', 'موز ارگانیک', 'fruit', 279, { picture: 'pictures/banana.svg' }),
  pr('4131', 'apples-fuji', 'Apples Fuji', 'Äpfel Fuji', 'Яблоки Фудзи', 'سیب فوجی', 'fruit', 299, { picture: 'pictures/apple.svg' }),
  pr('94131', 'apples-fuji-organic', 'Organic Apples Fuji', 'Bio-Äpfel Fuji', 'Яблоки Фудзи органические', 'سیب فوجی ارگانیک', 'fruit', 399, { picture: 'pictures/apple.svg' }),
  pr('4017', 'apples-granny', 'Apples Granny Smith', 'Äpfel Granny Smith', 'Яблоки Гренни Смит', 'سیب سبز گرنی اسمیت', 'fruit', 279, { picture: 'pictures/apple.svg' }),
  pr('4020', 'apples-golden', 'Apples Golden Delicious', 'Äpfel Golden Delicious', 'Яблоки Голден Делишес', 'سیب زرد', 'fruit', 249, { picture: 'pictures/apple.svg' }),
  pr('4409', 'pears', 'Pears', 'Birnen', 'Груши', 'گلابی', 'fruit', 299),
  pr('4022', 'grapes-green', 'Green Grapes, Seedless', 'Weintrauben hell, kernlos', 'Виноград зелёный без косточек', 'انگور سبز بی‌دانه', 'fruit', 399, { picture: 'pictures/grapes.svg' }),
  pr('4023', 'grapes-red', 'Red Grapes, Seedless', 'Weintrauben rot, kernlos', 'Виноград красный без косточек', 'انگور قرمز بی‌دانه', 'fruit', 449, { picture: 'pictures/grapes.svg' }),
  pr('4038', 'peaches', 'Peaches', 'Pfirsiche', 'Персики', 'هلو', 'fruit', 349),
  pr('4035', 'nectarines', 'Nectarines', 'Nektarinen', 'Нектарины', 'شلیل', 'fruit', 349),
  pr('4045', 'cherries', 'Cherries', 'Kirschen', 'Черешня', 'گیلاس', 'fruit', 799),
  pr('4225', 'avocado', 'Avocado', 'Avocado', 'Авокадо', 'آووکادو', 'fruit', 129, { ...each(220, 60), picture: 'pictures/avocado.svg' }),
  pr('4051', 'mango', 'Mango', 'Mango', 'Манго', 'انبه', 'fruit', 179, each(380, 100)),
  pr('4430', 'pineapple', 'Pineapple', 'Ananas', 'Ананас', 'آناناس', 'fruit', 249, each(1400, 350)),
  pr('4030', 'kiwi', 'Kiwi', 'Kiwi', 'Киви', 'کیوی', 'fruit', 39, each(90, 25)),
  pr('4261', 'coconut', 'Coconut', 'Kokosnuss', 'Кокос', 'نارگیل', 'fruit', 199, each(650, 200)),
  pr('4032', 'watermelon', 'Watermelon', 'Wassermelone', 'Арбуз', 'هندوانه', 'fruit', 449, each(4000, 1500)),
  pr('4012', 'oranges', 'Oranges', 'Orangen', 'Апельсины', 'پرتقال', 'citrus', 229, { picture: 'pictures/orange.svg' }),
  pr('4450', 'clementines', 'Clementines', 'Clementinen', 'Клементины', 'نارنگی', 'citrus', 279, { picture: 'pictures/orange.svg' }),
  pr('4053', 'lemons', 'Lemons', 'Zitronen', 'Лимоны', 'لیمو زرد', 'citrus', 299, { picture: 'pictures/lemon.svg' }),
  pr('4048', 'limes', 'Limes', 'Limetten', 'Лаймы', 'لیموترش', 'citrus', 49, { ...each(70, 20), picture: 'pictures/lemon.svg' }),
  pr('4065', 'peppers-green', 'Green Peppers', 'Paprika grün', 'Перец сладкий зелёный', 'فلفل دلمه‌ای سبز', 'vegetables', 349, { picture: 'pictures/pepper.svg' }),
  pr('4688', 'peppers-red', 'Red Peppers', 'Paprika rot', 'Перец сладкий красный', 'فلفل دلمه‌ای قرمز', 'vegetables', 449, { picture: 'pictures/pepper.svg' }),
  pr('4087', 'tomatoes-roma', 'Roma Tomatoes', 'Roma-Tomaten', 'Помидоры сливовидные', 'گوجه‌فرنگی رومی', 'vegetables', 299, { picture: 'pictures/tomato.svg' }),
  pr('4664', 'tomatoes-vine', 'Vine Tomatoes', 'Rispentomaten', 'Помидоры на ветке', 'گوجه‌فرنگی خوشه‌ای', 'vegetables', 399, { picture: 'pictures/tomato.svg' }),
  pr('4062', 'cucumber', 'Cucumber', 'Salatgurke', 'Огурец', 'خیار', 'vegetables', 69, each(400, 100)),
  pr('4061', 'lettuce-iceberg', 'Iceberg Lettuce', 'Eisbergsalat', 'Салат айсберг', 'کاهو آیسبرگ', 'vegetables', 99, each(550, 150)),
  pr('4067', 'zucchini', 'Courgettes', 'Zucchini', 'Кабачки', 'کدو سبز', 'vegetables', 249),
  pr('4081', 'aubergines', 'Aubergines', 'Auberginen', 'Баклажаны', 'بادمجان', 'vegetables', 299),
  pr('4562', 'carrots', 'Carrots', 'Möhren', 'Морковь', 'هویج', 'vegetables', 129, { picture: 'pictures/carrot.svg' }),
  pr('4060', 'broccoli', 'Broccoli', 'Brokkoli', 'Брокколи', 'کلم بروکلی', 'vegetables', 349),
  pr('4069', 'cabbage', 'White Cabbage', 'Weißkohl', 'Капуста белокочанная', 'کلم سفید', 'vegetables', 119),
  pr('4608', 'garlic', 'Garlic', 'Knoblauch', 'Чеснок', 'سیر', 'vegetables', 799),
  pr('4612', 'ginger', 'Ginger', 'Ingwer', 'Имбирь', 'زنجبیل', 'vegetables', 699),
  pr('4645', 'mushrooms', 'White Mushrooms', 'Champignons weiß', 'Шампиньоны', 'قارچ', 'vegetables', 599),
  pr('4899', 'parsley', 'Parsley, Bunch', 'Petersilie, Bund', 'Петрушка, пучок', 'جعفری دسته‌ای', 'vegetables', 99, each(60, 25)),
  pr('4072', 'potatoes', 'Potatoes', 'Kartoffeln', 'Картофель', 'سیب‌زمینی', 'potatoes-onions', 149, { picture: 'pictures/potato.svg' }),
  pr('4816', 'sweet-potatoes', 'Sweet Potatoes', 'Süßkartoffeln', 'Батат', 'سیب‌زمینی شیرین', 'potatoes-onions', 349, { picture: 'pictures/potato.svg' }),
  pr('4093', 'onions', 'Onions', 'Zwiebeln', 'Лук репчатый', 'پیاز زرد', 'potatoes-onions', 129, { picture: 'pictures/onion.svg' }),
  pr('4082', 'onions-red', 'Red Onions', 'Rote Zwiebeln', 'Лук красный', 'پیاز قرمز', 'potatoes-onions', 199, { picture: 'pictures/onion.svg' }),
  // Loose bakery: store-assigned PLUs (70001–70099), sold each.
  pr('70001', 'roll', 'Bread Roll', 'Brötchen', 'Булочка пшеничная', 'نان رول', 'bakery-counter', 35, { ...each(55, 15), picture: 'pictures/bread.svg' }),
  pr('70002', 'roll-rye', 'Rye Roll', 'Roggenbrötchen', 'Булочка ржаная', 'نان رول چاودار', 'bakery-counter', 49, { ...each(70, 15), picture: 'pictures/bread.svg' }),
  pr('70003', 'pretzel', 'Pretzel', 'Laugenbrezel', 'Брецель', 'نان پرتزل', 'bakery-counter', 69, { ...each(85, 20), picture: 'pictures/bread.svg' }),
  pr('70004', 'croissant', 'Croissant', 'Buttercroissant', 'Круассан', 'کروسان', 'bakery-counter', 79, { ...each(60, 15), picture: 'pictures/bread.svg' }),
  pr('70005', 'pain-chocolat', 'Pain au Chocolat', 'Schokocroissant', 'Круассан с шоколадом', 'کروسان شکلاتی', 'bakery-counter', 99, { ...each(70, 15), picture: 'pictures/bread.svg' }),
  pr('70006', 'doughnut', 'Jam Doughnut', 'Berliner', 'Пончик с джемом', 'دونات مربایی', 'bakery-counter', 99, { ...each(80, 20), picture: 'pictures/bread.svg' }),
];

// ── variable-measure counter items ──────────────────────────────────────────

interface CounterSpec {
  prefix: '21' | '22';
  itemNo: string;
  key: string;
  name: L4;
  category: string;
  pricePerKgMinor: number;
}
const ct = (prefix: '21' | '22', itemNo: string, key: string, en: string, de: string, ru: string, fa: string, category: string, pricePerKgMinor: number): CounterSpec => ({
  prefix,
  itemNo,
  key,
  name: { en, de, ru, fa },
  category,
  pricePerKgMinor,
});
const COUNTER: CounterSpec[] = [
  ct('21', '0101', 'mountain-cheese', 'Mountain Cheese', 'Bergkäse', 'Сыр горный', 'پنیر کوهستانی', 'cheese-counter', 2490),
  ct('21', '0102', 'emmental', 'Emmental', 'Emmentaler', 'Сыр эмменталь', 'پنیر امنتال', 'cheese-counter', 1990),
  ct('21', '0103', 'gouda-aged', 'Aged Gouda', 'Gouda alt', 'Гауда выдержанная', 'پنیر گودای کهنه', 'cheese-counter', 2290),
  ct('21', '0104', 'butter-cheese', 'Butter Cheese', 'Butterkäse', 'Сыр сливочный', 'پنیر کره‌ای', 'cheese-counter', 1490),
  ct('21', '0105', 'tilsit', 'Tilsit', 'Tilsiter', 'Сыр тильзитер', 'پنیر تیلزیت', 'cheese-counter', 1690),
  ct('21', '0106', 'brie', 'Brie', 'Brie', 'Сыр бри', 'پنیر بری', 'cheese-counter', 2190),
  ct('22', '0201', 'minced-beef', 'Minced Beef', 'Rinderhackfleisch', 'Фарш говяжий', 'گوشت چرخ‌کرده گوساله', 'meat-counter', 1290),
  ct('22', '0202', 'chicken-breast', 'Chicken Breast Fillet', 'Hähnchenbrustfilet', 'Филе куриной грудки', 'فیله سینه مرغ', 'meat-counter', 1390),
  ct('22', '0203', 'pork-schnitzel', 'Pork Schnitzel', 'Schweineschnitzel', 'Шницель свиной', 'شنیسل گوشت خوک', 'meat-counter', 1190),
  ct('22', '0204', 'beef-steak', 'Rump Steak', 'Rumpsteak', 'Стейк из огузка', 'استیک راسته گوساله', 'meat-counter', 3490),
  ct('22', '0205', 'lamb-leg', 'Leg of Lamb', 'Lammkeule', 'Окорок бараний', 'ران گوسفندی', 'meat-counter', 2290),
  ct('22', '0206', 'salami', 'Salami', 'Salami', 'Салями', 'سالامی', 'meat-counter', 2490),
  ct('22', '0207', 'ham', 'Cooked Ham', 'Kochschinken', 'Ветчина варёная', 'ژامبون پخته', 'meat-counter', 1990),
  ct('22', '0301', 'salmon', 'Salmon Fillet', 'Lachsfilet', 'Филе лосося', 'فیله ماهی سالمون', 'fish-counter', 2990),
  ct('22', '0302', 'trout', 'Rainbow Trout', 'Regenbogenforelle', 'Форель радужная', 'ماهی قزل‌آلای رنگین‌کمان', 'fish-counter', 1690),
  ct('22', '0303', 'prawns', 'King Prawns', 'Riesengarnelen', 'Креветки королевские', 'میگوی درشت', 'fish-counter', 3290),
];

/** Catalogue key code: `pp IIII 0 00000` plus the EAN-13 check digit (see header). */
export function counterKeyCode(prefix: string, itemNo: string): string {
  return withCheckDigit(`${prefix}${itemNo}000000`);
}

// ── assembling the file ─────────────────────────────────────────────────────

function name(parts: { brand?: L4; product: L4; size?: Size }): LocalizedText {
  const out = {} as Record<Lang, string>;
  for (const lang of LANGS) {
    const brand = parts.brand?.[lang];
    const product = parts.product[lang];
    const size = parts.size ? sizeLabel(parts.size, lang) : undefined;
    const words = lang === 'en' || lang === 'de' ? [brand, product, size] : [product, brand, size];
    out[lang] = words.filter((w) => w !== undefined && w !== '').join(' ');
  }
  return out;
}

export function generateCatalogue(): CatalogueFile {
  const items: CatalogueItemInput[] = [];

  for (const prod of PRODUCTS) {
    for (const brandKey of prod.brands) {
      const brand = BRANDS[brandKey];
      for (const size of prod.sizes) {
        // Not every brand makes every size: drop a few combinations (never the first size).
        if (size !== prod.sizes[0] && size.pack === undefined && random() < 0.1) continue;
        const jitter = 0.92 + random() * 0.16;
        const item: CatalogueItemInput = {
          id: `${prod.key}-${brand.key}-${sizeKey(size)}`,
          codes: [eanFor(brand)],
          name: name({ brand: brand.name, product: prod.name, size }),
          priceMinor: shelfPrice(size.priceMinor * brand.factor * jitter),
          unit: 'each',
          taxClass: prod.tax ?? 'reduced',
          category: prod.category,
          groups: [...(prod.groups ?? []), ...(size.pack !== undefined ? ['multipack'] : [])],
        };
        if (!prod.unknownWeight) item.weightGrams = size.netGrams + size.packagingGrams;
        if (size.toleranceGrams !== undefined) item.toleranceGrams = size.toleranceGrams * (size.pack ?? 1);
        if (prod.ageLimit !== undefined) item.ageLimit = prod.ageLimit;
        items.push(item);
      }
    }
  }

  // A few special codes: the well-known EAN 4006381333931, an EAN-8, a UPC-A import.
  items.push(
    {
      id: 'highlighter-yellow',
      codes: ['4006381333931'],
      name: { en: 'Highlighter, Yellow', de: 'Textmarker gelb', ru: 'Текстовыделитель жёлтый', fa: 'ماژیک هایلایت زرد' },
      priceMinor: 129,
      taxClass: 'standard',
      category: 'household',
    },
    {
      id: 'chewing-gum-mint',
      codes: [withCheckDigit('4001234')],
      name: { en: 'Peppermint Chewing Gum', de: 'Kaugummi Pfefferminz', ru: 'Жевательная резинка мятная', fa: 'آدامس نعنایی' },
      priceMinor: 99,
      weightGrams: 18,
      toleranceGrams: 5,
      taxClass: 'reduced',
      category: 'pantry',
      groups: ['snacks'],
    },
    {
      id: 'peanut-butter-us',
      codes: [withCheckDigit('07164200123')],
      name: { en: 'Liberty Farms Peanut Butter 340 g', de: 'Liberty Farms Erdnussbutter 340 g', ru: 'Паста арахисовая Либерти Фармс 340 г', fa: 'کره بادام‌زمینی لیبرتی فارمز ۳۴۰ گرم' },
      priceMinor: 349,
      weightGrams: 340 + 45,
      taxClass: 'reduced',
      category: 'pantry',
    },
  );

  for (const pd of PRODUCE) {
    const item: CatalogueItemInput = {
      id: `produce-${pd.key}`,
      plu: pd.plu,
      name: name({ product: pd.name }),
      priceMinor: pd.priceMinor,
      unit: pd.unit,
      taxClass: 'reduced',
      category: pd.category,
    };
    if (pd.weightGrams !== undefined) item.weightGrams = pd.weightGrams;
    if (pd.toleranceGrams !== undefined) item.toleranceGrams = pd.toleranceGrams;
    if (pd.picture !== undefined) item.picture = pd.picture;
    items.push(item);
  }

  for (const c of COUNTER) {
    items.push({
      id: `counter-${c.key}`,
      codes: [counterKeyCode(c.prefix, c.itemNo)],
      name: name({ product: c.name }),
      priceMinor: c.pricePerKgMinor,
      unit: 'kg',
      taxClass: 'reduced',
      category: c.category,
    });
  }

  // No-weight items: the bagging scale cannot see a card.
  for (const value of [15, 25, 50]) {
    items.push({
      id: `gift-card-${value}`,
      codes: [withCheckDigit(`40499990000${value}`.slice(0, 12))],
      name: {
        en: `Gift Card €${value}`,
        de: `Geschenkkarte ${value} €`,
        ru: `Подарочная карта ${value} €`,
        fa: `کارت هدیه ${faNumber(value)} یورویی`,
      },
      priceMinor: value * 100,
      noWeight: true,
      taxClass: 'exempt',
      category: 'gift-cards',
    });
  }
  items.push({
    id: 'greeting-card-birthday',
    codes: [withCheckDigit('404999900100')],
    name: { en: 'Birthday Card', de: 'Geburtstagskarte', ru: 'Открытка «С днём рождения»', fa: 'کارت تبریک تولد' },
    priceMinor: 249,
    noWeight: true,
    taxClass: 'standard',
    category: 'gift-cards',
  });

  const file = CatalogueFile.parse({
    version: 1,
    currency: 'EUR',
    taxes: { standard: 1900, reduced: 700, exempt: 0 },
    categories: CATEGORIES.map((c) => ({ ...c, produce: c.produce ?? false })),
    items,
    promotions: promotions(items),
  });
  check(file);
  return file;
}

function promotions(items: readonly CatalogueItemInput[]): Promotion[] {
  const ids = (prefix: string, filter: (i: CatalogueItemInput) => boolean = () => true): string[] =>
    items.filter((i) => i.id.startsWith(prefix) && filter(i)).map((i) => i.id);
  const label = (en: string, de: string, ru: string, fa: string): LocalizedText => ({ en, de, ru, fa });
  const list: Promotion[] = [
    { id: 'yoghurt-3for2', kind: 'multibuy', label: label('Natural yoghurt: 3 for 2', 'Naturjoghurt: 3 für 2', 'Йогурт натуральный: 3 по цене 2', 'ماست ساده: ۳ بخر، ۲ حساب کن'), items: ids('yoghurt-natural-'), buy: 3, pay: 2 },
    { id: 'crisps-3for2', kind: 'multibuy', label: label('Crisps: 3 for 2', 'Chips: 3 für 2', 'Чипсы: 3 по цене 2', 'چیپس: ۳ بخر، ۲ حساب کن'), items: ids('crisps-'), buy: 3, pay: 2 },
    { id: 'toothpaste-2for1', kind: 'multibuy', label: label('Toothpaste: buy one, get one free', 'Zahncreme: 2 für 1', 'Зубная паста: 2 по цене 1', 'خمیردندان: ۲ بخر، ۱ حساب کن'), items: ids('toothpaste-'), buy: 2, pay: 1 },
    { id: 'toilet-paper-3for2', kind: 'multibuy', label: label('Toilet tissue: 3 for 2', 'Toilettenpapier: 3 für 2', 'Туалетная бумага: 3 по цене 2', 'دستمال توالت: ۳ بخر، ۲ حساب کن'), items: ids('toilet-paper-', (i) => i.id.endsWith('-8rolls')), buy: 3, pay: 2 },
    { id: 'butter-2for3', kind: 'fixedPrice', label: label('Butter: 2 for €3.00', 'Butter: 2 für 3,00 €', 'Масло сливочное: 2 за 3,00 €', 'کره: ۲ عدد ۳ یورو'), items: ids('butter-'), quantity: 2, priceMinor: 300 },
    { id: 'coffee-2for9', kind: 'fixedPrice', label: label('Ground coffee: 2 for €9.00', 'Kaffee gemahlen: 2 für 9,00 €', 'Кофе молотый: 2 за 9,00 €', 'قهوه آسیاب‌شده: ۲ عدد ۹ یورو'), items: ids('coffee-ground-'), quantity: 2, priceMinor: 900 },
    { id: 'rolls-3for1', kind: 'fixedPrice', label: label('Bread rolls: 3 for €1.00', 'Brötchen: 3 für 1,00 €', 'Булочки: 3 за 1,00 €', 'نان رول: ۳ عدد ۱ یورو'), items: ['produce-roll'], quantity: 3, priceMinor: 100 },
    { id: 'mineral-water-6-for-2', kind: 'fixedPrice', label: label('Water 6-pack: 2 for €5.00', 'Wasser 6er-Pack: 2 für 5,00 €', 'Вода, упаковка 6 шт.: 2 за 5,00 €', 'بسته ۶تایی آب: ۲ بسته ۵ یورو'), items: ids('water-still-', (i) => i.id.endsWith('-6x15l')), quantity: 2, priceMinor: 500 },
    { id: 'chocolate-any3', kind: 'mixMatch', label: label('Any 3 chocolate bars for €3.00', 'Beliebige 3 Tafeln Schokolade für 3,00 €', 'Любые 3 плитки шоколада за 3,00 €', 'هر ۳ شکلات ۳ یورو'), group: 'chocolate', items: [], quantity: 3, priceMinor: 300 },
    { id: 'ice-cream-any2', kind: 'mixMatch', label: label('Any 2 ice creams for €4.00', 'Beliebige 2 Eissorten für 4,00 €', 'Любые 2 мороженых за 4,00 €', 'هر ۲ بستنی ۴ یورو'), group: 'ice-cream', items: [], quantity: 2, priceMinor: 400 },
    { id: 'yoghurt-any4', kind: 'mixMatch', label: label('Any 4 yoghurts for €2.00', 'Beliebige 4 Joghurts für 2,00 €', 'Любые 4 йогурта за 2,00 €', 'هر ۴ ماست ۲ یورو'), group: 'yoghurt', items: [], quantity: 4, priceMinor: 200 },
    { id: 'beer-any6', kind: 'mixMatch', label: label('Any 6 beers for €5.00', 'Beliebige 6 Bier für 5,00 €', 'Любые 6 бутылок пива за 5,00 €', 'هر ۶ آبجو ۵ یورو'), group: 'beer', items: [], quantity: 6, priceMinor: 500 },
    { id: 'snacks-any3', kind: 'mixMatch', label: label('Any 3 snacks for €4.00', 'Beliebige 3 Snacks für 4,00 €', 'Любые 3 снека за 4,00 €', 'هر ۳ تنقلات ۴ یورو'), group: 'snacks', items: [], quantity: 3, priceMinor: 400 },
    { id: 'bananas-10', kind: 'percent', label: label('Bananas 10 % off', 'Bananen 10 % günstiger', 'Бананы −10 %', 'موز ۱۰٪ تخفیف'), items: ['produce-bananas', 'produce-bananas-organic'], percent: 10 },
    { id: 'wine-20', kind: 'percent', label: label('All wine 20 % off', 'Alle Weine 20 % günstiger', 'Всё вино −20 %', 'همه شراب‌ها ۲۰٪ تخفیف'), group: 'wine', items: [], percent: 20 },
    { id: 'pizza-25', kind: 'percent', label: label('Frozen pizza 25 % off', 'Tiefkühlpizza 25 % günstiger', 'Замороженная пицца −25 %', 'پیتزای منجمد ۲۵٪ تخفیف'), group: 'pizza', items: [], percent: 25 },
    { id: 'hair-15', kind: 'percent', label: label('Hair care 15 % off', 'Haarpflege 15 % günstiger', 'Уход за волосами −15 %', 'محصولات مو ۱۵٪ تخفیف'), group: 'hair', items: [], percent: 15 },
    { id: 'grapes-30', kind: 'percent', label: label('Grapes 30 % off', 'Weintrauben 30 % günstiger', 'Виноград −30 %', 'انگور ۳۰٪ تخفیف'), items: ['produce-grapes-green', 'produce-grapes-red'], percent: 30 },
    { id: 'olive-oil-50c', kind: 'fixedOff', label: label('Olive oil €0.50 off', 'Olivenöl 0,50 € günstiger', 'Оливковое масло на 0,50 € дешевле', 'روغن زیتون ۰٫۵۰ یورو ارزان‌تر'), items: ids('oil-olive-'), amountMinor: 50 },
    { id: 'laundry-1', kind: 'fixedOff', label: label('Laundry powder €1.00 off', 'Waschmittel 1,00 € günstiger', 'Стиральный порошок на 1,00 € дешевле', 'پودر لباسشویی ۱ یورو ارزان‌تر'), items: ids('laundry-'), amountMinor: 100 },
    { id: 'milk-20c', kind: 'fixedOff', label: label('Milk €0.20 off', 'Milch 0,20 € günstiger', 'Молоко на 0,20 € дешевле', 'شیر ۰٫۲۰ یورو ارزان‌تر'), group: 'milk', items: [], amountMinor: 20 },
    { id: 'whisky-2', kind: 'fixedOff', label: label('Whisky €2.00 off', 'Whisky 2,00 € günstiger', 'Виски на 2,00 € дешевле', 'ویسکی ۲ یورو ارزان‌تر'), items: ids('whisky-'), amountMinor: 200 },
    { id: 'salmon-15', kind: 'percent', label: label('Salmon fillet 15 % off', 'Lachsfilet 15 % günstiger', 'Филе лосося −15 %', 'فیله سالمون ۱۵٪ تخفیف'), items: ['counter-salmon'], percent: 15 },
    // Outside their validity, to exercise date filtering:
    { id: 'cola-summer-2025', kind: 'fixedOff', label: label('Cola €0.30 off (summer 2025)', 'Cola 0,30 € günstiger (Sommer 2025)', 'Кола на 0,30 € дешевле (лето 2025)', 'کولا ۰٫۳۰ یورو ارزان‌تر (تابستان ۲۰۲۵)'), group: 'soft-drinks', items: [], amountMinor: 30, validFrom: '2025-06-01T00:00:00Z', validTo: '2025-08-31T23:59:59Z' },
    { id: 'cheese-2030', kind: 'percent', label: label('Cheese counter 10 % off (from 2030)', 'Käsetheke 10 % günstiger (ab 2030)', 'Сыры на развес −10 % (с 2030 г.)', 'پیشخوان پنیر ۱۰٪ تخفیف (از ۲۰۳۰)'), items: ids('counter-', (i) => i.category === 'cheese-counter'), percent: 10, validFrom: '2030-01-01T00:00:00Z' },
  ];
  return list;
}

/** Internal consistency: fails loudly rather than writing a bad fixture. */
function check(file: CatalogueFile): void {
  const codes = new Set<string>();
  const plus = new Set<string>();
  const ids = new Set<string>();
  for (const it of file.items) {
    if (ids.has(it.id)) throw new Error(`duplicate id ${it.id}`);
    ids.add(it.id);
    for (const c of it.codes) {
      if (!isValidGtin(c)) throw new Error(`invalid code ${c} (${it.id})`);
      const key = c.padStart(14, '0');
      if (codes.has(key)) throw new Error(`duplicate code ${c} (${it.id})`);
      codes.add(key);
    }
    if (it.plu !== undefined) {
      if (plus.has(it.plu)) throw new Error(`duplicate PLU ${it.plu}`);
      plus.add(it.plu);
    }
    for (const lang of LANGS) if (!it.name[lang]) throw new Error(`missing ${lang} name (${it.id})`);
  }
  for (const pr of file.promotions) {
    for (const id of pr.items) if (!ids.has(id)) throw new Error(`promotion ${pr.id} names unknown item ${id}`);
    if (pr.items.length === 0 && pr.group === undefined) throw new Error(`promotion ${pr.id} applies to nothing`);
    if (pr.group !== undefined && !file.items.some((i) => i.groups.includes(pr.group ?? ''))) throw new Error(`promotion ${pr.id}: empty group ${pr.group}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? fileURLToPath(new URL('../fixtures/catalogue.json', import.meta.url));
  const file = generateCatalogue();
  writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`);
  console.log(`wrote ${out}: ${file.items.length} items, ${file.categories.length} categories, ${file.promotions.length} promotions`);
}
