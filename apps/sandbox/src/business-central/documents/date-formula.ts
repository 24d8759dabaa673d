/**
 * Applies a BC date formula such as `30D`, `1M`, `2W`, `CM` or `1M+CM` to a `YYYY-MM-DD` date (UTC calendar).
 * Unknown terms leave the date unchanged.
 */
export function applyDateFormula(date: string, formula: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const terms = formula.toUpperCase().replace(/\s+/g, '').match(/[+-]?(\d+[DWMYQ]|C[DWMYQ])/g) ?? [];
  for (const term of terms) {
    const sign = term.startsWith('-') ? -1 : 1;
    const body = term.replace(/^[+-]/, '');
    if (body.startsWith('C')) {
      if (body === 'CM') d.setUTCDate(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate());
      continue;
    }
    const count = sign * Number(body.slice(0, -1));
    switch (body.slice(-1)) {
      case 'D':
        d.setUTCDate(d.getUTCDate() + count);
        break;
      case 'W':
        d.setUTCDate(d.getUTCDate() + 7 * count);
        break;
      case 'M':
        d.setUTCMonth(d.getUTCMonth() + count);
        break;
      case 'Q':
        d.setUTCMonth(d.getUTCMonth() + 3 * count);
        break;
      case 'Y':
        d.setUTCFullYear(d.getUTCFullYear() + count);
        break;
    }
  }
  return d.toISOString().slice(0, 10);
}
