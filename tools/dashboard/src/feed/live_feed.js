// The live feed of recorded events, from coopd's `GET /feed` (server-sent events), read with
// fetch() and a ReadableStream because EventSource cannot send `Authorization`. It keeps the
// last id received, reconnects with backoff sending `Last-Event-ID`, and hands every event on
// exactly once: a `recorded` id at or below the last one seen is ignored, so a resume after a
// disconnect neither drops nor repeats one. One instance per subscription; stop() ends it.

import { ApiError } from '../api/api_error.js';
import { reportUnauthenticated } from '../api/json_face.js';
import { authorizationHeaders } from '../api/token_store.js';
import { SseParser } from './sse_parser.js';

export const FeedState = Object.freeze({
  CONNECTING: 'connecting',        // asking, nothing received yet
  CATCHING_UP: 'catching-up',      // connected, sending what was recorded before
  LIVE: 'live',                    // caught up: what follows is recorded now
  RETRYING: 'retrying',            // disconnected, trying again after a pause
  UNAUTHENTICATED: 'unauthenticated',  // 401: waiting for a token
  STOPPED: 'stopped',
});

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 8000;
const SILENCE_LIMIT_MS = 45000;  // three keep-alives missed: the connection is dead

export class LiveFeed {
  // area: a code ('' = every event) of unitSet; from: the first position wanted on the first
  // connection (0: from now on). onEvent(event) for each `recorded` event's data (position a
  // Number); onState({state, lastId, caughtUp, caughtUpAt, retryInMs, attempt, error}) on every
  // change.
  constructor({ area, unitSet, lang, from, onEvent, onState }) {
    this.area = area || '';
    this.unitSet = unitSet || '';
    this.lang = lang || 'vi';
    this.from = from || 0;
    this.onEvent = onEvent || (() => {});
    this.onState = onState || (() => {});
    this.lastId = 0;
    this.caughtUpAt = 0;
    this.caughtUp = false;  // a caught-up message came (at position 0 on an empty log)
    this.attempt = 0;
    this.baseDelay = FIRST_DELAY_MS;
    this.stopped = false;
    this.controller = null;
    this.wake = null;
    this.parser = new SseParser({
      onMessage: (message) => this.handle(message),
      onRetry: (ms) => { this.baseDelay = Math.min(Math.max(ms, 100), MAX_DELAY_MS); },
    });
  }

  start() {
    this.run();
    return this;
  }

  stop() {
    this.stopped = true;
    if (this.controller) this.controller.abort();
    if (this.wake) this.wake();
    this.report({ state: FeedState.STOPPED });
  }

  url() {
    const params = new URLSearchParams();
    if (this.area) {
      params.set('area', this.area);
      params.set('unitSet', this.unitSet);
    }
    params.set('lang', this.lang);
    if (this.lastId === 0 && this.from > 0) params.set('from', String(this.from));
    return `/feed?${params}`;
  }

  report(fields) {
    this.state = fields.state;
    this.onState({
      lastId: this.lastId, caughtUp: this.caughtUp, caughtUpAt: this.caughtUpAt, attempt: this.attempt, ...fields,
    });
  }

  async run() {
    while (!this.stopped) {
      let error = null;
      this.receivedThisTime = false;
      try {
        await this.connectOnce();
      } catch (cause) {
        error = cause;
      }
      if (this.stopped) return;
      if (error instanceof ApiError && error.unauthenticated) {
        reportUnauthenticated(error);
        this.report({ state: FeedState.UNAUTHENTICATED, error });
        return;
      }
      if (this.receivedThisTime) this.attempt = 0;
      const delay = Math.min(this.baseDelay * 2 ** this.attempt, MAX_DELAY_MS);
      this.attempt += 1;
      this.report({ state: FeedState.RETRYING, retryInMs: delay, error });
      await this.sleep(delay);
    }
  }

  async connectOnce() {
    const controller = new AbortController();
    this.controller = controller;
    this.parser.reset();
    this.report({ state: this.lastId ? FeedState.RETRYING : FeedState.CONNECTING, connecting: true });
    const headers = { Accept: 'text/event-stream', ...authorizationHeaders() };
    if (this.lastId > 0) headers['Last-Event-ID'] = String(this.lastId);
    let response;
    try {
      response = await fetch(this.url(), { headers, cache: 'no-store', signal: controller.signal });
    } catch (cause) {
      if (cause?.name === 'AbortError' && this.stopped) return;
      throw ApiError.unreachable(cause);
    }
    if (!response.ok) throw ApiError.fromReply(response.status, await response.text());
    this.report({ state: FeedState.CATCHING_UP });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let watchdog = setTimeout(() => controller.abort(), SILENCE_LIMIT_MS);
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        clearTimeout(watchdog);
        watchdog = setTimeout(() => controller.abort(), SILENCE_LIMIT_MS);
        this.parser.push(decoder.decode(value, { stream: true }));
      }
    } catch (cause) {
      if (this.stopped) return;
      throw ApiError.unreachable(cause);
    } finally {
      clearTimeout(watchdog);
    }
  }

  handle(message) {
    if (this.stopped) return;
    this.receivedThisTime = true;
    const id = message.id !== null && /^\d+$/.test(message.id) ? Number(message.id) : 0;
    if (message.event === 'recorded') {
      if (id <= this.lastId) return;  // already handed on: a resume overlapped
      let event;
      try {
        event = JSON.parse(message.data);
      } catch (_) {
        return;
      }
      this.lastId = id;
      this.onEvent({ ...event, position: id });
      return;
    }
    if (id > this.lastId) this.lastId = id;
    if (message.event === 'caught-up') {
      this.caughtUpAt = Math.max(this.caughtUpAt, id);
      this.caughtUp = true;
      this.report({ state: FeedState.LIVE });
    } else if (message.event === 'checkpoint' && this.state !== FeedState.LIVE) {
      this.report({ state: this.state });
    }
  }

  sleep(ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.wake = null; resolve(); }, ms);
      this.wake = () => { clearTimeout(timer); this.wake = null; resolve(); };
    });
  }
}
