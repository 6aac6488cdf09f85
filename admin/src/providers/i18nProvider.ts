import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import type { I18nProvider, TranslationMessages } from 'react-admin';
import { appChinese, appEnglish } from '../i18n/app-messages';
import { generatedChinese } from '../i18n/glossary.zh';
import { generatedEnglish } from '../i18n/generated';
import { LOCALES, type Locale } from '../i18n/locale';
import { raChinese } from '../i18n/ra-zh';

/** react-admin's messages, the console's own (app-messages.ts) and what react-admin's wording is replaced by. */
const MESSAGES: Record<Locale, TranslationMessages> = {
  en: { ...englishMessages, ra: { ...englishMessages.ra, auth: { ...englishMessages.ra.auth, username: 'Account' } }, app: appEnglish },
  zh: { ...raChinese, ra: { ...raChinese.ra, auth: { ...raChinese.ra.auth, username: '账号' } }, app: appChinese },
};

type Tree = { [key: string]: Tree | string | undefined };

/** A message tree as the flat phrases polyglot reads ("ra.action.save" → "Save"). */
function flatten(tree: Tree, prefix = '', into = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') into.set(`${prefix}${k}`, v);
    else if (v) flatten(v, `${prefix}${k}.`, into);
  }
  return into;
}

const PHRASES: Record<Locale, Map<string, string>> = { en: flatten(MESSAGES.en), zh: flatten(MESSAGES.zh) };

/**
 * The generated labels (schema and registry) in a language: the English the generator gave, the
 * glossary's translation. They are recorded as the generator builds the pages, and the registry's
 * page names by the registry: all in the chunk loaded once signed in (the login page needs none).
 */
const GENERATED: Record<Locale, (key: string) => string | undefined> = { en: generatedEnglish, zh: generatedChinese };

/**
 * Lists' totals above this are the server's estimate. Told by the signed-in console
 * (console.tsx), which loads the server's artifacts: the login page loads none of them.
 */
let exactCountLimit = Number.POSITIVE_INFINITY;
export const countsEstimatedAbove = (limit: number) => {
  exactCountLimit = limit;
};

/** An estimate as people say it: two significant digits, grouped as the language groups them (about 1,000,000). */
const aboutNumber = (n: number, locale: Locale) => Number(n.toPrecision(2)).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en');

const polyglot = polyglotI18nProvider((locale) => MESSAGES[locale as Locale] ?? MESSAGES.en, 'en', LOCALES, { allowMissing: true });

/**
 * react-admin's polyglot provider over the messages above, with the generated labels: a key that
 * is not a message is looked up among them (its English when a translation is missing, so a page
 * never shows a raw key); polyglot still interpolates and pluralises the text found. The language
 * chosen in the app bar is kept by react-admin's store (localStorage), read again at start-up.
 */
export const i18nProvider: I18nProvider = {
  ...polyglot,
  translate: (key, options = {}) => {
    const locale = (polyglot.getLocale() as Locale) in PHRASES ? (polyglot.getLocale() as Locale) : 'en';
    // Every list's "1-25 of N": a total above the exact-count limit is an estimate, said so.
    if (key === 'ra.navigation.page_range_info' && Number(options.total) > exactCountLimit) {
      return polyglot.translate('app.page_range_about', { ...options, total: aboutNumber(Number(options.total), locale) });
    }
    if (PHRASES[locale].has(key)) return polyglot.translate(key, options);
    const text = GENERATED[locale](key) ?? generatedEnglish(key) ?? PHRASES.en.get(key);
    return polyglot.translate(key, text === undefined ? options : { ...options, _: text });
  },
};
