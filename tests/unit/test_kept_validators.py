"""The case model's validators kept between runs behave exactly like freshly built ones.

Each run is a fresh interpreter: with no store (``off``), with an empty store (the first run,
which builds and keeps), and with the store the first run left (validators built straight
from the kept schemas). Everything an officer or a command could see must be the same.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(str(p) for p in (REPO / "examples").glob("*.json"))

SCRIPT = r"""
import json, sys
from psr_assist.caches import install_content_cache

install_content_cache()
import pydantic
from psr_assist.domain.case import Case, Requirement, Source
from psr_assist.domain.findings import Finding

out = {}
out["dumps"] = [Case.model_validate_json(open(p, encoding="utf-8").read()).model_dump_json() for p in sys.argv[1:]]
bad = {
    "case_details": {"hearing_date": "31/02/2026", "report_type": "long", "defendant": {"name": "x" * 301}},
    "sources": [{"kind": "tarot"}],
    "proposal": {"requirements": [{"kind": "curfew", "hours_per_day": 25}]},
    "unknown": 1,
}
try:
    Case.model_validate(bad)
except pydantic.ValidationError as exc:
    out["errors"] = [(e["loc"], e["type"], e["msg"]) for e in exc.errors(include_url=False)]
    out["error_text_has_input"] = "tarot" in str(exc)
case = Case(id="kept-validators-test")
try:
    case.case_details.plea = "maybe"
except pydantic.ValidationError as exc:
    out["assignment"] = [(e["loc"], e["type"], e["msg"]) for e in exc.errors(include_url=False)]
case.case_details.court = "Leeds\x07 Magistrates\u200b Court\r\n"
out["cleaned"] = case.case_details.court
case.proposal.requirements = [Requirement(kind="mental_health_treatment")]
out["python_dump"] = case.model_dump(mode="json")
out["new_item"] = Source(kind="gp").model_dump(mode="json")
out["copy"] = case.model_copy(deep=True) == case
finding = Finding(rule_id="a.b", severity="blocker", step="case", field="x", message="m", fix="f")
out["finding"] = finding.model_dump(mode="json")
out["no_validator_built"] = "pydantic.plugin._loader" not in sys.modules
out["schema"] = Case.model_json_schema()
print(json.dumps(out, default=str, sort_keys=True))
"""


def _run(cache: str, home: Path) -> dict:
    env = dict(os.environ, PSR_ASSIST_CONTENT_CACHE=cache, PSR_ASSIST_HOME=str(home))
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *EXAMPLES], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.slow
def test_kept_validators_validate_dump_and_describe_errors_like_built_ones(tmp_path):
    store = tmp_path / "cache"
    off = _run("off", tmp_path)
    cold = _run(str(store), tmp_path)
    assert list(store.glob("case-model-*.pickle")) and list(store.glob("finding-*.pickle"))
    warm = _run(str(store), tmp_path)

    # Only the kept run skips building validators: that is the point of keeping them.
    assert off.pop("no_validator_built") is False
    assert cold.pop("no_validator_built") is False
    assert warm.pop("no_validator_built") is True

    assert warm == cold == off
    assert len(warm["dumps"]) == len(EXAMPLES) >= 3
    assert warm["cleaned"] == "Leeds Magistrates Court\n"
    assert warm["error_text_has_input"] is False  # case text never appears in an error
    kinds = {tuple(loc): kind for loc, kind, _msg in warm["errors"]}
    assert kinds[("case_details", "hearing_date")] == "date_from_datetime_parsing"
    assert kinds[("unknown",)] == "extra_forbidden"
    assert ("proposal", "requirements", 0, "hours_per_day") in kinds
    assert warm["assignment"][0][1] == "enum"
    assert warm["schema"]["title"] == "Case"


@pytest.mark.slow
def test_a_damaged_kept_model_is_rebuilt(tmp_path):
    store = tmp_path / "cache"
    first = _run(str(store), tmp_path)
    for kept in store.glob("case-model-*.pickle"):
        kept.write_bytes(b"\x80\x05damaged")
    again = _run(str(store), tmp_path)
    assert again.pop("no_validator_built") is False  # rebuilt, not used
    first.pop("no_validator_built")
    assert again == first
    third = _run(str(store), tmp_path)
    assert third.pop("no_validator_built") is True  # and kept again
