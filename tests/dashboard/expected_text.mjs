// How the page must write a number, worked out here independently of the dashboard's own
// code, from docs/numbers.md: counts grouped by thousands ("1.036" / "1,036"), percentages
// with one decimal unless whole ("35,7%" / "35.7%", "100%").

export function countText(value, lang) {
  const n = BigInt(value ?? 0);
  const digits = (n < 0n ? -n : n).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'en' ? ',' : '.');
  return n < 0n ? `-${grouped}` : grouped;
}

export function percentText(percent, lang) {
  const fixed = (Math.round(Number(percent ?? 0) * 10) / 10).toFixed(1);
  const [whole, decimal] = fixed.split('.');
  const wholeText = countText(whole, lang);
  return decimal === '0' ? `${wholeText}%` : `${wholeText}${lang === 'en' ? '.' : ','}${decimal}%`;
}
