"""Which RPC runs a command request, read off the generated descriptors.

A command is any coop.v1 RPC whose request has a `header` of type coop.v1.CommandHeader (the
services Registry, Programs, Planning, Corrections and People). Each request type belongs to
exactly one RPC, so Client.run() needs only the request to find it.

Immutable after import; thread-safe.
"""
import uuid

from coopledger.v1 import (corrections_pb2, corrections_pb2_grpc, people_pb2, people_pb2_grpc,
                           planning_pb2, planning_pb2_grpc, programs_pb2, programs_pb2_grpc,
                           registry_pb2, registry_pb2_grpc)

HEADER_TYPE = "coop.v1.CommandHeader"

# (module with the service descriptors, module with the stubs): the services with commands.
_SERVICE_MODULES = ((registry_pb2, registry_pb2_grpc), (programs_pb2, programs_pb2_grpc),
                    (planning_pb2, planning_pb2_grpc), (corrections_pb2, corrections_pb2_grpc),
                    (people_pb2, people_pb2_grpc))


class CommandRpc:
    """One command RPC: its service's stub class and its method's name."""

    def __init__(self, service, method, stub_class):
        self.service = service          # "coop.v1.Registry"
        self.method = method            # "RegisterCooperative"
        self.stub_class = stub_class    # registry_pb2_grpc.RegistryStub

    @property
    def path(self):
        """The RPC's path, e.g. "/coop.v1.Registry/RegisterCooperative"."""
        return f"/{self.service}/{self.method}"


def _index():
    by_request = {}
    for messages, stubs in _SERVICE_MODULES:
        for service in messages.DESCRIPTOR.services_by_name.values():
            stub_class = getattr(stubs, f"{service.name}Stub")
            for method in service.methods:
                header = method.input_type.fields_by_name.get("header")
                if header is not None and header.message_type is not None and (
                        header.message_type.full_name == HEADER_TYPE):
                    by_request[method.input_type.full_name] = CommandRpc(
                        service.full_name, method.name, stub_class)
    return by_request


_BY_REQUEST = _index()


def command_rpc(request):
    """The CommandRpc that runs `request`; TypeError if it is no command request."""
    found = _BY_REQUEST.get(request.DESCRIPTOR.full_name)
    if found is None:
        raise TypeError(f"{request.DESCRIPTOR.full_name} không phải yêu cầu của một lệnh (không "
                        f"có header kiểu {HEADER_TYPE}) / is not a command request (it has no "
                        f"header of type {HEADER_TYPE})")
    return found


def command_rpcs():
    """Every command RPC, by request type name ("coop.v1.RegisterCooperativeRequest")."""
    return dict(_BY_REQUEST)


def new_command_id():
    """A new command id: a random UUID, as coopd wants."""
    return str(uuid.uuid4())
