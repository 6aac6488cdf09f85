/** Words written in capitals wherever they appear ("ouId" → "OU", "apiClient" → "API client"). */
const ACRONYMS = new Set(['ou', 'api', 'id', 'url', 'ip', 'ivr']);

/** "contactRecordSpanDays" → "Contact record span days"; "SMS" stays "SMS", "EMAIL" → "Email". */
export function humanize(name: string): string {
  if (/^[A-Z0-9_]+$/.test(name)) {
    return name
      .split('_')
      .map((w) => (w.length <= 3 ? w : w[0] + w.slice(1).toLowerCase()))
      .join(' ');
  }
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .split(/\s+/);
  const text = words.map((w) => (/^[A-Z]{2,}$/.test(w) || ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w.toLowerCase())).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "parentId" → "parent": the relation an id argument or field stands for. */
export const relationName = (name: string) => name.replace(/Ids?$/, '');
