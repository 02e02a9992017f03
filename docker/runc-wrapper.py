#!/usr/bin/env python3
"""A runc wrapper for machines whose capability bounding set lacks CAP_SYS_RESOURCE.

Docker gives a privileged container every capability, and runc then fails with "unable to apply
caps: operation not permitted" where the machine itself lacks one. This wrapper removes
CAP_SYS_RESOURCE from the OCI spec (the bundle's config.json, or the --process file of an exec)
and runs the real runc. compose-test.sh registers it as dockerd's default runtime when it starts
the engine itself.
"""
import json
import os
import sys

DROP = "CAP_SYS_RESOURCE"
RUNC = os.environ.get("EDGECODER_REAL_RUNC", "/usr/bin/runc")


def strip(path):
    try:
        with open(path) as f:
            spec = json.load(f)
    except (OSError, ValueError):
        return
    process = spec.get("process", spec)
    caps = process.get("capabilities") or {}
    changed = False
    for kind, values in caps.items():
        if isinstance(values, list) and DROP in values:
            caps[kind] = [c for c in values if c != DROP]
            changed = True
    if changed:
        with open(path, "w") as f:
            json.dump(spec, f)


args = sys.argv[1:]
for i, arg in enumerate(args):
    value = args[i + 1] if i + 1 < len(args) else None
    if arg in ("--bundle", "-b") and value:
        strip(os.path.join(value, "config.json"))
    elif arg.startswith("--bundle="):
        strip(os.path.join(arg.split("=", 1)[1], "config.json"))
    elif arg in ("--process", "-p") and value:
        strip(value)
    elif arg.startswith("--process="):
        strip(arg.split("=", 1)[1])
os.execv(RUNC, ["runc"] + args)
