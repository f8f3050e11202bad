"""The generated messages and stubs of coop.v1, one module per proto file.

    from coopledger.v1 import registry_pb2, eventstore_pb2
    request = registry_pb2.RegisterCooperativeRequest()

They are generated from proto/coop/v1/*.proto at build time (the CMake target
coop_python_client, into the build tree) or when pip installs the package (setup.py); both run
generate_stubs.py. The messages are the wire contract: field names and meanings are documented
in the .proto files.
"""
try:
    from coopledger._gen.coop.v1 import (
        access_pb2, admin_pb2, admin_pb2_grpc, audit_pb2, audit_pb2_grpc, class_events_pb2,
        cooperative_events_pb2, corrections_pb2, corrections_pb2_grpc, event_pb2,
        eventstore_pb2, eventstore_pb2_grpc, grant_events_pb2, group_events_pb2,
        hall_events_pb2, ocop_events_pb2, people_pb2, people_pb2_grpc, person_events_pb2,
        placement_events_pb2, plan_events_pb2, planning_pb2, planning_pb2_grpc, programs_pb2,
        programs_pb2_grpc, registry_pb2, registry_pb2_grpc, reporting_pb2, reporting_pb2_grpc)
    from coopledger._gen.grpc.health.v1 import health_pb2, health_pb2_grpc
except ModuleNotFoundError as missing:
    if not (missing.name or "").startswith("coopledger._gen"):
        raise
    raise ImportError(
        "coopledger: các stub sinh từ proto chưa có; hãy build đích coop_python_client "
        "(cmake --build build --target coop_python_client) rồi dùng "
        "PYTHONPATH=build/clients/python, hoặc cài bằng pip từ clients/python / "
        "the stubs generated from the protos are missing: build the target coop_python_client "
        "and use PYTHONPATH=build/clients/python, or install with pip from clients/python "
        "(clients/python/README.md)") from missing

__all__ = [
    "access_pb2", "admin_pb2", "admin_pb2_grpc", "audit_pb2", "audit_pb2_grpc",
    "class_events_pb2", "cooperative_events_pb2", "corrections_pb2", "corrections_pb2_grpc",
    "event_pb2", "eventstore_pb2", "eventstore_pb2_grpc", "grant_events_pb2", "group_events_pb2",
    "hall_events_pb2", "health_pb2", "health_pb2_grpc", "ocop_events_pb2", "people_pb2",
    "people_pb2_grpc", "person_events_pb2", "placement_events_pb2", "plan_events_pb2",
    "planning_pb2", "planning_pb2_grpc", "programs_pb2", "programs_pb2_grpc", "registry_pb2",
    "registry_pb2_grpc", "reporting_pb2", "reporting_pb2_grpc",
]
