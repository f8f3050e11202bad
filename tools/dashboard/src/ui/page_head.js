// The heading of a report page: its title, then small facts about the figures (the period,
// the log position they reflect, precomputed or replayed, the knowledge cut-off), and the
// page's actions (buttons) on the right.

import { h } from '../dom/h.js';
import { formatDay } from '../format/dates.js';
import { formatCount } from '../format/numbers.js';
import { t, tValue } from '../i18n/i18n.js';

export function pageHead(title, facts, actions) {
  return h('div', { class: 'page-head' },
    h('div', {},
      h('h1', {}, title),
      facts && facts.length ? h('p', { class: 'facts' }, facts.filter(Boolean).join(' · ')) : null),
    actions && actions.length ? h('div', { class: 'actions' }, actions) : null);
}

// The facts of a reply that has period_from/to, position and source, with the cut-off picked.
export function figureFacts(reply, context) {
  return [
    reply.periodFrom ? t('meta.period', { from: formatDay(reply.periodFrom, context.lang), to: formatDay(reply.periodTo, context.lang) }) : '',
    reply.position !== undefined ? t('meta.position', { position: formatCount(reply.position, context.lang) }) : '',
    reply.source ? tValue('meta.source', reply.source) : '',
    context.scope.known ? t('meta.knownAt', { date: formatDay(context.scope.known, context.lang) }) : '',
  ];
}
