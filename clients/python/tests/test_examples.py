"""The examples, run as a person would against coopd with its demo history (Cà Mau province),
and the reporting calls they stand on: statistics, the annual report, explanations."""
import csv
import os
import subprocess
import sys
import tempfile
import unittest

import coopledger
from coopd_server import CoopdServer, wait_for_projections
from test_commands import registration

EXAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                        "examples")
DISTRICT, UNIT_SET = "966", "2025-03"  # Huyện U Minh, in the demo history
YEARS = range(2020, 2025)


def run_example(name, *args, timeout=60):
    return subprocess.run([sys.executable, os.path.join(EXAMPLES, name)] + list(args),
                          capture_output=True, text=True, timeout=timeout)


class ExamplesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory(prefix="coop-pyclient-")
        cls.server = CoopdServer(cls.folder.name, ["--demo"])
        cls.server.start(timeout=180)
        cls.client = coopledger.Client(cls.server.address, actor="officer-1", agency="u-minh",
                                       token_env=None)
        wait_for_projections(cls.client)
        cls.communes = [a.area for a in cls.client.list_areas(DISTRICT,
                                                              unit_set=UNIT_SET).areas]

    @classmethod
    def tearDownClass(cls):
        cls.client.close()
        cls.server.stop()
        cls.folder.cleanup()

    def test_both_examples_explain_themselves(self):
        for name in ("tail_district.py", "district_statistics_csv.py"):
            result = run_example(name, "--help")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("--district", result.stdout)
            self.assertIn(" / ", result.stdout)  # Vietnamese / English

    def test_tail_district_prints_the_districts_history(self):
        result = run_example("tail_district.py", "--server", self.server.address, "--district",
                             DISTRICT, "--from", "1", "--count", "5")
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertTrue(lines[0].startswith("# Huyện U Minh: "), lines)
        self.assertTrue(lines[1].startswith("vị trí/position"), lines)
        expected = list(self.client.read_all(
            event_filter=coopledger.event_filter(areas=self.communes), limit=5))
        self.assertEqual(len(expected), 5)
        self.assertEqual([int(line.split()[0]) for line in lines[2:]],
                         [e.position for e in expected])
        self.assertIn(expected[0].type, lines[2])

    def test_tail_district_follows_what_is_recorded_next(self):
        start = self.client.log_info().head_position + 1
        tail = subprocess.Popen(
            [sys.executable, os.path.join(EXAMPLES, "tail_district.py"), "--server",
             self.server.address, "--district", DISTRICT, "--from", str(start), "--count", "1"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.addCleanup(lambda: tail.poll() is None and tail.kill())
        reply = self.client.run(registration("2009999301"))  # xã Khánh An, huyện U Minh
        out, err = tail.communicate(timeout=60)
        self.assertEqual(tail.returncode, 0, err)
        [line] = [text for text in out.splitlines() if text.split()[0].isdigit()]
        self.assertEqual(int(line.split()[0]), reply.position)
        self.assertIn("coop.v1.CooperativeRegistered", line)
        self.assertIn(reply.stream_id, line)

    def test_district_statistics_csv_writes_every_year(self):
        path = os.path.join(self.folder.name, "u-minh.csv")
        result = run_example("district_statistics_csv.py", "--server", self.server.address,
                             "--district", DISTRICT, "--years", f"{YEARS[0]}-{YEARS[-1]}",
                             "--output", path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Huyện U Minh", result.stderr)
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        self.assertEqual(rows[0], ["chỉ tiêu / statistic", "tên / label"] +
                         [str(y) for y in YEARS])
        by_name = {row[0]: row for row in rows[1:]}
        for year in YEARS:
            stats = self.client.annual_statistics(DISTRICT, year, unit_set=UNIT_SET)
            for figure in stats.figures:
                expected = f"{figure.percent:.2f}" if figure.is_percent else str(figure.value)
                self.assertEqual(by_name[figure.name][2 + year - YEARS[0]], expected,
                                 (figure.name, year))
        self.assertGreater(int(by_name["cooperatives"][-1]), 0)

        # To standard output, in English.
        result = run_example("district_statistics_csv.py", "--server", self.server.address,
                             "--district", DISTRICT, "--years", "2024-2024", "--lang", "en")
        self.assertEqual(result.returncode, 0, result.stderr)
        rows = list(csv.reader(result.stdout.splitlines()))
        self.assertEqual(rows[0][-1], "2024")
        english = self.client.annual_statistics(DISTRICT, 2024, unit_set=UNIT_SET, lang="en")
        self.assertEqual(rows[1][1], english.figures[0].label)

    def test_a_bad_district_is_reported_in_both_languages(self):
        result = run_example("district_statistics_csv.py", "--server", self.server.address,
                             "--district", "99999", "--years", "2024-2024")
        self.assertEqual(result.returncode, 1)
        self.assertIn("lỗi / error: ", result.stderr)

    def test_statistics_the_annual_report_and_an_explanation_agree(self):
        stats = self.client.annual_statistics(DISTRICT, 2024, unit_set=UNIT_SET)
        self.assertEqual(stats.area_name, "Huyện U Minh")
        cooperatives = {f.name: f for f in stats.figures}["cooperatives"]
        self.assertGreater(cooperatives.value, 0)

        report = self.client.annual_report(DISTRICT, 2024, unit_set=UNIT_SET)
        self.assertTrue(report.year_paragraph.text)
        self.assertIn(cooperatives.value, [s.value for s in report.year_paragraph.segments
                                           if s.statistic == "cooperatives"])

        explained = self.client.explain_statistic(DISTRICT, 2024, "cooperatives",
                                                  unit_set=UNIT_SET, lang="en")
        self.assertEqual(explained.figure.value, cooperatives.value)
        self.assertEqual(len(explained.events), cooperatives.value)
        self.assertNotEqual(explained.figure.label, cooperatives.label)  # English


if __name__ == "__main__":
    unittest.main()
