import { describe, expect, it } from 'vitest';
import { appChinese, appEnglish } from '../../admin/src/i18n/app-messages';
import { generatedKeys } from '../../admin/src/i18n/generated';
import { generatedChinese } from '../../admin/src/i18n/glossary.zh';
import { countsEstimatedAbove, i18nProvider } from '../../admin/src/providers/i18nProvider';
import { EXACT_COUNT_LIMIT } from '../../admin/src/schema/constraints';
import { generateEverything } from './i18n-inventory';

const keysOf = (tree: object, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v as object, `${prefix}${k}.`)));

describe('console messages in two languages', () => {
  it('has the same keys in the English and the Chinese trees of the console', () => {
    expect(keysOf(appChinese).sort()).toEqual(keysOf(appEnglish).sort());
  });

  it('translates every generated label into Chinese', () => {
    generateEverything();
    const missing = generatedKeys().filter((k) => !generatedChinese(k));
    if (process.env.I18N_DUMP) console.log(missing.join('\n'));
    expect(missing, 'labels without Chinese: add them to admin/src/i18n/glossary.zh.ts').toEqual([]);
  });

  it('resolves a generated label in each language', async () => {
    expect(i18nProvider.translate('resources.Customer.name', { smart_count: 2 })).toBe('Customers');
    await i18nProvider.changeLocale('zh');
    expect(i18nProvider.translate('resources.Customer.name', { smart_count: 2 })).toBe('客户');
    await i18nProvider.changeLocale('en');
  });

  it('says a list total above the exact-count limit is an estimate, in each language (issue 15)', async () => {
    // As the signed-in console (console.tsx) tells it.
    countsEstimatedAbove(EXACT_COUNT_LIMIT);
    const range = (total: number) => i18nProvider.translate('ra.navigation.page_range_info', { offsetBegin: 1, offsetEnd: 25, total });
    expect(range(10_000)).toBe('1-25 of 10000');
    expect(range(1_003_456)).toBe('1-25 of about 1,000,000');
    expect(range(10_480)).toBe('1-25 of about 10,000');
    await i18nProvider.changeLocale('zh');
    expect(range(1_003_456)).toBe('第 1-25 条，共约 1,000,000 条');
    await i18nProvider.changeLocale('en');
  });
});
