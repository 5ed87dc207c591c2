"""Reads a Prometheus text exposition on standard input and prints it as
JSON, parsed by prometheus_client's own parser: a list of families, each
with its name, type and samples (name, labels, value). A page the parser
refuses ends the script with an error."""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families

families = [
    {
        "name": family.name,
        "type": family.type,
        "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in family.samples],
    }
    for family in text_string_to_metric_families(sys.stdin.read())
]
json.dump(families, sys.stdout)
