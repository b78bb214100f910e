import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../contracts/catalogue.ts';
import { DeclineReason, PrinterCondition, TerminalPrompt } from '../../../contracts/devices.ts';
import { InterventionKind, PromptId } from '../../../contracts/view.ts';
import { catalogues, createI18n } from './index.ts';

type Tree = { [k: string]: string | Tree };
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}
const stripPlural = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');

describe('message catalogues', () => {
  const en = flatten(catalogues.en as unknown as Tree);
  for (const lang of LANGUAGES) {
    const cat = flatten(catalogues[lang] as unknown as Tree);
    it(`${lang} has every key English has (plural forms aside) and no empty text`, () => {
      const have = new Set([...cat.keys()].map(stripPlural));
      const missing = [...new Set([...en.keys()].map(stripPlural))].filter((k) => !have.has(k));
      expect(missing).toEqual([]);
      for (const [k, v] of cat) expect(v.trim(), k).not.toBe('');
    });
    it(`${lang} names every prompt, intervention, decline reason, terminal prompt and printer condition`, () => {
      const i18n = createI18n(lang);
      const must = [
        ...PromptId.options.map((p) => `prompt.${p}`),
        ...InterventionKind.options.flatMap((k) => [`intervention.${k}.title`, `intervention.${k}.body`, `intervention.${k}.next`, `attendant.kinds.${k}`]),
        ...DeclineReason.options.map((r) => `decline.${r}`),
        ...TerminalPrompt.options.map((p) => `terminal.${p}`),
        ...PrinterCondition.options.map((c) => `printer.${c}`),
      ];
      for (const key of must) expect(i18n.exists(key, { lng: lang, fallbackLng: [] }), `${lang}: ${key}`).toBe(true);
    });
  }

  it('uses Russian one/few/many plural forms', () => {
    const i18n = createI18n('ru');
    expect(i18n.t('scanning.items', { count: 1 })).toBe('1 товар');
    expect(i18n.t('scanning.items', { count: 3 })).toBe('3 товара');
    expect(i18n.t('scanning.items', { count: 5 })).toBe('5 товаров');
    expect(i18n.t('scanning.items', { count: 11 })).toBe('11 товаров');
    expect(i18n.t('scanning.items', { count: 21 })).toBe('21 товар');
    expect(i18n.t('scanning.items', { count: 24 })).toBe('24 товара');
    expect(i18n.t('payment.attempts', { count: 2 })).toBe('2 попытки');
  });
  it('uses English one/other and German one/other', () => {
    expect(createI18n('en').t('scanning.items', { count: 1 })).toBe('1 item');
    expect(createI18n('en').t('scanning.items', { count: 2 })).toBe('2 items');
    expect(createI18n('de').t('payment.attempts', { count: 1 })).toBe('1 Versuch');
    expect(createI18n('de').t('payment.attempts', { count: 4 })).toBe('4 Versuche');
  });
  it('writes Persian counts with Persian digits', () => {
    expect(createI18n('fa').t('scanning.items', { count: 12 })).toBe('۱۲ کالا');
    expect(createI18n('fa').t('scanning.items', { count: 1 })).toBe('۱ کالا');
  });
  it('explains an age check calmly', () => {
    expect(createI18n('en').t('intervention.ageCheck.title')).toBe('An assistant is on the way to check your age');
  });
});
