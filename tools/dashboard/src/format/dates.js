// Dates and moments for people: business dates as docs/numbers.md writes them (D1, D2:
// "15/12/2022", "15 December 2022") and recorded-at microseconds in the browser's time zone.
// Pure.

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

// "YYYY-MM-DD" as a day; anything else is returned as it is (never dropped).
export function formatDay(isoDay, lang) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay || '');
  if (!match) return isoDay || '';
  const [, year, month, day] = match;
  if (lang === 'en') return `${Number(day)} ${MONTHS_EN[Number(month) - 1]} ${year}`;
  return `${day}/${month}/${year}`;
}

function pad(n, width = 2) {
  return String(n).padStart(width, '0');
}

// Microseconds since the epoch (a JSON int64 string) as local "dd/mm/yyyy hh:mm:ss" (vi) or
// "YYYY-MM-DD hh:mm:ss" (en).
export function formatMicros(micros, lang) {
  const ms = Number(BigInt(micros || 0) / 1000n);
  if (!ms) return '';
  const d = new Date(ms);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  if (lang === 'en') return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${time}`;
}

// The end of a local calendar day "YYYY-MM-DD" as microseconds since the epoch (a decimal
// string, as protobuf's JSON mapping takes an int64): what "as known at" that day means.
export function endOfDayMicros(isoDay) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay || '');
  if (!match) return null;
  const end = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 999);
  if (Number.isNaN(end.getTime())) return null;
  return String(BigInt(end.getTime()) * 1000n + 999n);
}
