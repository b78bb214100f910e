import { fail, ok, type Result } from '../../contracts/errors.ts';

/**
 * A small RFC 4180 reader: comma-separated fields, records ended by CRLF or LF, fields in
 * double quotes may hold commas, line breaks and doubled quotes (`""` → `"`). A leading
 * UTF-8 BOM is dropped; completely empty lines are skipped. Each record carries the line
 * number (1-based) it starts on, for error messages.
 *
 * Errors (returned, never thrown): a quote inside an unquoted field, text after a closing
 * quote, an unterminated quoted field.
 */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export function parseCsv(text: string): Result<CsvRecord[]> {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quoted = false; // current field was quoted (closed)
  let atFieldStart = true;

  const endRecord = (): void => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !quoted)) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    quoted = false;
    atFieldStart = true;
  };

  while (i < src.length) {
    const c = src[i];
    if (atFieldStart && c === '"') {
      // quoted field
      const startLine = line;
      i++;
      for (;;) {
        if (i >= src.length) return fail('invalidInput', `CSV line ${startLine}: unterminated quoted field`, { detail: { line: startLine } });
        const q = src[i];
        if (q === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      quoted = true;
      atFieldStart = false;
      const next = src[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        return fail('invalidInput', `CSV line ${line}: unexpected text after a closing quote`, { detail: { line } });
      }
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      quoted = false;
      atFieldStart = true;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    if (c === '"') return fail('invalidInput', `CSV line ${line}: quote inside an unquoted field`, { detail: { line } });
    field += c;
    atFieldStart = false;
    i++;
  }
  if (!atFieldStart || fields.length > 0 || quoted) endRecord();
  return ok(records);
}

/** Quote a field when needed (for writing CSV in tests and tools). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
