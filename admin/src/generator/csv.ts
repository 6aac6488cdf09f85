/// <reference path="../jsonexport.d.ts" />
import jsonexport from 'jsonexport/dist/index.js';

/**
 * A cell a spreadsheet would read as a formula: it starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return (OWASP, CSV injection). A customer named `=HYPERLINK(...)` must open as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell value as written: text a spreadsheet would run as a formula gets a leading `'`, so it shows as text. */
export function csvCell(value: string | null | undefined): string {
  const text = value ?? '';
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Byte order mark: spreadsheets read the file as UTF-8 (names such as "Zoë" or "王伟" survive). */
export const BOM = '\ufeff';

/**
 * A CSV file (RFC 4180: quoted where needed, CRLF line ends, UTF-8 with a BOM) of a header row
 * and data rows, every cell neutralised by `csvCell`. Quoting is jsonexport's, the library
 * react-admin's own exporter uses.
 */
export async function toCsv(headers: readonly string[], rows: readonly (readonly (string | null | undefined)[])[]): Promise<string> {
  const keys = headers.map((_, i) => `c${i}`);
  const asObject = (cells: readonly (string | null | undefined)[]) => Object.fromEntries(keys.map((k, i) => [k, csvCell(cells[i])]));
  const body = await jsonexport([asObject(headers), ...rows.map(asObject)], { headers: keys, includeHeaders: false, endOfLine: '\r\n' });
  return `${BOM}${body}\r\n`;
}
