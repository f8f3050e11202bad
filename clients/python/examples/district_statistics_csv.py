#!/usr/bin/env python3
"""Số liệu nhiều năm của một huyện ra CSV / A district's statistics over several years, as CSV.

Asks coopd for the annual statistics of a district (Reporting/GetAnnualStatistics) for each
year of a span and writes one row per statistic, one column per year: the figure's value, or
for a percentage its percent. The labels are the server's, in Vietnamese (default) or English.

    PYTHONPATH=build/clients/python python3 district_statistics_csv.py \\
        --district 966 --years 2019-2024 --output u-minh.csv

District codes are of the three-level unit set (2025-03); the statistics are asked in that
unit set for every year of the span (--unit-set), so that the columns compare the same area.
A file is written in UTF-8 with a byte-order mark, so that spreadsheets read the Vietnamese
labels right; standard output without it.
"""
import argparse
import csv
import os
import sys

import coopledger
from coopledger import cli

HEADER = ["chỉ tiêu / statistic", "tên / label"]


def parse_years(text):
    first, _, last = text.partition("-")
    if not (first.isdigit() and last.isdigit() and int(first) <= int(last)):
        raise argparse.ArgumentTypeError(
            f"'{text}': viết ĐẦU-CUỐI, ví dụ 2019-2024 / write FIRST-LAST, e.g. 2019-2024")
    return range(int(first), int(last) + 1)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=cli.TOKEN_EPILOG)
    cli.add_connection_arguments(parser)
    parser.add_argument("--district", required=True, metavar="CODE",
                        help="mã huyện / the district's code, e.g. 966 (Huyện U Minh)")
    parser.add_argument("--unit-set", default="2025-03", metavar="SET",
                        help="bộ đơn vị / the unit set (default %(default)s)")
    parser.add_argument("--years", required=True, type=parse_years, metavar="FIRST-LAST",
                        help="các năm / the years, FIRST-LAST, e.g. 2019-2024")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi",
                        help="ngôn ngữ của tên chỉ tiêu / the language of the labels")
    parser.add_argument("--output", metavar="FILE",
                        help="tệp CSV / the CSV file (default: standard output)")
    return parser.parse_args(argv)


def cell(figure):
    return f"{figure.percent:.2f}" if figure.is_percent else str(figure.value)


def main(argv=None):
    args = parse_args(argv)
    try:
        client = cli.client_from_arguments(args, "district_statistics_csv.py")
    except (ValueError, OSError) as error:  # e.g. an unreadable token file
        print(f"lỗi / error: {error}", file=sys.stderr)
        return 2
    with client:
        try:
            replies = [client.annual_statistics(args.district, year, unit_set=args.unit_set,
                                                lang=args.lang) for year in args.years]
        except coopledger.CoopError as error:
            print(f"lỗi / error: {error}", file=sys.stderr)
            return 1
    # The figures in the catalogue's order (the same every year).
    labels = {f.name: f.label for reply in replies for f in reply.figures}
    names = list(dict.fromkeys(f.name for reply in replies for f in reply.figures))
    by_year = [{f.name: f for f in reply.figures} for reply in replies]
    out = open(args.output, "w", encoding="utf-8-sig", newline="") if args.output else (
        sys.stdout)
    try:
        writer = csv.writer(out)
        writer.writerow(HEADER + [str(year) for year in args.years])
        for name in names:
            writer.writerow([name, labels[name]] + [cell(year[name]) if name in year else ""
                                                    for year in by_year])
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"{replies[0].area_name} ({replies[0].area.code}, {replies[0].area.unit_set}): "
          f"{len(names)} chỉ tiêu × {len(replies)} năm / statistics × years"
          + (f" → {args.output}" if args.output else ""), file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the reader went away (`... | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
