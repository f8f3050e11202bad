// Numbers for tables and charts, the way docs/numbers.md writes them: counts with their
// thousands grouped (N1–N3: "1.036" in Vietnamese, "1,036" in English) and percentages with
// one decimal, a whole one without (P1–P3: "12,5%", "100%"). Pure; the e2e test checks the
// page's text against its own reading of the same rules.

// The int64 of a protobuf JSON reply (a string, or a number for small values) as a Number.
// Figures stay far below 2^53 (the nation's charter capital is ~10^14 VND).
export function toNumber(value) {
  if (value === undefined || value === null || value === '') return 0;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : 0;
}

function groupDigits(digits, separator) {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += separator;
    out += digits[i];
  }
  return out;
}

// A count or an amount: "1.234.567" (vi), "1,234,567" (en); negatives with "-".
export function formatCount(value, lang) {
  const n = Math.trunc(toNumber(value));
  const digits = String(Math.abs(n));
  const grouped = groupDigits(digits, lang === 'en' ? ',' : '.');
  return n < 0 ? `-${grouped}` : grouped;
}

// A percentage with one decimal, a whole one without: "35,7%" (vi), "35.7%" (en), "100%".
export function formatPercent(percent, lang) {
  const tenths = Math.round(toNumber(percent) * 10);
  const whole = Math.trunc(tenths / 10);
  const decimal = Math.abs(tenths % 10);
  const wholeText = formatCount(whole, lang);
  const sign = tenths < 0 && whole === 0 ? '-' : '';
  if (decimal === 0) return `${sign}${wholeText}%`;
  return `${sign}${wholeText}${lang === 'en' ? '.' : ','}${decimal}%`;
}
