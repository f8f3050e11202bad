// Charts with Chart.js (only the parts used are registered, so the bundle stays small), each in
// a <figure> with its numbers also as a table (in a <details>), cells carrying
// data-statistic, data-year and data-value: readable without the picture, and checkable.

import {
  ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend,
  LinearScale, LineController, LineElement, PointElement, Tooltip,
} from 'chart.js';
import { h } from '../dom/h.js';
import { formatCount } from '../format/numbers.js';
import { t } from '../i18n/i18n.js';

Chart.register(ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Legend,
  LinearScale, LineController, LineElement, PointElement, Tooltip);
Chart.defaults.font.family = 'system-ui, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif';
Chart.defaults.color = '#33404d';
Chart.defaults.animation = false;

export const PALETTE = ['#1f6fb2', '#e07b1a', '#2e9d4f', '#c8333a', '#7d55b5', '#8a5a44', '#d6559f', '#6b7785'];

// One number in a chart's table: "1.036" in the page's language.
function cell(point, lang) {
  return h('td', {
    dataset: { statistic: point.statistic, year: point.year, value: point.value },
  }, formatCount(point.value, lang));
}

// spec: {id, title, type ('bar' | 'line' | 'doughnut'), labels: [x labels], series: [{label,
// type?, axis?, points: [{statistic, year, value}] (one per label)}], axes?: {y1: {title,
// tick(value)}}, note?}. Returns {element, draw, destroy}.
export function chartFigure(spec, lang) {
  const canvas = h('canvas', { role: 'img', 'aria-label': spec.title });
  const table = h('table', { class: 'chart-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), spec.labels.map((label) => h('th', { scope: 'col' }, label)))),
    h('tbody', {}, spec.series.map((series) =>
      h('tr', { dataset: { series: series.label } }, h('th', { scope: 'row' }, series.label),
        series.points.map((point) => cell(point, lang))))));
  const allZero = spec.series.every((series) => series.points.every((point) => !point.value));
  const figure = h('figure', { class: `chart chart-${spec.type}`, dataset: { chart: spec.id } },
    h('figcaption', {}, spec.title),
    h('div', { class: 'chart-box' }, canvas,
      allZero ? h('p', { class: 'chart-empty' }, t('chart.empty')) : null),
    spec.note ? h('p', { class: 'chart-note' }, spec.note) : null,
    h('details', { class: 'chart-data' }, h('summary', {}, t('chart.data')), table));

  const doughnut = spec.type === 'doughnut';
  const datasets = spec.series.map((series, i) => ({
    label: series.label,
    type: series.type,
    data: series.points.map((point) => point.value),
    yAxisID: series.axis && spec.axes?.[series.axis] ? series.axis : 'y',
    backgroundColor: doughnut ? PALETTE : (series.type === 'line' ? PALETTE[i % PALETTE.length] : `${PALETTE[i % PALETTE.length]}cc`),
    borderColor: doughnut ? '#fff' : PALETTE[i % PALETTE.length],
    borderWidth: doughnut ? 1 : 2,
    pointRadius: 2,
    order: series.type === 'line' ? 0 : 1,
  }));
  const scales = doughnut ? {} : {
    x: { grid: { display: false } },
    y: { beginAtZero: true, ticks: { precision: 0, callback: (value) => formatCount(value, lang) } },
  };
  if (!doughnut && spec.axes?.y1) {
    scales.y1 = {
      beginAtZero: true,
      position: 'right',
      grid: { drawOnChartArea: false },
      title: { display: true, text: spec.axes.y1.title },
      ticks: { callback: spec.axes.y1.tick },
    };
  }
  const config = {
    type: spec.type,
    data: { labels: spec.labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales,
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } },
        tooltip: {
          callbacks: {
            label: (item) => `${doughnut ? item.label : item.dataset.label}: ${formatCount(item.raw, lang)}`,
          },
        },
      },
    },
  };
  let chart = null;
  return {
    element: figure,
    // Draws the chart; call once the figure is in the document, so it is drawn at its size.
    draw: () => { chart = chart || new Chart(canvas, config); },
    destroy: () => { if (chart) chart.destroy(); },
  };
}
