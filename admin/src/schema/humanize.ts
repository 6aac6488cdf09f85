/** Words written in capitals wherever they appear ("ouId" → "OU", "apiClient" → "API client"). */
const ACRONYMS = new Set(['ou', 'api', 'id', 'url', 'ip', 'ivr']);

/** Enum words that stay in capitals ("SMS", "X"); every other word of an enum value is capitalised ("WEB" → "Web"). */
const CAPITAL_WORDS = new Set(['SMS', 'IVR', 'ID', 'OU', 'X', 'API', 'URL', 'IP']);

/** Names spelled their own way, beside the others of their list ("WeChat" beside "Web"). */
const BRANDS: Record<string, string> = { WECHAT: 'WeChat', WHATSAPP: 'WhatsApp', LINE: 'LINE', RCS5G: 'RCS 5G', WEBRTC: 'WebRTC' };

/** "contactRecordSpanDays" → "Contact record span days"; "SMS" stays "SMS", "EMAIL" → "Email", "WEB" → "Web", "WECHAT" → "WeChat". */
export function humanize(name: string): string {
  if (/^[A-Z0-9_]+$/.test(name)) {
    return name
      .split('_')
      .map((w) => BRANDS[w] ?? (CAPITAL_WORDS.has(w) ? w : w[0] + w.slice(1).toLowerCase()))
      .join(' ');
  }
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .split(/\s+/);
  const acronym = (w: string) => /^[A-Z]{2,}$/.test(w) || ACRONYMS.has(w.toLowerCase());
  // An acronym's plural keeps its capitals and a small "s" ("subOus" → "sub OUs").
  const plural = (w: string) => w.length > 2 && /s$/.test(w) && ACRONYMS.has(w.slice(0, -1).toLowerCase());
  const text = words
    .map((w) => (acronym(w) ? w.toUpperCase() : plural(w) ? `${w.slice(0, -1).toUpperCase()}s` : w.toLowerCase()))
    .join(' ')
    .replace(/\bwebrtc\b/g, 'WebRTC')
    .replace(/\bopen eye\b/g, 'OpenEye');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "parentId" → "parent": the relation an id argument or field stands for. */
export const relationName = (name: string) => name.replace(/Ids?$/, '');
