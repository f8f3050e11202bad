// A stream id shown as a link to its page where the dashboard has one (a cooperative's
// "coop-<id>" stream), as plain text otherwise.

import { h } from '../dom/h.js';

export function cooperativeIdOf(streamId) {
  return /^coop-(.+)$/.exec(streamId || '')?.[1] || '';
}

export function streamLink(streamId, context) {
  const cooperativeId = cooperativeIdOf(streamId);
  if (!cooperativeId) return h('span', { class: 'stream' }, streamId || '');
  return h('a', { class: 'stream', href: context.href('coop', cooperativeId), dataset: { cooperativeId } }, streamId);
}
