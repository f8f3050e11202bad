// Where the page is, kept in the URL's fragment so that a view can be bookmarked and the
// back button works: "#/<page>[/<id>]?set=2025-03&path=96,966&year=2024&known=2026-12-01".
// `path` is the chain of picked units (province, district, commune); the area is its last
// code, the nation when empty. Parsing never throws: a malformed year is kept as text and
// reported by the page. Pure apart from reading the clock for the default year.

export const PAGES = ['stats', 'report', 'plan', 'compliance', 'feed', 'coop'];
export const UNIT_SETS = ['2025-03', '2025-07'];

// The unit set in force on the last day of `year`: the three-level list up to 2024.
export function unitSetOfYear(year) {
  return year <= 2024 ? '2025-03' : '2025-07';
}

export function defaultYear() {
  return new Date().getFullYear() - 1;
}

export function parseRoute(hash) {
  const text = (hash || '').replace(/^#\/?/, '');
  const question = text.indexOf('?');
  const pathPart = question < 0 ? text : text.slice(0, question);
  const query = new URLSearchParams(question < 0 ? '' : text.slice(question + 1));
  const [pageName, ...rest] = pathPart.split('/').filter(Boolean);
  const page = PAGES.includes(pageName) ? pageName : 'stats';
  const yearText = query.get('year');
  const year = yearText === null || yearText === '' ? defaultYear() : yearText;
  const set = UNIT_SETS.includes(query.get('set')) ? query.get('set') : unitSetOfYear(Number(year) || defaultYear());
  const path = (query.get('path') || '').split(',').map((code) => code.trim()).filter(Boolean).slice(0, 3);
  return {
    page,
    id: rest.length ? decodeURIComponent(rest.join('/')) : '',
    scope: { unitSet: set, path, year: String(year), known: query.get('known') || '' },
  };
}

// The year as a number, or null when the text is not a year (1990–2100, as the server takes).
export function validYear(yearText) {
  if (!/^\d{4}$/.test(String(yearText))) return null;
  const year = Number(yearText);
  return year >= 1990 && year <= 2100 ? year : null;
}

export function areaOf(scope) {
  return scope.path.length ? scope.path[scope.path.length - 1] : '';
}

export function buildHash(page, id, scope) {
  const query = new URLSearchParams();
  query.set('set', scope.unitSet);
  if (scope.path.length) query.set('path', scope.path.join(','));
  query.set('year', String(scope.year));
  if (scope.known) query.set('known', scope.known);
  const idPart = id ? `/${encodeURIComponent(id)}` : '';
  return `#/${page}${idPart}?${query.toString().replace(/%2C/g, ',')}`;
}
