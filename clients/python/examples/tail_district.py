#!/usr/bin/env python3
"""Theo dõi sự kiện của một huyện / Follows one district's events.

Prints the events recorded in a district's communes, one line each: the history from a
position first, then new events as they are recorded, until Ctrl-C or --count events. A
dropped connection or a restart of coopd is ridden out: the tail resumes after the last
position it saw, without a gap or a repeat.

    PYTHONPATH=build/clients/python python3 tail_district.py --district 966 --from 1
    python3 tail_district.py --server coop.example:50051 --tls-ca ca.pem \\
        --token-file ~/.coopledger/reader.token --district 966 --from-end

Events carry their commune's code, so the district's communes are asked of coopd first
(Reporting/ListAreas) and the subscription filters on them. District codes are of the
three-level unit set (2025-03); the communes of the two-level set (2025-07) have no district.
"""
import argparse
import datetime
import os
import sys

import coopledger
from coopledger import cli

HEADER = ("vị trí/position  ghi lúc/recorded (UTC)  ngày/occurred  xã/commune  loại/type  "
          "luồng/stream")


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=cli.TOKEN_EPILOG)
    cli.add_connection_arguments(parser)
    parser.add_argument("--district", required=True, metavar="CODE",
                        help="mã huyện / the district's code, e.g. 966 (Huyện U Minh)")
    parser.add_argument("--unit-set", default="2025-03", metavar="SET",
                        help="bộ đơn vị / the unit set (default %(default)s)")
    start = parser.add_mutually_exclusive_group()
    start.add_argument("--from", dest="from_position", type=int, default=1, metavar="POSITION",
                       help="từ vị trí / from log position (default 1: the whole history)")
    start.add_argument("--from-end", action="store_true",
                       help="chỉ sự kiện mới / only events recorded from now on")
    parser.add_argument("--count", type=int, default=0, metavar="N",
                        help="dừng sau N sự kiện / stop after N events (default: never)")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi",
                        help="ngôn ngữ tên xã / the language of commune names")
    return parser.parse_args(argv)


def describe(event, names):
    recorded = datetime.datetime.fromtimestamp(event.recorded_at_micros / 1e6,
                                               datetime.timezone.utc)
    commune = names.get(event.area.code, event.area.code)
    return (f"{event.position:>8}  {recorded:%Y-%m-%d %H:%M:%S}  {event.occurred_on or '-':10}  "
            f"{commune}  {event.type}  {event.stream_id}")


def main(argv=None):
    args = parse_args(argv)
    try:
        client = cli.client_from_arguments(args, "tail_district.py")
    except (ValueError, OSError) as error:  # e.g. an unreadable token file
        print(f"lỗi / error: {error}", file=sys.stderr)
        return 2
    try:
        district = client.list_areas(args.district, unit_set=args.unit_set, lang=args.lang)
        communes = {a.area.code: a.name for a in district.areas}
        areas = [(code, district.unit_set) for code in communes] or [
            (args.district, district.unit_set)]
        print(f"# {district.parent.name}: {len(communes)} xã / communes "
              f"({district.unit_set})", flush=True)
        print(HEADER, flush=True)
        follower = client.follow(
            coopledger.event_filter(areas=areas),
            from_position=None if args.from_end else args.from_position,
            from_end=args.from_end,
            on_caught_up=lambda p: print(f"-- đã theo kịp / caught up (vị trí / position {p})",
                                         flush=True))
        shown = 0
        for event in follower:
            print(describe(event, communes), flush=True)
            shown += 1
            if args.count and shown >= args.count:
                follower.stop()
    except coopledger.CoopError as error:
        print(f"lỗi / error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    finally:
        client.close()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the reader went away (`... | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
