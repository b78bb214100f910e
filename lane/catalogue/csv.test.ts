import { describe, expect, it } from 'vitest';
import { csvField, parseCsv } from './csv.ts';

const fields = (text: string): string[][] => {
  const r = parseCsv(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.map((x) => x.fields);
};

describe('parseCsv', () => {
  it('splits plain fields and records ended by LF or CRLF', () => {
    expect(fields('a,b,c\r\n1,2,3\n4,5,6')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
  });

  it('reads quoted fields holding commas, doubled quotes and line breaks', () => {
    expect(fields('id,name\n1,"Milk, whole"\n2,"The ""best"" bread"\n3,"two\r\nlines"\n')).toEqual([
      ['id', 'name'],
      ['1', 'Milk, whole'],
      ['2', 'The "best" bread'],
      ['3', 'two\r\nlines'],
    ]);
  });

  it('keeps empty fields, including a trailing one and an empty quoted one', () => {
    expect(fields('a,,c,\n"",x,"",')).toEqual([
      ['a', '', 'c', ''],
      ['', 'x', '', ''],
    ]);
  });

  it('drops a BOM, skips empty lines and ignores a final newline', () => {
    expect(fields('\uFEFFa,b\n\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reports the line a record starts on, counting newlines inside quotes', () => {
    const r = parseCsv('h\n"x\ny"\nz');
    expect(r.ok && r.value.map((x) => x.line)).toEqual([1, 2, 4]);
  });

  it('reads non-Latin text unchanged', () => {
    expect(fields('ru,fa\nМолоко,شیر پرچرب')).toEqual([
      ['ru', 'fa'],
      ['Молоко', 'شیر پرچرب'],
    ]);
  });

  it('rejects an unterminated quoted field', () => {
    expect(parseCsv('a,"open\nmore')).toMatchObject({ ok: false, error: { code: 'invalidInput', message: expect.stringContaining('line 1: unterminated') } });
  });

  it('rejects a quote inside an unquoted field', () => {
    expect(parseCsv('a,b"c')).toMatchObject({ ok: false, error: { message: expect.stringContaining('quote inside an unquoted field') } });
  });

  it('rejects text after a closing quote', () => {
    expect(parseCsv('"a"b,c')).toMatchObject({ ok: false, error: { message: expect.stringContaining('after a closing quote') } });
  });

  it('round-trips fields written with csvField', () => {
    const values = ['plain', 'with,comma', 'with "quote"', 'multi\nline', ''];
    expect(fields(values.map(csvField).join(','))).toEqual([values]);
  });
});
