// The annual report page: the year's paragraph and next year's targets as the server writes
// them (Reporting.GetAnnualReport, segment by segment). Every number that is a statistic links
// to the events behind it (Reporting.ExplainStatistic), listed beside the text.

import { annualReport, explainStatistic, statisticsScope } from '../api/reporting.js';
import { h, replace } from '../dom/h.js';
import { formatDay } from '../format/dates.js';
import { formatCount, toNumber } from '../format/numbers.js';
import { t } from '../i18n/i18n.js';
import { errorBox, loadingNote } from '../ui/error_box.js';
import { figureFacts, pageHead } from '../ui/page_head.js';
import { streamLink } from '../ui/stream_link.js';

function paragraph(name, reply, onExplain) {
  const element = h('p', { class: 'paragraph', dataset: { paragraph: name } });
  for (const segment of reply?.segments || []) {
    if (segment.statistic) {
      element.append(h('a', {
        href: '#', class: 'stat-link', dataset: { statistic: segment.statistic, value: segment.value ?? '0' },
        title: t('report.explainHint'),
        onclick: (event) => {
          event.preventDefault();
          onExplain(segment.statistic, event.currentTarget);
        },
      }, segment.text));
    } else if (toNumber(segment.value) !== 0) {
      element.append(h('strong', { class: 'target', dataset: { value: segment.value } }, segment.text));
    } else {
      element.append(segment.text || '');
    }
  }
  return element;
}

function explanation(reply, context) {
  const figure = reply.figure || {};
  const events = reply.events || [];
  return [
    h('h2', {}, t('explain.title', { label: (figure.label || figure.name || '').trim(), value: formatCount(figure.value, context.lang) })),
    events.length === 0 ? h('p', { class: 'muted' }, t('explain.none')) : h('ol', { class: 'explain-list' },
      events.map((event) => h('li', { dataset: { position: event.position, contribution: event.contribution } },
        h('div', { class: 'explain-meta' },
          h('span', { class: 'position' }, `#${event.position}`),
          h('span', { class: 'date' }, formatDay(event.occurredOn, context.lang)),
          h('span', { class: 'contribution' }, toNumber(event.contribution) > 0 ? `+${formatCount(event.contribution, context.lang)}` : formatCount(event.contribution, context.lang))),
        h('div', { class: 'line' }, event.line || ''),
        streamLink(event.streamId, context)))),
    reply.truncated ? h('p', { class: 'muted' }, t('explain.truncated', { count: events.length })) : null,
  ];
}

export function renderReportPage(container, context) {
  const { lang, signal } = context;
  const scope = statisticsScope({ area: context.area, unitSet: context.unitSet, year: context.year, knownAtMicros: context.knownAtMicros });
  const body = h('div', { class: 'report-layout' });
  const text = h('section', { class: 'report-text' }, loadingNote());
  const aside = h('aside', { class: 'explain', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('explain.hint')));
  body.append(text, aside);
  container.append(body);

  let explainController = null;
  const onExplain = (statistic, link) => {
    if (explainController) explainController.abort();
    explainController = new AbortController();
    const { signal: explainSignal } = explainController;
    for (const other of text.querySelectorAll('.stat-link.active')) other.classList.remove('active');
    link.classList.add('active');
    replace(aside, loadingNote());
    aside.dataset.statistic = statistic;
    explainStatistic(scope, statistic, lang, { signal: explainSignal }).then((reply) => {
      if (!explainSignal.aborted && !signal.aborted) replace(aside, ...explanation(reply, context));
    }, (error) => {
      if (!explainSignal.aborted && !signal.aborted) replace(aside, errorBox(error));
    });
  };

  annualReport(scope, lang, { signal }).then((reply) => {
    if (signal.aborted) return;
    const targets = reply.targetsParagraph?.segments?.length
      ? paragraph('targets', reply.targetsParagraph, onExplain)
      : h('p', { class: 'muted', dataset: { paragraph: 'targets' } }, t('report.noTargets', { year: context.year + 1 }));
    container.prepend(pageHead(t('report.title', { area: reply.areaName || '', year: reply.year }), figureFacts(reply, context)));
    replace(text,
      h('h2', {}, t('report.yearHeading', { year: reply.year })),
      paragraph('year', reply.yearParagraph, onExplain),
      h('h2', {}, t('report.targetsHeading', { year: context.year + 1 })),
      targets);
  }, (error) => {
    if (!signal.aborted) replace(text, errorBox(error, t('report.failed')));
  });

  return () => {
    if (explainController) explainController.abort();
  };
}
