/**
 * CSV cells as spreadsheets read them, shared by the API (the import's rejected-rows report) and
 * the console (its exports): dependency-free so the console bundles it.
 */

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
