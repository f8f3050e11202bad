"""Writes the command services' .proto files from the command table."""

from command_table import CUSTOM_REQUEST_DOCS


def request_message(agg, rpc, msg, field, kind):
    """The request message of one command."""
    body = "  CommandHeader header = 1;\n"
    if kind == "command":
        body += f"  string {agg.id_field} = 2;\n  {msg} {field} = 3;\n"
    elif kind == "create":
        body += (f"  // {field}.{agg.id_field} may be left empty: the server derives one from the "
                 f"command id\n  // and returns it.\n  {msg} {field} = 2;\n")
    else:
        body += CUSTOM_REQUEST_DOCS.get(rpc, "") + f"  {msg} {field} = 2;\n"
    return f"message {rpc}Request {{\n{body}}}\n"


def service_proto(service):
    """The whole .proto text of one service: its header, the requests, the service."""
    out = [service.proto_header]
    svc = [f"service {service.name} {{"]
    aggregates = service.aggregates
    for agg in aggregates:
        if len(aggregates) > 1 and agg is not aggregates[0]:
            svc.append(f"\n  // --- {agg.name}s ---")
        for rpc, msg, field, kind, doc in agg.commands:
            out.append(request_message(agg, rpc, msg, field, kind))
            svc.append(f"  // {doc}\n  rpc {rpc}({rpc}Request) returns (CommandReply);")
    svc.append("}\n")
    return "\n".join(out) + "\n" + "\n".join(svc)
