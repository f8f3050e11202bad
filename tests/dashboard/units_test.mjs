// The dashboard's pure modules, without a browser (node's test runner, Node 18 or later):
// the message table, number and date formatting, the SSE parser, CSV, CRC-32 and the xlsx
// writer (its output opened by openpyxl, as a spreadsheet program would).
//
//   node tests/dashboard/units_test.mjs [python3]

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import test from 'node:test';

import { toCsv } from '../../tools/dashboard/src/export/csv.js';
import { crc32 } from '../../tools/dashboard/src/export/crc32.js';
import { columnName, sheetName, xlsxWorkbook } from '../../tools/dashboard/src/export/xlsx.js';
import { endOfDayMicros, formatDay } from '../../tools/dashboard/src/format/dates.js';
import { formatCount, formatPercent } from '../../tools/dashboard/src/format/numbers.js';
import { SseParser } from '../../tools/dashboard/src/feed/sse_parser.js';
import { MESSAGES } from '../../tools/dashboard/src/i18n/messages.js';

const PYTHON = process.argv[2] || '/usr/bin/python3';

test('every message has both languages, with the same placeholders', () => {
  const vi = Object.keys(MESSAGES.vi).sort();
  const en = Object.keys(MESSAGES.en).sort();
  assert.deepEqual(vi, en);
  const placeholders = (text) => (text.match(/\{\w+\}/g) || []).sort().join(',');
  for (const key of vi) {
    assert.ok(MESSAGES.vi[key].trim(), `vi ${key} is empty`);
    assert.ok(MESSAGES.en[key].trim(), `en ${key} is empty`);
    assert.equal(placeholders(MESSAGES.vi[key]), placeholders(MESSAGES.en[key]), key);
  }
});

test('counts and percentages as docs/numbers.md writes them', () => {
  assert.equal(formatCount('1036', 'vi'), '1.036');           // N1
  assert.equal(formatCount('1036', 'en'), '1,036');
  assert.equal(formatCount(1234567, 'vi'), '1.234.567');      // N2
  assert.equal(formatCount('-1036', 'vi'), '-1.036');         // N3
  assert.equal(formatCount('29790000000', 'en'), '29,790,000,000');
  assert.equal(formatCount(undefined, 'vi'), '0');
  assert.equal(formatPercent(12.5, 'vi'), '12,5%');           // P1
  assert.equal(formatPercent(12.5, 'en'), '12.5%');
  assert.equal(formatPercent(33.3333, 'vi'), '33,3%');        // P2
  assert.equal(formatPercent(100, 'vi'), '100%');             // P3
  assert.equal(formatPercent(0, 'en'), '0%');
});

test('days as docs/numbers.md writes them, and the end of a day in microseconds', () => {
  assert.equal(formatDay('2022-12-15', 'vi'), '15/12/2022');        // D1
  assert.equal(formatDay('2022-12-15', 'en'), '15 December 2022');
  assert.equal(formatDay('2025-07-01', 'vi'), '01/07/2025');        // D2
  assert.equal(formatDay('2025-07-01', 'en'), '1 July 2025');
  assert.equal(formatDay('', 'vi'), '');
  const micros = BigInt(endOfDayMicros('2026-01-02'));
  const end = new Date(2026, 0, 2, 23, 59, 59, 999).getTime();
  assert.equal(micros, BigInt(end) * 1000n + 999n);
  assert.equal(endOfDayMicros('2026-1-2'), null);
});

test('the SSE parser takes chunks cut anywhere', () => {
  const stream = ': keep-alive\r\n\r\nevent: recorded\r\nid: 41\r\ndata: {"a":1,\r\ndata: "b":2}\r\n\r\n' +
    'retry: 1500\nevent: caught-up\nid: 42\ndata: {"position":"42"}\n\nid: 43\rdata:x\r\r';
  const expected = [
    { event: 'recorded', id: '41', data: '{"a":1,\n"b":2}' },
    { event: 'caught-up', id: '42', data: '{"position":"42"}' },
    { event: 'message', id: '43', data: 'x' },
  ];
  for (const size of [1, 2, 3, 5, 7, 1000]) {
    const got = [];
    const retries = [];
    const parser = new SseParser({ onMessage: (m) => got.push(m), onRetry: (ms) => retries.push(ms) });
    for (let i = 0; i < stream.length; i += size) parser.push(stream.slice(i, i + size));
    assert.deepEqual(got, expected, `chunks of ${size}`);
    assert.deepEqual(retries, [1500]);
  }
});

test('CSV quotes what needs it and defuses formulas', () => {
  assert.equal(toCsv([['a', 'b,c', 'say "hi"', 12, null], ['=1+1', '-x', '@y', 'line\nbreak', -3]]),
    'a,"b,c","say ""hi""",12,\r\n\'=1+1,\'-x,\'@y,"line\nbreak",-3\r\n');
});

test('CRC-32 of the check string', () => {
  assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
  assert.equal(crc32(new Uint8Array()), 0);
});

test('column names and sheet names', () => {
  assert.equal(columnName(0), 'A');
  assert.equal(columnName(25), 'Z');
  assert.equal(columnName(26), 'AA');
  assert.equal(columnName(701), 'ZZ');
  assert.equal(columnName(702), 'AAA');
  assert.equal(sheetName('a/b:c*[d]?'), 'a b c  d');
  assert.equal(sheetName('x'.repeat(40)).length, 31);
});

test('the xlsx opens in openpyxl with its texts and numbers', () => {
  const bytes = xlsxWorkbook({
    sheetName: '2024',
    rows: [
      [{ text: 'Thống kê năm 2024: Huyện U Minh', bold: true }],
      [],
      ['mã', 'chỉ tiêu', 'giá trị'],
      ['cooperatives', '<img src=x onerror=alert(1)> & "quotes"', { number: 16, format: 'count' }],
      ['ratings.good_or_fair_share', 'Tỷ lệ', { number: 0.357, format: 'percent' }],
      ['control', 'a\u0001b', { number: 29790000000, format: 'count' }],
    ],
    columnWidths: [30, 50, 16],
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'dashboard-xlsx-'));
  try {
    const file = path.join(dir, 'test.xlsx');
    writeFileSync(file, bytes);
    const script = [
      'import json, sys, zipfile',
      'z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None',
      'import openpyxl',
      'wb = openpyxl.load_workbook(sys.argv[1])',
      'ws = wb.active',
      'print(json.dumps({"title": ws.title, "rows": [[c.value for c in r] for r in ws.iter_rows()],',
      '  "formats": [ws["C4"].number_format, ws["C5"].number_format], "bold": ws["A1"].font.b}))',
    ].join('\n');
    const out = JSON.parse(execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8' }));
    assert.equal(out.title, '2024');
    assert.deepEqual(out.rows[0][0], 'Thống kê năm 2024: Huyện U Minh');
    assert.deepEqual(out.rows[3], ['cooperatives', '<img src=x onerror=alert(1)> & "quotes"', 16]);
    assert.deepEqual(out.rows[4], ['ratings.good_or_fair_share', 'Tỷ lệ', 0.357]);
    assert.deepEqual(out.rows[5], ['control', 'ab', 29790000000]);
    assert.deepEqual(out.formats, ['#,##0', '0.0%']);
    assert.equal(out.bold, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
