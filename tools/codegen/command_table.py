"""The command table: every command of the command services, by aggregate and service.

One typed request and one RPC per command, so reflection-driven tools see the whole API. A
command is one of three kinds:
  "command"  a fact about an existing aggregate: request {header, <id field>, <event field>};
             its handler is generated.
  "create"   the fact that creates the aggregate, which carries its id: request {header,
             <event field>}; an empty id is derived from the command id. Its handler is
             generated.
  "custom"   written by hand in the service (e.g. RegisterCooperative reserves the code); the
             request is {header, <request field>}.
Edit this table, then run tools/codegen/gen_commands.py; never edit its outputs.
"""

GENERATOR = "tools/codegen/gen_commands.py"


class Aggregate:
    def __init__(self, name, descriptor, id_field, member, commands):
        self.name = name              # for comments, e.g. "cooperative group"
        self.descriptor = descriptor  # its descriptor in domain/, e.g. GroupAggregate
        self.id_field = id_field      # e.g. "group_id": in the requests and the creating event
        self.member = member          # the handlers' executor member, e.g. "groups" (groups_)
        # (rpc, event message, field of the event union, kind, one-line doc); for "custom",
        # the field is the request's field name and the doc comments the RPC.
        self.commands = commands

    def generated(self):
        """The commands whose handlers are generated."""
        return [c for c in self.commands if c[3] in ("command", "create")]


COOPERATIVE = Aggregate("cooperative", "CooperativeAggregate", "cooperative_id", "cooperatives", [
    ("RegisterCooperative", "CooperativeRegistered", "registration", "custom",
     "Registers a cooperative or union; the code is reserved atomically with it."),
    ("ChangeCooperativeRegistration", "CooperativeRegistrationChanged", "registration_changed",
     "command", "Name, address, legal representative, business lines or sector changed."),
    ("ReportCooperativeMembership", "CooperativeMembershipReported", "membership_reported",
     "command", "A reported total of members by type."),
    ("AdmitCooperativeMembers", "CooperativeMembersAdmitted", "members_admitted", "command",
     "Members admitted, by type."),
    ("RecordCooperativeMembersLeft", "CooperativeMembersLeft", "members_left", "command",
     "Members who left, by type."),
    ("ReportCooperativeWorkforce", "CooperativeWorkforceReported", "workforce_reported",
     "command", "Regular workers, and of them members."),
    ("ChangeCooperativeCharterCapital", "CooperativeCharterCapitalChanged",
     "charter_capital_changed", "command", "A new charter capital."),
    ("SuspendCooperative", "CooperativeSuspended", "suspended", "command",
     "A suspension notice (at most 12 months)."),
    ("ExtendCooperativeSuspension", "CooperativeSuspensionExtended", "suspension_extended",
     "command", "A further notice extending a suspension."),
    ("ResumeCooperative", "CooperativeResumed", "resumed", "command",
     "Operation resumed after a suspension."),
    ("StartCooperativeDissolution", "CooperativeDissolutionStarted", "dissolution_started",
     "command", "A dissolution resolution or decision."),
    ("CancelCooperativeDissolution", "CooperativeDissolutionCancelled", "dissolution_cancelled",
     "command", "A dissolution cancelled (within 6 months)."),
    ("CompleteCooperativeDissolution", "CooperativeDissolutionCompleted",
     "dissolution_completed", "command", "Dissolution completed."),
    ("RevokeCooperativeCertificate", "CooperativeCertificateRevoked", "certificate_revoked",
     "command", "The registration certificate revoked."),
    ("RestoreCooperativeCertificate", "CooperativeCertificateRestored", "certificate_restored",
     "command", "A revoked certificate restored."),
    ("ReorganiseCooperative", "CooperativeReorganised", "reorganised", "command",
     "A split, separation, consolidation or merger."),
    ("OpenCooperativeBankruptcy", "CooperativeBankruptcyOpened", "bankruptcy_opened", "command",
     "Bankruptcy proceedings opened."),
    ("DeclareCooperativeBankruptcy", "CooperativeBankruptcyDeclared", "bankruptcy_declared",
     "command", "Declared bankrupt."),
    ("RecordGeneralMeeting", "CooperativeGeneralMeetingHeld", "general_meeting_held", "command",
     "The annual general meeting held."),
    ("RecordAnnualReport", "CooperativeAnnualReportSubmitted", "annual_report_submitted",
     "command", "The annual report submitted."),
    ("RateCooperative", "CooperativeRated", "rated", "command", "A rating for a year."),
    ("RecordInspection", "CooperativeInspected", "inspected", "command",
     "An inspection and its findings."),
    ("DesignateModelCooperative", "CooperativeDesignatedModel", "designated_model", "command",
     "Designated a model cooperative."),
    ("RecordTradeFairAttendance", "CooperativeAttendedTradeFair", "attended_trade_fair",
     "command", "Attended a trade fair."),
])

GROUP = Aggregate("cooperative group", "GroupAggregate", "group_id", "groups", [
    ("FormCooperativeGroup", "GroupFormed", "formed", "create",
     "A group (tổ hợp tác) formed by its cooperation contract."),
    ("NotifyCooperativeGroup", "GroupNotified", "notified", "command",
     "The commune notified of the group's formation (before 1 July 2024)."),
    ("RegisterCooperativeGroup", "GroupRegistered", "registered", "command",
     "The group registered with the commune (from 1 July 2024)."),
    ("ChangeCooperativeGroup", "GroupChanged", "changed", "command",
     "Name, address, representative or activities changed."),
    ("ChangeCooperativeGroupMembers", "GroupMembersChanged", "members_changed", "command",
     "The group's member count from the event's date on."),
    ("SuspendCooperativeGroup", "GroupSuspended", "suspended", "command",
     "A notified suspension of 15 days or more."),
    ("ResumeCooperativeGroup", "GroupResumed", "resumed", "command",
     "Activity resumed after a suspension."),
    ("NotifyCooperativeGroupTermination", "GroupTerminationNotified", "termination_notified",
     "command", "The group notified the commune that it is ending: it ends by itself 3 months "
     "later unless terminated earlier."),
    ("TerminateCooperativeGroup", "GroupTerminated", "terminated", "command",
     "The group terminated."),
    ("ConvertCooperativeGroup", "GroupConvertedToCooperative", "converted_to_cooperative",
     "command", "A registered group became a cooperative (12 months or more after its "
     "certificate)."),
])

HALL = Aggregate("community hall", "HallAggregate", "hall_id", "halls", [
    ("FoundHall", "HallFounded", "founded", "create", "A community hall (hội quán) founded."),
    ("ChangeHallMembers", "HallMembersChanged", "members_changed", "command",
     "The hall's member count from the event's date on."),
    ("FormaliseHall", "HallFormalised", "formalised", "command",
     "The hall became a cooperative group or a cooperative (terminal for the hall)."),
])

CLASS = Aggregate("class", "ClassAggregate", "class_id", "classes", [
    ("RecordClass", "ClassHeld", "held", "create",
     "A training, propaganda or vocational class held."),
])

OCOP = Aggregate("OCOP product", "OcopAggregate", "product_id", "ocop_products", [
    ("EnrolOcopProduct", "OcopProductEnrolled", "enrolled", "create",
     "A product enrolled in the OCOP programme."),
    ("RateOcopProduct", "OcopProductRated", "rated", "command",
     "A rating or re-rating; decision and expiry dates are filled in when empty."),
    ("ExpireOcopProduct", "OcopProductExpired", "expired", "command",
     "The recognition lapsed (on or after its expiry date)."),
])

GRANT = Aggregate("support grant", "GrantAggregate", "grant_id", "grants", [
    ("RecordSupportGrant", "SupportGranted", "granted", "create",
     "A support given to a cooperative or a cooperative group."),
])

PLACEMENT = Aggregate("graduate placement", "PlacementAggregate", "placement_id", "placements", [
    ("PlaceGraduate", "GraduatePlaced", "placed", "custom",
     "A young graduate placed at a cooperative."),
    ("EndPlacement", "PlacementEnded", "ended", "command", "A placement ended."),
])

PLAN = Aggregate("annual plan", "PlanAggregate", "plan_id", "plans", [
    ("SetAnnualPlanTargets", "AnnualPlanTargetsSet", "targets_set", "custom",
     "Sets or replaces an area's targets for a year (plan-<unit set>-<area>-<year>)."),
])

COMMON_ERRORS = """\
// Every command carries a CommandHeader: a client-chosen command_id (a UUID; retrying the same
// command returns its first result, even after other events), the business date, and
// optionally the stream version the client read (then a conflict is returned as ABORTED
// instead of being retried by the server). Errors: INVALID_ARGUMENT for malformed input and
// FAILED_PRECONDITION for a workflow rule, each starting with the rule id ("[COOP-04] ...");"""

REGISTRY_HEADER = f"""\
// coop.v1.Registry: the commands that record what happens to cooperatives and unions,
// cooperative groups (tổ hợp tác) and community halls (hội quán).
// GENERATED by {GENERATOR} from tools/codegen/command_table.py; edit the table.
//
{COMMON_ERRORS}
// ALREADY_EXISTS for a used cooperative code; NOT_FOUND for an unknown aggregate.
syntax = "proto3";

package coop.v1;

import "coop/v1/cooperative_events.proto";
import "coop/v1/group_events.proto";
import "coop/v1/hall_events.proto";

message CommandHeader {{
  string command_id = 1;               // UUID chosen by the client
  string occurred_on = 2;              // business date, YYYY-MM-DD
  optional uint64 expected_version = 3;
}}

message CommandReply {{
  string aggregate_id = 1;  // e.g. the cooperative id (assigned on registration)
  string stream_id = 2;
  uint64 version = 3;       // the stream's version after the command
  uint64 position = 4;      // global position of the command's last event
  bool duplicate = 5;       // the command had already been executed: its first result
}}
"""

PROGRAMS_HEADER = f"""\
// coop.v1.Programs: the commands that record programme activity: classes, OCOP products,
// support grants and graduate placements.
// GENERATED by {GENERATOR} from tools/codegen/command_table.py; edit the table.
//
{COMMON_ERRORS}
// NOT_FOUND for an unknown aggregate. CommandHeader and CommandReply are Registry's.
syntax = "proto3";

package coop.v1;

import "coop/v1/class_events.proto";
import "coop/v1/grant_events.proto";
import "coop/v1/ocop_events.proto";
import "coop/v1/placement_events.proto";
import "coop/v1/registry.proto";
"""

PLANNING_HEADER = f"""\
// coop.v1.Planning: the targets an area sets itself for a year.
// GENERATED by {GENERATOR} from tools/codegen/command_table.py; edit the table.
//
{COMMON_ERRORS}
// the plan's id is derived from its area and year. CommandHeader and CommandReply are
// Registry's.
syntax = "proto3";

package coop.v1;

import "coop/v1/plan_events.proto";
import "coop/v1/registry.proto";
"""

CUSTOM_REQUEST_DOCS = {
    "RegisterCooperative":
        "  // cooperative_id may be left empty: the server assigns one and returns it.\n",
    "SetAnnualPlanTargets":
        "  // The plan is identified by targets_set.area and targets_set.year.\n",
    # Written by hand: a recorder may place only a person it may already read.
    "PlaceGraduate":
        "  // placed.placement_id may be left empty: the server derives one from the command id\n"
        "  // and returns it.\n",
}

class Service:
    def __init__(self, name, proto, proto_header, aggregates, doc):
        self.name = name                  # e.g. "Registry" (coop.v1.Registry)
        self.proto = proto                # the .proto file, relative to the root
        self.proto_header = proto_header  # its text before the request messages
        self.aggregates = aggregates
        self.doc = doc                    # one line for the generated handlers' header

    def generated(self):
        """The (aggregate, command) pairs whose handlers are generated, in table order."""
        return [(a, c) for a in self.aggregates for c in a.generated()]

    def custom(self):
        """The RPCs written by hand in the service."""
        return [c[0] for a in self.aggregates for c in a.commands if c[3] == "custom"]


SERVICES = [
    Service("Registry", "proto/coop/v1/registry.proto", REGISTRY_HEADER,
            [COOPERATIVE, GROUP, HALL],
            "cooperatives and unions, cooperative groups and community halls"),
    Service("Programs", "proto/coop/v1/programs.proto", PROGRAMS_HEADER,
            [CLASS, OCOP, GRANT, PLACEMENT],
            "classes, OCOP products, support grants and graduate placements"),
    Service("Planning", "proto/coop/v1/planning.proto", PLANNING_HEADER, [PLAN],
            "annual plan targets"),
]
