"""docs/clinical-safety.md stands for the rule tables: it names every rule, template and red flag."""
import re
from pathlib import Path

from server import vocabulary
from server.rules import rule_table

DOC = (Path(__file__).resolve().parents[2] / "docs" / "clinical-safety.md").read_text(encoding="utf-8")


def test_every_rule_template_and_red_flag_is_documented():
    keys = [r["key"] for r in rule_table("safety")["rules"]]
    keys += [t["key"] for t in rule_table("templates")["templates"]]
    keys += sorted(vocabulary.RED_FLAGS)
    missing = [k for k in keys if f"`{k}`" not in DOC]
    assert missing == [], f"docs/clinical-safety.md does not mention {missing}"


def test_the_docs_stand_on_their_own():
    assert not re.search(r"\.\./shared|FACTS\.md|DESIGN\.md", DOC)
