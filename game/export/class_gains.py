"""The class report's pre/post section for a live-class folder: per student and per topic, pre, post, gain and
the normalized gain, and the class's mean normalized gain with how many students it covers.

``quotebound report DIR`` on a class folder reads its results files (``DIR/results``) as for any results
folder and adds this section from the class store. The figures are :mod:`game.classroom.gains`'s.
"""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from game.engine.content.pack import Pack
from game.export.markdown import escape as md
from game.store import CLASS_FILENAME

if TYPE_CHECKING:
    # Imported where they are used: `report` on results files alone (no class folder) needs none of the
    # class's modules, nor sqlite3.
    from collections.abc import Mapping

    from game.classroom.gains import ClassGain, Gain
    from game.classroom.session import ClassSession


class GainsReport(Struct):
    """One class's pre/post figures."""

    folder: Path
    students: list[tuple[str, Gain]]
    topics: list[tuple[str, list[tuple[str, Gain]], ClassGain]]
    """Topic title → each student's gain on the topic's items, and the class's mean on them."""
    overall: ClassGain


def class_folders(paths: list[str]) -> list[Path]:
    """The paths that are live-class folders (they hold a class store)."""
    return [Path(p) for p in paths if (Path(p) / CLASS_FILENAME).is_file()]


def build_gains(session: ClassSession) -> GainsReport | None:
    """The pre/post figures of the class (None when the class has no pre/post test)."""
    from game.classroom.gains import class_gain, gain_of
    from game.engine.content.text import clean_text

    if not session.config.pre_post:
        return None
    # The store is a file anyone on the machine can write: names are cleaned as results files' are.
    names = {s.key: clean_text(s.name) for s in session.store.students()}
    by_student: dict[str, dict[str, dict[str, float]]] = {}
    for row in session.store.answers():
        if row.phase in ("pre", "post"):
            by_student.setdefault(row.student, {}).setdefault(row.phase, {})[row.question_id] = row.credit
    pack = session.pack
    order = session.round.main.order
    students = [
        (names.get(key, key), gain_of(c.get("pre", {}), c.get("post", {})))
        for key, c in sorted(by_student.items(), key=lambda kv: names.get(kv[0], kv[0]).casefold())
    ]
    topics = []
    for topic_id in dict.fromkeys(pack.question(q).topic for q in order):
        items = [q for q in order if pack.question(q).topic == topic_id]
        per = [
            (names.get(key, key), gain_of(c.get("pre", {}), c.get("post", {}), items))
            for key, c in sorted(by_student.items(), key=lambda kv: names.get(kv[0], kv[0]).casefold())
        ]
        per = [(n, g) for n, g in per if g.items]
        topics.append((pack.topics.get(topic_id, topic_id), per, class_gain(g for _n, g in per)))
    return GainsReport(session.store.folder, students, topics, class_gain(g for _n, g in students))


def load_gains(folder: Path, packs: Mapping[str, Pack]) -> GainsReport | str | None:
    """Open the class in ``folder`` and compute its gains; a message when it cannot be read."""
    from game.classroom.session import ClassSession
    from game.engine.packs import load_packs
    from game.paths import scenes_dir
    from game.store.classdb import ClassStore
    from game.store.records import StoreError

    try:
        store = ClassStore.open(folder)
    except StoreError as exc:
        return str(exc)
    try:
        config = store.config()
        pack = packs.get(config.pack)
        if pack is None:
            pack = {p.id: p for p in load_packs(scenes_dir(config.scenes))[0]}.get(config.pack)
        if pack is None:
            return f"{folder}: pack {config.pack!r} not found (use --scenes to point at it)"
        return build_gains(ClassSession(store, pack))
    finally:
        store.close()


def _n(value: float) -> str:
    return f"{value:g}"


def _g(gain: Gain) -> str:
    if gain.at_max:
        return "at max in pre-test"
    return "" if gain.normalized is None else f"{gain.normalized:.2f}"


def _mean(cg: ClassGain) -> str:
    mean = "none" if cg.mean is None else f"{cg.mean:.2f}"
    apart = f"; {cg.at_max} at the maximum in the pre-test, counted apart" if cg.at_max else ""
    return f"{mean} over {cg.covered} student{'s' * (cg.covered != 1)}{apart}"


def _rows(report: GainsReport) -> list[list[str]]:
    rows = [
        ["All topics", n, _n(g.pre), _n(g.post), str(g.items), _n(g.gain), _g(g)] for n, g in report.students
    ]
    for title, per, _cg in report.topics:
        rows += [[title, n, _n(g.pre), _n(g.post), str(g.items), _n(g.gain), _g(g)] for n, g in per]
    return rows


HEADERS = ["Topic", "Student", "Pre", "Post", "Max", "Gain", "Normalized gain"]


def to_text(report: GainsReport) -> str:
    out = [
        "",
        f"Pre-test and post-test ({report.folder})",
        f"Class mean normalized gain: {_mean(report.overall)}.",
    ]
    for title, _per, cg in report.topics:
        out.append(f"  {title}: {_mean(cg)}.")
    rows = _rows(report)
    widths = [max(len(r[i]) for r in [HEADERS, *rows]) for i in range(len(HEADERS))]
    out.append("  ".join(h.ljust(w) for h, w in zip(HEADERS, widths, strict=True)).rstrip())
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(out) + "\n"


def to_markdown(report: GainsReport) -> str:
    out = [
        "",
        "## Pre-test and post-test",
        "",
        f"Class mean normalized gain: {md(_mean(report.overall))}.",
        "",
    ]
    out += [f"- {md(title)}: {md(_mean(cg))}" for title, _per, cg in report.topics]
    out += ["", "| " + " | ".join(HEADERS) + " |", "|" + " --- |" * len(HEADERS)]
    out += ["| " + " | ".join(md(c) for c in r) + " |" for r in _rows(report)]
    return "\n".join(out) + "\n"


def to_csv(report: GainsReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([])
    writer.writerow(HEADERS)
    # Names come from students: a leading = + - @ would run as a spreadsheet formula.
    writer.writerows(
        [[("'" + c if c[:1] in "=+-@" and not _number(c) else c) for c in r] for r in _rows(report)]
    )
    return buffer.getvalue()


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def to_html(report: GainsReport) -> str:
    esc = html.escape
    out = [
        "<h2>Pre-test and post-test</h2>",
        f"<p>Class mean normalized gain: {esc(_mean(report.overall))}.</p>",
    ]
    out.append(
        "<ul>" + "".join(f"<li>{esc(t)}: {esc(_mean(cg))}</li>" for t, _p, cg in report.topics) + "</ul>"
    )
    out.append("<table><tr>" + "".join(f"<th>{esc(h)}</th>" for h in HEADERS) + "</tr>")
    out += ["<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in _rows(report)]
    out.append("</table>")
    return "\n".join(out) + "\n"
