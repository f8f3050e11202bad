// CSV as RFC 4180 writes it (CRLF line ends, fields with a comma, quote or line break quoted,
// quotes doubled), with the guard coopctl uses too: a text cell that begins with =, +, -, @,
// a tab or a carriage return gets a leading ' so no spreadsheet program runs it as a formula.
// Numbers are written as machines read them. Pure.

function field(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

export function toCsv(rows) {
  return rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
