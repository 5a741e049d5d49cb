"""A tiny invented story, written for these tests (no corpus text): a model launched, a ministry order that
outlets date differently, a lawsuit, the controls lifted and the model back. Five outlets, each a
Markdown file with front matter, so mechanics tests run on a clone without the shared corpus."""

from __future__ import annotations

from pathlib import Path

ARTICLES = {
    "alpha.md": ("alpha.example", "Quill 3 goes dark", """\
Zephyr Labs released its Quill 3 model on March 3, 2026.
The Transport Ministry ordered the model offline on March 10, citing safety worries.
A customer filed a lawsuit on March 20, 2026, against the March 10 order.
"""),
    "bravo.md": ("bravo.example", "Ministry halts Quill 3", """\
Quill 3 launched on March 3 to a crowd of eager developers.
On March 11, the Transport Ministry ordered Zephyr Labs to take the model offline.
The controls were lifted on April 2 after a review.
"""),
    "charlie.md": ("charlie.example", "What the Quill 3 order means", """\
The ministry order came on March 10, a week after the launch.
Analysts expect more orders of this kind this year.
The controls were lifted on April 2, and Zephyr Labs welcomed the decision.
"""),
    "delta.md": ("delta.example", "Customer sues over Quill 3", """\
A customer sued the Transport Ministry on March 20 over the order.
The company said the order was issued on March 10 without warning.
Quill 3 returned on April 3 for every customer.
"""),
    "echo.md": ("echo.example", "Quill 3 is back", """\
Quill 3 returned on April 3, a day after the controls were lifted.
The model had been released on March 3 and ordered offline on March 10.
"""),
}
# the day the order came, as each outlet gives it: two against, three for March 10
ORDER_DAYS = {"alpha.example": "03-10", "bravo.example": "03-11", "charlie.example": "03-10",
              "delta.example": "03-10", "echo.example": "03-10"}


def write_story(folder: Path, only: list[str] | None = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, (outlet, title, body) in ARTICLES.items():
        if only is not None and name not in only:
            continue
        path = folder / name
        path.write_text(f"---\nurl: https://{outlet}/{name[:-3]}\noutlet: {outlet}\ntitle: {title}\n"
                        f"published: 2026-04-05\n---\n\n{body}", encoding="utf-8")
        paths.append(path)
    return paths
