// The application: reads the route from the URL, draws the header (pages, language switch),
// the scope bar and the current page, and draws them again when the URL or the language
// changes. A page is a function render(container, context) that may return a dispose
// function (the live feed stops in it); each drawing gets its own AbortSignal, so replies to
// a page that is gone are dropped.

import { onUnauthenticated } from '../api/json_face.js';
import { h, replace } from '../dom/h.js';
import { endOfDayMicros } from '../format/dates.js';
import { currentLang, onLangChange, setLang, t } from '../i18n/i18n.js';
import { renderCompliancePage } from '../pages/compliance_page.js';
import { renderCooperativePage } from '../pages/cooperative_page.js';
import { renderFeedPage } from '../pages/feed_page.js';
import { renderPlanPage } from '../pages/plan_page.js';
import { renderReportPage } from '../pages/report_page.js';
import { renderStatisticsPage } from '../pages/statistics_page.js';
import { authForm } from '../ui/auth_form.js';
import { errorBox } from '../ui/error_box.js';
import { scopeBar } from '../ui/scope_bar.js';
import { areaOf, buildHash, parseRoute, validYear } from './route.js';

const PAGES = {
  stats: { render: renderStatisticsPage, withYear: true },
  report: { render: renderReportPage, withYear: true },
  plan: { render: renderPlanPage, withYear: true },
  compliance: { render: renderCompliancePage, withYear: true },
  feed: { render: renderFeedPage, withYear: false },
  coop: { render: renderCooperativePage, withYear: false, noScope: true },
};
const NAV = ['stats', 'report', 'plan', 'compliance', 'feed'];

export class App {
  constructor(root) {
    this.root = root;
    this.dispose = null;
    this.controller = null;
    this.authError = null;
  }

  start() {
    document.documentElement.lang = currentLang();
    window.addEventListener('hashchange', () => this.render());
    onLangChange(() => this.render());
    onUnauthenticated((error) => {
      this.authError = error;
      this.drawAuth();
    });
    this.render();
  }

  // The URL of `page` (and `id`) with the current scope changed by `changes`.
  href(page, id, changes) {
    const route = parseRoute(location.hash);
    return buildHash(page, id || '', { ...route.scope, ...(changes || {}) });
  }

  go(page, id, changes) {
    location.hash = this.href(page, id, changes);
  }

  drawAuth() {
    if (!this.authSlot) return;
    replace(this.authSlot, this.authError ? authForm(this.authError, () => {
      this.authError = null;
      this.render();
    }) : null);
  }

  render() {
    if (this.dispose) this.dispose();
    if (this.controller) this.controller.abort();
    this.dispose = null;
    this.controller = new AbortController();
    const route = parseRoute(location.hash);
    const lang = currentLang();
    const page = PAGES[route.page];
    document.title = `${t(`nav.${route.page}`)} · ${t('app.title')}`;

    const onScopeChange = (changes) => this.go(route.page === 'coop' ? 'stats' : route.page, '', changes);
    this.authSlot = h('div', { class: 'auth-slot' });
    const main = h('main', { id: 'page', dataset: { page: route.page } });
    replace(this.root,
      this.header(route, lang),
      page.noScope ? null : scopeBar({ scope: route.scope, lang, withYear: page.withYear, onChange: onScopeChange }),
      this.authSlot,
      main);
    this.drawAuth();

    const year = validYear(route.scope.year);
    if (page.withYear && year === null) {
      main.append(errorBox(new Error(t('error.badYear', { year: route.scope.year }))));
      this.root.dataset.route = location.hash;
      return;
    }
    const knownAtMicros = route.scope.known ? endOfDayMicros(route.scope.known) : null;
    if (route.scope.known && !knownAtMicros) {
      main.append(errorBox(new Error(t('error.badDate', { date: route.scope.known }))));
      this.root.dataset.route = location.hash;
      return;
    }
    const context = {
      route,
      lang,
      scope: route.scope,
      area: areaOf(route.scope),
      unitSet: route.scope.unitSet,
      year,
      knownAtMicros,
      signal: this.controller.signal,
      href: (pageName, id, changes) => this.href(pageName, id, changes),
    };
    const dispose = page.render(main, context);
    if (typeof dispose === 'function') this.dispose = dispose;
    this.root.dataset.route = location.hash;  // drawn for this URL (tests wait for it)
  }

  header(route, lang) {
    const nav = h('nav', { class: 'pages', 'aria-label': t('nav.label') },
      NAV.map((name) => h('a', {
        href: this.href(name, ''),
        class: route.page === name ? 'current' : null,
        'aria-current': route.page === name ? 'page' : null,
        dataset: { nav: name },
      }, t(`nav.${name}`))));
    const langSwitch = h('div', { class: 'lang-switch', role: 'group', 'aria-label': t('lang.label') },
      ['vi', 'en'].map((code) => h('button', {
        type: 'button',
        lang: code,
        class: code === lang ? 'current' : null,
        'aria-pressed': code === lang ? 'true' : 'false',
        dataset: { lang: code },
        onclick: () => setLang(code),
      }, t(`lang.${code}`))));
    return h('header', { class: 'top' },
      h('div', { class: 'brand' },
        h('span', { class: 'brand-name' }, 'coopledger'),
        h('span', { class: 'brand-title' }, t('app.title'))),
      nav,
      langSwitch);
  }
}
