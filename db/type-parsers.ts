// Result parsing shared by both engines so a query returns the same JS values on PGlite and
// on a server: dates stay `YYYY-MM-DD` text (no time-zone shift), int8 and numeric become
// numbers (counts and sums; STACK.md: `pg` returns them as strings, PGlite as bigint).

/** Postgres type OIDs (pg_type.oid). */
export const OID = { int8: 20, numeric: 1700, date: 1082 } as const;

const identity = (value: string): string => value;
const toNumber = (value: string): number => Number(value);

/** Text-format parsers by OID. */
export const TYPE_PARSERS: Record<number, (value: string) => unknown> = {
  [OID.date]: identity,
  [OID.int8]: toNumber,
  [OID.numeric]: toNumber,
};
