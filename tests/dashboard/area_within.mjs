// Which event areas the live feed of a 2025-07 commune must show, by the rule the feed filters
// with (domain/areas/area_scope.h, the recorder-scope rule): the commune itself, the 2025-03
// communes that went into it (wholly or in part), and the 2025-03 districts of those communes.
// Read from data/reference (the unit lists and the successor table).

import { readFileSync } from 'node:fs';
import path from 'node:path';

function rows(file) {
  const [header, ...lines] = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const names = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((name, i) => [name, cells[i]]));
  });
}

// area → whether it lies within the 2025-07 commune `code`.
export function withinCommune2025_07(sourceDir, code) {
  const reference = path.join(sourceDir, 'data', 'reference');
  const oldCommunes = new Set(rows(path.join(reference, 'vn_units_2025-07_successors.csv'))
    .filter((row) => row.new_code === code && row.old_level === 'commune')
    .map((row) => row.old_code));
  const oldDistricts = new Set(rows(path.join(reference, 'vn_units_2025-03.csv'))
    .filter((row) => oldCommunes.has(row.code))
    .map((row) => row.parent_code));
  return (area) => {
    if (!area || !area.code) return false;
    const set = area.unit_set ?? area.unitSet;
    if (set === '2025-07') return area.code === code;
    if (set === '2025-03') return oldCommunes.has(area.code) || oldDistricts.has(area.code);
    return false;
  };
}
