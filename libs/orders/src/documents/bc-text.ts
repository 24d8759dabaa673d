/**
 * Field lengths of the BC API v2.0 fields the connector writes (business-central.md section 2; the table fields
 * behind them: Name/Ship-to Name Text[100], Address Text[100], Address 2 Text[50], City and County Text[30],
 * Post Code Code[20], Country/Region Code Code[10], Phone No. Text[30], E-Mail Text[80], Description Text[100],
 * Description 2 Text[50], External Document No. Code[35]). BC rejects longer values with
 * Application_StringExceededLength, so the connector truncates (names, addresses) or leaves the field out
 * (emails and phone numbers, where a truncated value would be wrong data).
 */
export const BC_LENGTHS = {
  displayName: 100,
  name: 100,
  addressLine1: 100,
  addressLine2: 50,
  city: 30,
  state: 30,
  country: 10,
  postalCode: 20,
  phoneNumber: 30,
  email: 80,
  description: 100,
  description2: 50,
  externalDocumentNumber: 35,
  itemNumber: 20,
} as const;

/**
 * Collapses whitespace and cuts at `max` characters as BC counts them (UTF-16 code units, AL strings being .NET
 * strings), never inside a surrogate pair.
 */
export function bcText(value: string, max: number): string {
  const clean = value.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  let cut = '';
  for (const char of clean) {
    if (cut.length + char.length > max) break;
    cut += char;
  }
  return cut.trimEnd();
}

/** BC Code fields are stored uppercase. */
export function bcCode(value: string, max: number): string {
  return bcText(value, max).toUpperCase();
}

/** The value when it fits, otherwise undefined (for fields where a cut value would be wrong, e.g. an email). */
export function ifFits(value: string, max: number): string | undefined {
  const clean = value.trim();
  return clean !== '' && clean.length <= max ? clean : undefined;
}

/** Drops undefined and empty-string fields so the payload carries only what the connector means to set. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as T;
}
