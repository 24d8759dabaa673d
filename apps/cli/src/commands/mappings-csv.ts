/** One `sku,item_number` row of an import file, with its line number for messages. */
export interface SkuMappingLine {
  readonly line: number;
  readonly sku: string;
  readonly itemNumber: string;
}

export type SkuCsvResult =
  | { readonly ok: true; readonly rows: SkuMappingLine[] }
  | { readonly ok: false; readonly errors: string[] };

/**
 * Parses a mapping import: two columns, store SKU then BC item number, comma-separated, RFC 4180 quoting (a SKU may
 * contain commas or quotes), optional header row (`sku,item_number`), blank lines ignored. SKUs are kept exactly
 * (the store's are case-sensitive); item numbers are BC Code[20], so they are trimmed and uppercased. Every problem is
 * reported with its line number; one SKU listed twice is an error, so an import never depends on row order.
 */
export function parseSkuCsv(text: string): SkuCsvResult {
  const errors: string[] = [];
  const rows: SkuMappingLine[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const fields = splitCsvLine(raw);
    if (fields === undefined) return void errors.push(`line ${line}: unbalanced quotes`);
    if (line === firstContentLine(lines) && /^sku$/i.test(fields[0]?.trim() ?? '')) return;
    if (fields.length !== 2) return void errors.push(`line ${line}: expected 2 columns (sku,item_number), found ${fields.length}`);
    const [sku, number] = fields as [string, string];
    const itemNumber = number.trim().toUpperCase();
    if (sku === '') return void errors.push(`line ${line}: the SKU is empty`);
    if (itemNumber === '' || itemNumber.length > 20) {
      return void errors.push(`line ${line}: item number must be 1 to 20 characters (BC Code[20])`);
    }
    const earlier = seen.get(sku);
    if (earlier !== undefined) return void errors.push(`line ${line}: SKU "${sku}" is already mapped on line ${earlier}`);
    seen.set(sku, line);
    rows.push({ line, sku, itemNumber });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

function firstContentLine(lines: readonly string[]): number {
  return lines.findIndex((l) => l.trim() !== '') + 1;
}

/** Splits one CSV record; undefined when a quoted field is not closed. */
export function splitCsvLine(line: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line.charAt(i);
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields;
}
