/// <reference path="../jsonexport.d.ts" />
import jsonexport from 'jsonexport/dist/index.js';
import { BOM, csvCell } from '../../../api/src/common/csv-cell';

export { BOM, csvCell };

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
