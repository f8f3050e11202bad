// The plan page: the area's targets for the year beside what was achieved
// (Reporting.GetPlanProgress), each as a progress bar. A per-commune target is the value times
// the area's communes, as the server computes it. Plans are set for an area and a year (the
// demo's for the province): an area without one says so.

import { ApiError } from '../api/api_error.js';
import { planProgress } from '../api/reporting.js';
import { h, replace } from '../dom/h.js';
import { formatCount, toNumber } from '../format/numbers.js';
import { t } from '../i18n/i18n.js';
import { areaTitle } from '../ui/area_picker.js';
import { errorBox, loadingNote } from '../ui/error_box.js';
import { pageHead } from '../ui/page_head.js';

function progressRow(target, lang) {
  const goal = toNumber(target.target);
  const actual = toNumber(target.actual);
  const share = goal > 0 ? Math.min(actual / goal, 1) : (actual > 0 ? 1 : 0);
  const bar = h('div', { class: 'bar-fill' });
  bar.style.width = `${Math.round(share * 100)}%`;  // CSSOM: allowed by the page's CSP
  const comparison = target.comparison === 'EQUAL' ? '=' : '≥';
  return h('li', {
    class: `target-row ${target.met ? 'met' : 'not-met'}`,
    dataset: { indicator: target.indicator, target: target.target, actual: target.actual, met: target.met ? 'true' : 'false', statistic: target.statistic },
  },
  h('div', { class: 'target-label' }, target.label || target.indicator,
    target.perCommune ? h('span', { class: 'muted' }, ` ${t('plan.perCommune')}`) : null),
  h('div', { class: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': goal, 'aria-valuenow': actual,
    'aria-label': target.label || target.indicator }, bar),
  h('div', { class: 'target-figures' },
    h('span', { class: 'actual' }, formatCount(actual, lang)),
    h('span', { class: 'muted' }, ` / ${comparison} ${formatCount(goal, lang)}`),
    h('span', { class: `badge ${target.met ? 'ok' : 'warn'}` }, target.met ? t('plan.met') : t('plan.notMet'))));
}

export function renderPlanPage(container, context) {
  const { lang, signal } = context;
  const body = h('div', {}, loadingNote());
  container.append(body);
  Promise.all([
    planProgress({ area: context.area, unitSet: context.unitSet, year: context.year }, lang, { signal }),
    areaTitle(context.unitSet, context.scope.path, lang),
  ]).then(([reply, area]) => {
    if (signal.aborted) return;
    const targets = reply.targets || [];
    const met = targets.filter((target) => target.met).length;
    const facts = [
      reply.decision ? t('plan.decision', { decision: reply.decision }) : '',
      t('meta.position', { position: formatCount(reply.position, lang) }),
      targets.length ? t('plan.summary', { met, total: targets.length }) : '',
    ];
    replace(body,
      pageHead(t('plan.title', { area, year: context.year }), facts),
      targets.length ? h('ul', { class: 'plan-targets' }, targets.map((target) => progressRow(target, lang)))
        : h('p', { class: 'muted' }, t('plan.none', { year: context.year })));
  }, (error) => {
    if (signal.aborted) return;
    if (error instanceof ApiError && error.code === 'NOT_FOUND') {
      // No plan recorded for the area and year: not a failure, just nothing to compare.
      areaTitle(context.unitSet, context.scope.path, lang).then((area) => {
        if (!signal.aborted) {
          replace(body, pageHead(t('plan.title', { area, year: context.year }), []),
            h('p', { class: 'muted', dataset: { httpStatus: error.httpStatus } }, t('plan.none', { year: context.year })),
            h('p', { class: 'muted' }, error.serverMessage));
        }
      });
      return;
    }
    replace(body, errorBox(error, t('plan.failed')));
  });
}
