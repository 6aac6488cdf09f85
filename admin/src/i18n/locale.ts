/** The console's languages, as react-admin's language menu in the app bar offers them. */
export const LOCALES = [
  { locale: 'en', name: 'English' },
  { locale: 'zh', name: '简体中文' },
];

export type Locale = 'en' | 'zh';

/** The Intl locale dates and numbers are written in: the browser's own variant of the language when it has one. */
export function intlLocale(locale: string): string {
  const preferred = typeof navigator === 'undefined' ? [] : navigator.languages;
  const variant = preferred.find((l) => l === locale || l.startsWith(`${locale}-`));
  return variant ?? (locale === 'zh' ? 'zh-CN' : 'en-US');
}
