// The live feed page: events as they are recorded, filtered by the area picked (every event
// for the nation), newest first. It starts about 100 log positions back (the head from
// EventStore.GetLogInfo), shows whether it is connected and when it has caught up, and
// resumes after a disconnect where it left off (feed/live_feed.js).

import { logInfo } from '../api/reporting.js';
import { h, replace } from '../dom/h.js';
import { formatDay, formatMicros } from '../format/dates.js';
import { formatCount, toNumber } from '../format/numbers.js';
import { t } from '../i18n/i18n.js';
import { FeedState, LiveFeed } from '../feed/live_feed.js';
import { areaTitle } from '../ui/area_picker.js';
import { errorBox, loadingNote } from '../ui/error_box.js';
import { pageHead } from '../ui/page_head.js';
import { streamLink } from '../ui/stream_link.js';

const BACKLOG = 100;     // positions shown from before the page opened
const MAX_SHOWN = 1000;  // older items leave the list

function feedItem(event, context, fresh) {
  const title = event.title || event.type || '';
  const text = event.sentence || '';
  const sentence = title && text.startsWith(title)
    ? h('p', { class: 'sentence' }, h('strong', { class: 'title' }, title), text.slice(title.length))
    : h('p', { class: 'sentence' }, h('strong', { class: 'title' }, title), text ? `: ${text}` : '');
  return h('li', { class: fresh ? 'feed-item fresh' : 'feed-item', dataset: { position: event.position, stream: event.streamId, type: event.type } },
    h('div', { class: 'when' },
      h('span', { class: 'position' }, `#${event.position}`),
      h('span', { class: 'date' }, formatDay(event.occurredOn, context.lang)),
      h('span', { class: 'muted' }, formatMicros(event.recordedAtMicros, context.lang))),
    h('div', { class: 'what' },
      sentence,
      h('p', { class: 'muted' },
        event.area?.code ? `${t('feed.area')} ${event.area.code} (${event.area.unitSet}) · ` : '',
        streamLink(event.streamId, context))));
}

function stateText(report) {
  switch (report.state) {
    case FeedState.CONNECTING: return t('feed.state.connecting');
    case FeedState.CATCHING_UP: return t('feed.state.catchingUp');
    case FeedState.LIVE: return t('feed.state.live');
    case FeedState.RETRYING:
      return report.retryInMs ? t('feed.state.retrying', { seconds: (report.retryInMs / 1000).toFixed(1) }) : t('feed.state.reconnecting');
    case FeedState.UNAUTHENTICATED: return t('feed.state.unauthenticated');
    default: return t('feed.state.stopped');
  }
}

export function renderFeedPage(container, context) {
  const { lang, signal } = context;
  const body = h('div', {}, loadingNote());
  container.append(body);
  const connection = h('span', { class: 'feed-connection', dataset: { feedState: FeedState.CONNECTING } }, t('feed.state.connecting'));
  const caughtUp = h('span', { class: 'feed-caught-up', dataset: { caughtUp: '0' } }, t('feed.notCaughtUp'));
  const counter = h('span', { class: 'muted feed-count' }, t('feed.count', { count: 0 }));
  const problem = h('div', { class: 'feed-problem' });
  const list = h('ol', { class: 'feed-list', reversed: true, 'aria-live': 'polite' });
  let feed = null;
  let received = 0;

  Promise.all([logInfo({ signal }), areaTitle(context.unitSet, context.scope.path, lang)]).then(([info, area]) => {
    if (signal.aborted) return;
    const head = toNumber(info.headPosition);
    const from = Math.max(1, head - BACKLOG + 1);
    list.dataset.from = String(from);
    replace(body,
      pageHead(t('feed.title', { area }), [t('feed.from', { from: formatCount(from, lang), head: formatCount(head, lang) })]),
      h('div', { class: 'feed-status', role: 'status' }, connection, caughtUp, counter),
      problem,
      list);
    feed = new LiveFeed({
      area: context.area,
      unitSet: context.unitSet,
      lang,
      from,
      onEvent: (event) => {
        received += 1;
        list.prepend(feedItem(event, context, feed?.state === FeedState.LIVE));
        while (list.childElementCount > MAX_SHOWN) list.lastElementChild.remove();
        counter.textContent = t('feed.count', { count: formatCount(received, lang) });
        counter.dataset.count = String(received);
      },
      onState: (report) => {
        connection.dataset.feedState = report.state;
        connection.textContent = stateText(report);
        if (report.caughtUp) {
          caughtUp.dataset.caughtUp = String(report.caughtUpAt);
          caughtUp.textContent = t('feed.caughtUp', { position: formatCount(report.caughtUpAt, lang) });
        }
        caughtUp.classList.toggle('live', report.state === FeedState.LIVE);
        replace(problem, report.state === FeedState.RETRYING && report.error ? errorBox(report.error) : null);
      },
    }).start();
  }, (error) => {
    if (!signal.aborted) replace(body, errorBox(error, t('feed.failed')));
  });

  return () => {
    if (feed) feed.stop();
  };
}
