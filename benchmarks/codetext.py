"""The KB at ROOT written out as a whole-Code Russian text, as a user saves it from adilet.zan.kz: the input of the
`tipkb import` benchmark (benchmarks/generate.py `whole_code_text`).

Every article as in force today: its heading, each part's disposition (the Russian labels of its elements, or a
placeholder phrase), its items, and its sanction in the Code's wording (kb/statute_text/render.py). A part whose
penalty the KB does not know gets a fixed sanction, so the text parses; its import then reports it as new.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kb.load import load
from kb.model import UNKNOWN, Penalty
from kb.snapshot import Snapshot, points
from kb.statute_text.render import render_sanction

PLACEHOLDER = Penalty.model_validate({"main": [{"kind": "imprisonment", "max": "5y"}]})


def _words(kb, elements, fallback: str) -> str:
    if elements in (None, UNKNOWN):
        return fallback
    labels = [kb.vocabulary.terms[v].label.ru for v in elements.ids() if v in kb.vocabulary.terms]
    return ", ".join(x for x in labels if x not in (None, UNKNOWN)) or fallback


def _sanction(penalty) -> str:
    try:
        return render_sanction(penalty, "ru")
    except (ValueError, AttributeError, TypeError):
        return render_sanction(PLACEHOLDER, "ru")


def render(root: Path, on: dt.date | None = None) -> str:
    kb = load(root)
    on = on or dt.date.today()
    snap = Snapshot(kb, points(kb, on)[0])
    lines = [f"УГОЛОВНЫЙ КОДЕКС (синтетический текст для замера; по состоянию на {on:%d.%m.%Y})", ""]
    for art in (snap.article(n) for n in kb.articles):
        title = art.title.version.title.ru if art.title.version else None
        lines.append(f"Статья {art.number}. {title if title not in (None, UNKNOWN) else 'Без заголовка'}")
        for pa in art.in_force():
            if not pa.part.id[0].isdigit():
                continue
            v = pa.version
            items = [(iid, at.version) for iid, at in pa.items.items() if at.version is not None]
            head = _words(kb, v.elements, "То же деяние, совершенное" if pa.part.builds_on else "Деяние")
            head = head[:1].upper() + head[1:]
            if items:
                lines.append(f"{pa.part.id}. {head}:")
                for n, (iid, iv) in enumerate(items):
                    end = ";" if n < len(items) - 1 else " –"
                    lines.append(f"{iid}) {_words(kb, iv.elements, 'при отягчающих обстоятельствах')}{end}")
            else:
                lines.append(f"{pa.part.id}. {head} –")
            lines.append(_sanction(pa.penalty[0]))
        lines.append("")
    return "\n".join(lines)
