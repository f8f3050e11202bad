#!/usr/bin/python3
"""Writes the test vectors of docs/audit.md from the specification alone (eventstore/README.md,
"Canonical encoding"; docs/audit.md), in Python, apart from the C++ code they test.

Usage: /usr/bin/python3 tools/audit_vectors/make_vectors.py   (prints the Markdown section)
Needs python3-cryptography for Ed25519 (authoring only; the tests read the printed values).
"""
import hashlib
import struct

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def u16(v): return struct.pack(">H", v)
def u32(v): return struct.pack(">I", v)
def u64(v): return struct.pack(">Q", v)
def s(b): return u32(len(b)) + b


def canonical(e):
    fmt = 3 if e.get("digest") else (2 if e.get("principal") else 1)
    out = b"COOPEVT" + u16(fmt) + u64(e["position"]) + s(e["stream"].encode())
    out += u64(e["version"]) + bytes.fromhex(e["id"].replace("-", ""))
    out += s(e["type"].encode()) + u32(e["schema"]) + u64(e["recorded_at"])
    for key in ("occurred_on", "area_code", "area_unit_set", "actor", "agency", "correlation",
                "causation", "client"):
        out += s(e.get(key, "").encode())
    if fmt >= 2:
        out += s(e.get("principal", "").encode())
    if fmt >= 3:
        out += s(e.get("digest", "").encode())
    return out + s(e["payload"])


def sha(b): return hashlib.sha256(b).digest()
def leaf(c): return sha(b"\x00" + c)
def node(l, r): return sha(b"\x01" + l + r)


def mth(leaves):
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node(mth(leaves[:k]), mth(leaves[k:]))


EVENTS = [
    dict(position=1, stream="s-1", version=1, id="00000000-0000-0000-0000-000000000001",
         type="t.A", schema=1, recorded_at=2, payload=b"p"),
    dict(position=2, stream="s-1", version=2, id="00000000-0000-0000-0000-000000000002",
         type="t.A", schema=1, recorded_at=3, occurred_on="2024-09-01", area_code="32059",
         area_unit_set="2025-03", actor="alice", agency="dpi", payload=b"q"),
    dict(position=3, stream="s-2", version=1, id="00000000-0000-0000-0000-000000000003",
         type="t.B", schema=1, recorded_at=3, principal="auditor-1", payload=b""),
]
SEED = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")

prev = bytes(32)
leaves = []
print("## Test vectors\n")
for e in EVENTS:
    c = canonical(e)
    chain = sha(prev + c)
    leaves.append(leaf(c))
    n = e["position"]
    print(f"- `canonical_{n}`: `{c.hex()}`")
    print(f"- `leaf_{n}`: `{leaves[-1].hex()}`")
    print(f"- `chain_{n}`: `{chain.hex()}`")
    prev = chain
for size in (1, 2, 3):
    print(f"- `root_{size}`: `{mth(leaves[:size]).hex()}`")
key = Ed25519PrivateKey.from_private_bytes(SEED)
signed = b"coopledger tree head v1\x00" + u64(3) + u64(3) + mth(leaves)
print(f"- `head_3_signed_bytes`: `{signed.hex()}`")
print(f"- `head_3_signature`: `{key.sign(signed).hex()}`")
