/**
 * The benchmark's rows have ids made from (seed prefix, kind, number), in SQL and in JS alike, so
 * the harness knows every id it seeded without reading them back, and inserts append to the
 * right-hand side of the primary-key indexes (as the import's time-ordered ids do).
 */
export enum Kind {
  TENANT = 0,
  OU = 1,
  CUSTOMER = 2,
  PHONE = 3,
  SECOND_PHONE = 4,
  EMAIL = 5,
  CONTACT = 6,
  REQUEST = 7,
  ACTIVITY = 8,
  EMPLOYEE = 9,
  ROLE = 10,
  GRANT = 11,
  QUEUE = 12,
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** The id of row `n` of a kind (prefix: 8 hex digits, one per seeded tenant). */
export const benchId = (prefix: string, kind: Kind, n: number): string => `${prefix}-${hex(kind, 4)}-7000-8000-${hex(n, 12)}`;

/** The same, as a SQL expression of the bigint expression `n`. */
export const sqlId = (prefix: string, kind: Kind, n: string): string => `('${prefix}-${hex(kind, 4)}-7000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`;

/** The seed's prefix, read back from its tenant's id. */
export const prefixOf = (tenantId: string): string => tenantId.slice(0, 8);

/** Customer n's first phone, national part (10 digits, NANP): 200 000 0001, 200 000 0002, ... */
export const nationalNumber = (n: number): string => String(2_000_000_000 + n);

/** As entered on the customer: "+1 200 000 0042". */
export const enteredPhone = (n: number): string => {
  const d = nationalNumber(n);
  return `+1 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
};

/** As a caller id might come in, national format: "(200) 000-0042". */
export const callerPhone = (n: number): string => {
  const d = nationalNumber(n);
  return `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`;
};
