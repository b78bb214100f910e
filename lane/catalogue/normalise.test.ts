import { describe, expect, it } from 'vitest';
import { matchExpression, normaliseForIndex, queryTokens } from './normalise.ts';

describe('search normalisation', () => {
  it('lower-cases ASCII and leaves it otherwise alone', () => {
    expect(normaliseForIndex('Whole MILK 1 l')).toBe('whole milk 1 l');
  });

  it('folds ß and ё, which unicode61 keeps', () => {
    expect(normaliseForIndex('Weißbier')).toBe('weissbier');
    expect(normaliseForIndex('Зелёный чай')).toBe('зеленый чай');
  });

  it('unifies Arabic and Persian letter forms and digits', () => {
    expect(normaliseForIndex('چاي')).toBe(normaliseForIndex('چای'));
    expect(normaliseForIndex('كره')).toBe('کره');
    expect(normaliseForIndex('۱۰ عدد')).toBe('10 عدد');
  });

  it('indexes a ZWNJ word both split and joined', () => {
    expect(normaliseForIndex('تخم\u200Cمرغ')).toBe('تخم مرغ تخممرغ');
  });

  it('splits a query into words, dropping punctuation and quotes', () => {
    expect(queryTokens('  "Äpfel", Fuji!  ')).toEqual(['äpfel', 'fuji']);
    expect(queryTokens('***')).toEqual([]);
  });

  it('builds a prefix AND query restricted to columns, or null for no words', () => {
    expect(matchExpression('gr tea', ['name_en', 'plu'])).toBe('{name_en plu} : ("gr"* AND "tea"*)');
    expect(matchExpression(' - ', ['name_en'])).toBeNull();
  });
});
