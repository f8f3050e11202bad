// The compliance page: the cooperatives of the area with an issue for the year
// (Reporting.ListComplianceIssues) — no annual report, no annual meeting, rated weak, not
// followed up, grounds for revocation — each linked to the cooperative's own page.

import { complianceIssues } from '../api/reporting.js';
import { h, replace } from '../dom/h.js';
import { formatCount } from '../format/numbers.js';
import { t, tValue } from '../i18n/i18n.js';
import { areaTitle } from '../ui/area_picker.js';
import { errorBox, loadingNote } from '../ui/error_box.js';
import { pageHead } from '../ui/page_head.js';

function issueRow(issue, context) {
  return h('tr', { dataset: { cooperativeId: issue.cooperativeId, kind: issue.kind, position: issue.position } },
    h('td', { class: 'code' }, issue.code || ''),
    h('td', {}, h('a', { href: context.href('coop', issue.cooperativeId), class: 'coop-link', dataset: { cooperativeId: issue.cooperativeId } },
      issue.name || issue.cooperativeId)),
    h('td', { class: 'code' }, issue.address?.code || ''),
    h('td', {}, tValue('issue', issue.kind)),
    h('td', {}, issue.detail || ''),
    h('td', { class: 'num' }, issue.position && issue.position !== '0' ? `#${issue.position}` : ''));
}

export function renderCompliancePage(container, context) {
  const { lang, signal } = context;
  const body = h('div', {}, loadingNote());
  container.append(body);
  Promise.all([
    complianceIssues({ area: context.area, unitSet: context.unitSet, year: context.year }, lang, { signal }),
    areaTitle(context.unitSet, context.scope.path, lang),
  ]).then(([reply, area]) => {
    if (signal.aborted) return;
    const issues = reply.issues || [];
    const cooperatives = new Set(issues.map((issue) => issue.cooperativeId)).size;
    replace(body,
      pageHead(t('compliance.title', { area, year: context.year }), [
        t('compliance.summary', { issues: formatCount(issues.length, lang), cooperatives: formatCount(cooperatives, lang) }),
        t('meta.position', { position: formatCount(reply.position, lang) }),
      ]),
      issues.length === 0 ? h('p', { class: 'muted' }, t('compliance.none')) : h('div', { class: 'table-scroll' },
        h('table', { class: 'issues' },
          h('thead', {}, h('tr', {}, ['code', 'name', 'address', 'kind', 'detail', 'position'].map((column) =>
            h('th', { scope: 'col' }, t(`compliance.column.${column}`))))),
          h('tbody', {}, issues.map((issue) => issueRow(issue, context))))));
  }, (error) => {
    if (!signal.aborted) replace(body, errorBox(error, t('compliance.failed')));
  });
}
