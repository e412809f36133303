"""Write a benchmark's figures into bench/README.md under "## Analysis engine", keeping the rest."""
import re
from pathlib import Path

README = Path(__file__).resolve().parent / "README.md"
HEADING = "## Analysis engine"


def write_block(name: str, body: str) -> None:
    """Replace (or add) the block marked ``name`` inside the Analysis engine section."""
    text = README.read_text() if README.exists() else "# Benchmarks\n"
    if HEADING not in text:
        text = text.rstrip() + f"\n\n{HEADING}\n\n"
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    block = f"{start}\n{body.strip()}\n{end}"
    if start in text:
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, text,
                      flags=re.S)
    else:
        head, _, tail = text.partition(HEADING)
        following = re.search(r"\n## ", tail)
        cut = following.start() if following else len(tail)
        text = head + HEADING + tail[:cut].rstrip() + "\n\n" + block + "\n" + tail[cut:]
    README.write_text(text.rstrip() + "\n")
