/**
 * The CSV format's mapping: header and rows (from csv.ts) → catalogue item candidates, or a
 * rejection per row naming its line. Pure.
 */
import { CatalogueItem } from '../../contracts/catalogue.ts';
import { fail, fromZodError, ok, type Result } from '../../contracts/errors.ts';
import type { parseCsv } from './csv.ts';
import type { Candidate, ImportItemError } from './importCheck.ts';

// ── CSV rows → items ─────────────────────────────────────────────────────────

/** Columns of the CSV format, in the documented order. */
export const CSV_COLUMNS = [
  'id',
  'codes',
  'plu',
  'name_en',
  'name_de',
  'name_ru',
  'name_fa',
  'price_minor',
  'unit',
  'weight_grams',
  'tolerance_grams',
  'no_weight',
  'age_limit',
  'tax_class',
  'category',
  'picture',
  'groups',
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly CsvColumn[] = ['id', 'name_en', 'price_minor', 'category'];
const INTEGER_COLUMNS: ReadonlySet<CsvColumn> = new Set(['price_minor', 'weight_grams', 'tolerance_grams', 'age_limit']);

function isCsvColumn(s: string): s is CsvColumn {
  return (CSV_COLUMNS as readonly string[]).includes(s);
}

export function csvRowsToItems(records: ReturnType<typeof parseCsv> extends Result<infer T> ? T : never): Result<{ candidates: Candidate[]; rejected: ImportItemError[] }> {
  const [header, ...rows] = records;
  if (!header) return fail('invalidInput', 'CSV is empty: a header row is required');
  const columns: CsvColumn[] = [];
  for (const raw of header.fields) {
    const name = raw.trim();
    if (!isCsvColumn(name)) return fail('invalidInput', `CSV header: unknown column '${name}' (known: ${CSV_COLUMNS.join(', ')})`, { path: name });
    if (columns.includes(name)) return fail('invalidInput', `CSV header: column '${name}' appears twice`, { path: name });
    columns.push(name);
  }
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) return fail('invalidInput', `CSV header: missing column(s) ${missing.join(', ')}`);

  const candidates: Candidate[] = [];
  const rejected: ImportItemError[] = [];
  rows.forEach((rec, index) => {
    const cell = new Map<CsvColumn, string>();
    columns.forEach((c, i) => {
      const v = (rec.fields[i] ?? '').trim();
      if (v !== '') cell.set(c, v);
    });
    const itemId = cell.get('id');
    const reject = (message: string): void => {
      rejected.push({ index, line: rec.line, ...(itemId !== undefined ? { itemId } : {}), reason: 'invalidItem', message: `CSV line ${rec.line}: ${message}` });
    };
    if (rec.fields.length !== columns.length) {
      reject(`expected ${columns.length} fields, found ${rec.fields.length}`);
      return;
    }
    for (const c of INTEGER_COLUMNS) {
      const v = cell.get(c);
      if (v !== undefined && !/^\d+$/.test(v)) {
        reject(`${c} must be a whole number, got '${v}'`);
        return;
      }
    }
    const noWeight = cell.get('no_weight');
    if (noWeight !== undefined && !/^(0|1|true|false)$/i.test(noWeight)) {
      reject(`no_weight must be 0, 1, true or false, got '${noWeight}'`);
      return;
    }
    const num = (c: CsvColumn): number | undefined => {
      const v = cell.get(c);
      return v === undefined ? undefined : Number(v);
    };
    const list = (c: CsvColumn): string[] =>
      (cell.get(c) ?? '')
        .split('|')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    const input = {
      id: itemId,
      codes: list('codes'),
      plu: cell.get('plu'),
      name: { en: cell.get('name_en'), de: cell.get('name_de'), ru: cell.get('name_ru'), fa: cell.get('name_fa') },
      priceMinor: num('price_minor'),
      unit: cell.get('unit'),
      weightGrams: num('weight_grams'),
      toleranceGrams: num('tolerance_grams'),
      noWeight: noWeight === undefined ? undefined : /^(1|true)$/i.test(noWeight),
      ageLimit: num('age_limit'),
      taxClass: cell.get('tax_class'),
      category: cell.get('category'),
      picture: cell.get('picture'),
      groups: list('groups'),
    };
    const parsed = CatalogueItem.safeParse(input);
    if (!parsed.success) {
      reject(fromZodError(parsed.error, 'item').message);
      return;
    }
    candidates.push({ index, line: rec.line, item: parsed.data });
  });
  return ok({ candidates, rejected });
}
