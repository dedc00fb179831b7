"""The class report as a terminal table, CSV, Markdown or HTML.

Every string here comes from results files (students' machines) and was cleaned of control codes when read;
each format then escapes for itself: Markdown backslash-escapes, HTML ``html.escape``, and CSV guards cells
that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first: OWASP's CSV-injection advice).
"""

from __future__ import annotations

import csv
import html
import io
import unicodedata

from game.export.common import one_line, question_label, question_name
from game.export.markdown import escape as md
from game.export.report import ClassReport, QuestionStat, StudentRow, duration


def _headline(report: ClassReport) -> str:
    rounds = len(report.students)
    packs = ", ".join(report.packs)
    seeds = ", ".join(str(s) for s in report.seeds)
    seed_word = "seed" if len(report.seeds) == 1 else "seeds"
    return (
        f"{rounds} round{'s' * (rounds != 1)} by {report.players} player{'s' * (report.players != 1)}; "
        f"pack {packs}; {seed_word} {seeds}. Average score {report.mean_percent:g}% "
        f"(median {report.median_percent:g}%)."
    )


def _note(row: StudentRow) -> str:
    """Why a round is short: where it stopped, or which questions had no answer when some came later."""
    if row.complete:
        return ""
    if row.unanswered in ((), tuple(range(row.answered + 1, row.total + 1))):
        return f"stopped after {row.answered} of {row.total}"
    # A live class moves on without a student who was away or joined late: "stopped after 2 of 3" of
    # one who answered Q1 and Q3 was not true.
    return f"answered {row.answered} of {row.total} (not {_spans(row.unanswered)})"


def _spans(numbers: tuple[int, ...]) -> str:
    """``Q1, Q3–Q5``: question numbers (ascending), runs written as a span."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    labels = [question_label(r[0]) + (f"–{question_label(r[-1])}" if len(r) > 1 else "") for r in runs]
    return ", ".join(labels)


def _number(stat: QuestionStat, index: int) -> str:
    """The question's number in the round (``Q4``), or its place in the list when rounds disagree."""
    return stat.label or str(index)


def _named(stat: QuestionStat) -> str:
    """``Q4 "Which town…"``: a question by its number in the round and its prompt."""
    return question_name(stat.label, stat.prompt)


def _wrong(stat: QuestionStat) -> str:
    most = stat.most_wrong
    return f"{most[0]} ({most[1]}×)" if most else ""


# --- terminal ------------------------------------------------------------------------------------


def _char_width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


_NARROW_BELOW = "\u0378"
"""Every character before this one is one column wide (east_asian_width neither W nor F; a test checks)."""
_NARROW_PUNCTUATION = dict.fromkeys(range(0x2010, 0x2028))
"""Dashes, curly quotes, bullets and the ellipsis: one column each (a test checks), and common in prompts."""


def _width(text: str) -> int:
    if text.isascii():
        return len(text)
    # Most text is Latin with typographic punctuation: known narrow without asking unicodedata character
    # by character (a Python call each, most of the text report's time).
    rest = text.translate(_NARROW_PUNCTUATION)
    if not rest or max(rest) < _NARROW_BELOW:
        return len(text)
    return sum(map(_char_width, text))


def _fit(text: str, width: int) -> str:
    text = one_line(text)
    used = _width(text)
    if used <= width:
        return text + " " * (width - used)
    if used == len(text):  # every character one column: the cut below, by slicing
        return text[: width - 1] + "…"
    # Cut as the width adds up, character by character (measuring each longer prefix again made a
    # report of a few hundred answers spend most of its time here).
    out: list[str] = []
    used = 0
    for ch in text:
        wide = _char_width(ch)
        if used + wide > width - 1:
            break
        out.append(ch)
        used += wide
    return "".join(out) + "…" + " " * (width - 1 - used)


def _table(headers: list[str], rows: list[list[str]], widths: list[int]) -> list[str]:
    lines = ["  ".join(_fit(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_fit(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return lines


def _natural(cells: list[str], cap: int) -> int:
    return min(cap, max((_width(one_line(c)) for c in cells), default=0))


def to_text(report: ClassReport, *, width: int = 100) -> str:
    """A plain-text report for the terminal, ``width`` columns wide."""
    many_packs = len(report.packs) > 1
    out = ["Class report", _headline(report), *(f"Note: {n}" for n in report.notes), "", "Scores"]
    heads = ["Player", *(["Pack"] if many_packs else []), "Seed", "Score", "%", "Right", "Time", "Note"]
    rows = [
        [
            s.player,
            *([s.pack] if many_packs else []),
            str(s.seed),
            f"{s.score}/{s.max_score}",
            f"{s.percent}%",
            f"{s.right}/{s.total}",
            duration(s.seconds),
            _note(s),
        ]
        for s in report.students
    ]
    # The note, last, may run longer than the other cells: it names the questions a student left.
    caps = [24] * (len(heads) - 1) + [40]
    widths = [max(_width(h), _natural([r[i] for r in rows], caps[i])) for i, h in enumerate(heads)]
    out += _table(heads, rows, widths)
    out += ["", "Questions"]
    heads = ["#", "Question", "Asked", "Right", "Most chosen wrong answer", "Timed out"]
    rows = [
        [_number(q, i), q.prompt, str(q.asked), f"{q.percent_right}%", _wrong(q), str(q.timed_out)]
        for i, q in enumerate(report.questions, start=1)
    ]
    fixed = [max(1, *(len(r[0]) for r in rows)) if rows else 1, 5, 5, 9]
    free = max(30, width - sum(fixed) - 2 * 5)
    widths = [fixed[0], free * 3 // 5, fixed[1], fixed[2], free - free * 3 // 5, fixed[3]]
    out += _table(heads, rows, widths)
    out += ["", "Most missed"]
    if not report.anyone_missed:
        out.append("No question was missed.")
    for rank, q in enumerate(report.most_missed, start=1):
        out.append(f"{rank}. {_named(q)}")
        missed = f"Missed by {q.missed} of {q.asked} ({100 - q.percent_right}%)."
        out.append(f"   {missed} Right answer: {one_line(q.right_answer)}")
        if q.quotes is None:
            out.append("   (quote unavailable: the pack was not found)")
        out += [f"   {one_line(quote)}" for quote in q.quotes or []]
    return "\n".join(out) + "\n"


# --- CSV -----------------------------------------------------------------------------------------


def _cell(value: object) -> object:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value  # a spreadsheet would run it as a formula
    return value


def to_csv(report: ClassReport) -> str:
    """Two tables in one CSV file, each under a title row: Scores, then Questions (with missed rank)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180 line ends, which spreadsheets expect

    def row(*cells: object) -> None:
        writer.writerow([_cell(c) for c in cells])

    row("Scores")
    row(
        "player",
        "pack",
        "seed",
        "score",
        "max_score",
        "percent",
        "right",
        "answered",
        "total",
        "complete",
        "time_seconds",
        "started",
        "file",
    )
    for s in report.students:
        row(
            s.player,
            s.pack,
            s.seed,
            s.score,
            s.max_score,
            s.percent,
            s.right,
            s.answered,
            s.total,
            "yes" if s.complete else "no",
            round(s.seconds, 1),
            s.started,
            s.file,
        )
    row()
    row("Questions")
    row(
        "pack",
        "question_id",
        "prompt",
        "asked",
        "right",
        "percent_right",
        "most_chosen_wrong_answer",
        "times_chosen",
        "timed_out",
        "missed_rank",
        "right_answer",
        "quotes",
        "number_in_round",
    )
    ranks = {id(q): i for i, q in enumerate(report.most_missed, start=1)}
    for q in report.questions:
        most = q.most_wrong
        row(
            q.pack,
            q.id,
            q.prompt,
            q.asked,
            q.right,
            q.percent_right,
            most[0] if most else "",
            most[1] if most else 0,
            q.timed_out,
            ranks.get(id(q), ""),
            q.right_answer,
            " | ".join(q.quotes) if q.quotes else "",
            q.number if q.number is not None else "",
        )
    return buffer.getvalue()


# --- Markdown ------------------------------------------------------------------------------------


def _md_table(headers: list[str], align: str, rows: list[list[str]]) -> list[str]:
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(rule) + " |"]
    return lines + ["| " + " | ".join(md(c) or " " for c in r) + " |" for r in rows]


def to_markdown(report: ClassReport) -> str:
    """The report as GitHub Markdown with tables."""
    out = ["# Class report", "", md(_headline(report)), ""]
    out += [f"*Note: {md(n)}*" for n in report.notes]
    out += ["", "## Scores", ""]
    out += _md_table(
        ["Player", "Pack", "Seed", "Score", "%", "Right", "Time", "Note"],
        "llrrrrrl",
        [
            [
                s.player,
                s.pack,
                str(s.seed),
                f"{s.score}/{s.max_score}",
                f"{s.percent}%",
                f"{s.right}/{s.total}",
                duration(s.seconds),
                _note(s),
            ]
            for s in report.students
        ],
    )
    out += ["", "## Questions", ""]
    out += _md_table(
        ["#", "Question", "Asked", "Right", "Most chosen wrong answer", "Timed out"],
        "rlrrlr",
        [
            [_number(q, i), q.prompt, str(q.asked), f"{q.percent_right}%", _wrong(q), str(q.timed_out)]
            for i, q in enumerate(report.questions, start=1)
        ],
    )
    out += ["", "## Most missed", ""]
    if not report.anyone_missed:
        out += ["No question was missed.", ""]
    for rank, q in enumerate(report.most_missed, start=1):
        out += [f"### {rank}. {md(_named(q))}", ""]
        out += [
            f"Missed by {q.missed} of {q.asked} ({100 - q.percent_right}%). "
            f"Right answer: **{md(q.right_answer)}**",
            "",
        ]
        if q.quotes is None:
            out += ["*Quote unavailable: the pack was not found.*", ""]
        for quote in q.quotes or []:
            out += [f"> {md(quote)}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


# --- HTML ----------------------------------------------------------------------------------------

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}"
    "table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.3rem .5rem;"
    "text-align:left;vertical-align:top}td.n{text-align:right}blockquote{margin:.3rem 0 .3rem 1rem;"
    "padding-left:.6rem;border-left:3px solid #888}"
)


def _h(text: object) -> str:
    return html.escape(str(text), quote=True)


def _html_table(headers: list[str], numeric: set[int], rows: list[list[object]]) -> list[str]:
    out = ["<table>", "<tr>" + "".join(f"<th>{_h(h)}</th>" for h in headers) + "</tr>"]
    for r in rows:
        cells = "".join(
            f'<td class="n">{_h(c)}</td>' if i in numeric else f"<td>{_h(c)}</td>" for i, c in enumerate(r)
        )
        out.append(f"<tr>{cells}</tr>")
    return [*out, "</table>"]


def to_html(report: ClassReport) -> str:
    """A standalone HTML page; every value is escaped."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        "<title>Class report</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<h1>Class report</h1>",
        f"<p>{_h(_headline(report))}</p>",
    ]
    out += [f"<p><em>Note: {_h(n)}</em></p>" for n in report.notes]
    out.append("<h2>Scores</h2>")
    out += _html_table(
        ["Player", "Pack", "Seed", "Score", "%", "Right", "Time", "Note"],
        {2, 3, 4, 5, 6},
        [
            [
                s.player,
                s.pack,
                s.seed,
                f"{s.score}/{s.max_score}",
                f"{s.percent}%",
                f"{s.right}/{s.total}",
                duration(s.seconds),
                _note(s),
            ]
            for s in report.students
        ],
    )
    out.append("<h2>Questions</h2>")
    out += _html_table(
        ["#", "Question", "Asked", "Right", "Most chosen wrong answer", "Timed out"],
        {0, 2, 3, 5},
        [
            [_number(q, i), q.prompt, q.asked, f"{q.percent_right}%", _wrong(q), q.timed_out]
            for i, q in enumerate(report.questions, start=1)
        ],
    )
    out.append("<h2>Most missed</h2>")
    if not report.anyone_missed:
        out.append("<p>No question was missed.</p>")
    for rank, q in enumerate(report.most_missed, start=1):
        out.append(f"<h3>{rank}. {_h(_named(q))}</h3>")
        out.append(
            f"<p>Missed by {q.missed} of {q.asked} ({100 - q.percent_right}%). "
            f"Right answer: <strong>{_h(q.right_answer)}</strong></p>"
        )
        if q.quotes is None:
            out.append("<p><em>Quote unavailable: the pack was not found.</em></p>")
        out += [f"<blockquote>{_h(quote)}</blockquote>" for quote in q.quotes or []]
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
