"""The connection options of a command-line tool, as coopctl spells them.

    parser = argparse.ArgumentParser()
    coopledger.cli.add_connection_arguments(parser)
    args = parser.parse_args()
    client = coopledger.cli.client_from_arguments(args, "my-tool")

--server, --tls-ca, --tls-cert, --tls-key, --tls-server-name and --token-file (the token may
also come from COOP_TOKEN; never from an option's value).
"""
from coopledger.client import DEFAULT_TARGET, Client

TOKEN_EPILOG = ("Mã truy cập: --token-file hoặc biến môi trường COOP_TOKEN / the token: "
                "--token-file, or the environment variable COOP_TOKEN.")


def add_connection_arguments(parser):
    """Adds the connection options to an argparse parser."""
    group = parser.add_argument_group("kết nối / connection")
    group.add_argument("--server", default=DEFAULT_TARGET, metavar="HOST:PORT",
                       help="coopd (mặc định / default %(default)s)")
    group.add_argument("--tls-ca", metavar="FILE",
                       help="CA kiểm chứng thư máy chủ; bật TLS / the CA of the server's "
                            "certificate; turns TLS on")
    group.add_argument("--tls-cert", metavar="FILE",
                       help="chứng thư máy khách / a client certificate (with --tls-key)")
    group.add_argument("--tls-key", metavar="FILE",
                       help="khóa của chứng thư máy khách / the client certificate's key")
    group.add_argument("--tls-server-name", metavar="NAME",
                       help="tên trong chứng thư máy chủ / the name in the server's certificate")
    group.add_argument("--token-file", metavar="FILE",
                       help="tệp chứa mã truy cập / the file with the token")
    return group


def client_from_arguments(args, client_name):
    """A Client for the options add_connection_arguments added; `client_name` is recorded as
    the events' metadata.client."""
    return Client(args.server, tls_ca=args.tls_ca, tls_cert=args.tls_cert, tls_key=args.tls_key,
                  tls_server_name=args.tls_server_name, token_file=args.token_file,
                  client_name=client_name)
