// The reads the dashboard makes, one function per method of coop.v1.Reporting (and
// EventStore.GetLogInfo), with requests built in protobuf's JSON mapping. Replies are returned
// as the server sent them.

import { callMethod } from './json_face.js';

// A StatisticsScope: the area (code '' = the nation) in its unit set, the year, and the
// knowledge cut-off ("as known at", microseconds as a decimal string) when one is picked.
export function statisticsScope({ area, unitSet, year, knownAtMicros, inUnits }) {
  const scope = { area: { code: area || '', unitSet: unitSet || '' }, year };
  if (knownAtMicros) scope.asKnownAtMicros = knownAtMicros;
  if (inUnits) scope.inUnits = inUnits;
  return scope;
}

export function listAreas({ unitSet, parent, lang }) {
  return callMethod('Reporting', 'ListAreas', { unitSet, parent: parent || '', lang });
}

export function annualStatistics(scope, lang, options) {
  return callMethod('Reporting', 'GetAnnualStatistics', { scope, lang }, options);
}

export function annualReport(scope, lang, options) {
  return callMethod('Reporting', 'GetAnnualReport', { scope, lang }, options);
}

export function explainStatistic(scope, statistic, lang, options) {
  return callMethod('Reporting', 'ExplainStatistic', { scope, statistic, lang, limit: 200 }, options);
}

export function planProgress({ area, unitSet, year }, lang, options) {
  return callMethod('Reporting', 'GetPlanProgress',
    { area: { code: area || '', unitSet: unitSet || '' }, year, lang }, options);
}

export function complianceIssues({ area, unitSet, year }, lang, options) {
  return callMethod('Reporting', 'ListComplianceIssues',
    { area: { code: area || '', unitSet: unitSet || '' }, year, lang }, options);
}

// A cooperative's view; with minPosition, once the registry has applied that log position.
export function getCooperative(cooperativeId, options, minPosition = 0) {
  const request = { cooperativeId };
  if (minPosition > 0) request.minPosition = String(minPosition);
  return callMethod('Reporting', 'GetCooperative', request, options);
}

// Every line of a stream's history, page after page (at most 20 pages of 1000 lines).
export async function fullHistory(streamId, lang, options) {
  const lines = [];
  let withdrawn = '';
  let fromVersion = 0;
  for (let page = 0; page < 20; page++) {
    const reply = await callMethod('Reporting', 'GetHistory',
      { streamId, fromVersion: String(fromVersion), maxCount: 1000, lang }, options);
    lines.push(...(reply.lines || []));
    withdrawn = withdrawn || reply.withdrawn || '';
    fromVersion = Number(reply.nextFromVersion || 0);
    if (!fromVersion) break;
  }
  return { lines, withdrawn };
}

export function logInfo(options) {
  return callMethod('EventStore', 'GetLogInfo', {}, options);
}

// One unit's entry (its name as a title, its level), from ListAreas with the unit as parent.
export async function areaEntry({ code, unitSet, lang }, options) {
  const reply = await callMethod('Reporting', 'ListAreas', { unitSet, parent: code, lang }, options);
  return reply.parent || null;
}
