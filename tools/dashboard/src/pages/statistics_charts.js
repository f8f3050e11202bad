// The six charts of the statistics page, from GetAnnualStatistics replies (one per year):
// HTX, LHHTX, THT and hội quán over the years; members and charter capital; classes by kind;
// OCOP products by stars; ratings; new and ended per year. Series are named by the server's
// labels or the message table; every point names the statistic and year it shows.

import { formatCount, toNumber } from '../format/numbers.js';
import { t } from '../i18n/i18n.js';
import { chartFigure } from '../ui/charts.js';

const CLASS_KINDS = ['state_management_training', 'propaganda', 'vocational', 'member_manager_training'];
const RATINGS = ['good', 'fair', 'average', 'weak'];

function figures(reply) {
  const map = new Map();
  for (const figure of reply?.figures || []) map.set(figure.name, figure);
  return map;
}

function valueOf(reply, statistic) {
  return toNumber(figures(reply).get(statistic)?.value);
}

function labelOf(reply, statistic) {
  return (figures(reply).get(statistic)?.label || statistic).trim();
}

// A series over the years: one point per year that has a reply.
function yearly(years, replies, statistic, extra) {
  return {
    label: labelOf(replies.get(years[years.length - 1]), statistic),
    points: years.map((year) => ({ statistic, year, value: valueOf(replies.get(year), statistic) })),
    ...(extra || {}),
  };
}

// "29,8" for 29,790,000,000 VND shown in tỷ (10^9).
function billions(value, lang) {
  const tenths = Math.round(toNumber(value) / 1e8);
  const whole = formatCount(Math.trunc(tenths / 10), lang);
  const decimal = Math.abs(tenths % 10);
  return decimal ? `${whole}${lang === 'en' ? '.' : ','}${decimal}` : whole;
}

// replies: Map year → AnnualStatisticsReply for the years shown (the last is the year picked).
export function statisticsCharts({ years, replies, year, lang }) {
  const current = replies.get(year);
  const labels = years.map(String);
  const specs = [
    {
      id: 'organisations',
      title: t('chart.organisations'),
      type: 'line',
      labels,
      series: ['cooperatives', 'unions', 'groups', 'halls'].map((s) => yearly(years, replies, s)),
    },
    {
      id: 'members-capital',
      title: t('chart.membersCapital'),
      type: 'bar',
      labels,
      series: [
        yearly(years, replies, 'members', { type: 'line' }),
        yearly(years, replies, 'group_members', { type: 'line' }),
        yearly(years, replies, 'charter_capital_vnd', { type: 'bar', axis: 'y1' }),
      ],
      // The capital's own axis, in tỷ; none while every year is zero (its ticks would all read 0).
      axes: years.some((y) => valueOf(replies.get(y), 'charter_capital_vnd') > 0)
        ? { y1: { title: t('chart.capitalAxis'), tick: (value) => billions(value, lang) } } : {},
    },
    {
      id: 'classes',
      title: t('chart.classes', { year }),
      type: 'bar',
      labels: CLASS_KINDS.map((kind) => t(`classKind.${kind}`)),
      series: [{
        label: t('chart.classCount'),
        points: CLASS_KINDS.map((kind) => ({
          statistic: `classes.${kind}.count`, year, value: valueOf(current, `classes.${kind}.count`),
        })),
      }],
    },
    {
      id: 'ocop',
      title: t('chart.ocop', { year }),
      type: 'bar',
      labels: [3, 4, 5].map((stars) => t('chart.stars', { stars })),
      series: [
        { label: t('chart.ocopRated'), points: [3, 4, 5].map((stars) => ({ statistic: `ocop.rated.${stars}`, year, value: valueOf(current, `ocop.rated.${stars}`) })) },
        { label: t('chart.ocopValid'), points: [3, 4, 5].map((stars) => ({ statistic: `ocop.valid.${stars}`, year, value: valueOf(current, `ocop.valid.${stars}`) })) },
      ],
    },
    {
      id: 'ratings',
      title: t('chart.ratings', { year }),
      type: 'doughnut',
      labels: [...RATINGS.map((grade) => t(`rating.${grade}`)), t('rating.not_rated')],
      series: [{
        label: t('chart.cooperatives'),
        points: [...RATINGS.map((grade) => `ratings.${grade}`), 'ratings.not_rated'].map((statistic) => ({
          statistic, year, value: valueOf(current, statistic),
        })),
      }],
    },
    {
      id: 'flows',
      title: t('chart.flows'),
      type: 'bar',
      labels,
      series: ['new.cooperatives', 'new.groups', 'ended.cooperatives.dissolved', 'ended.groups.terminated']
        .map((s) => yearly(years, replies, s)),
    },
  ];
  return specs.map((spec) => chartFigure(spec, lang));
}
