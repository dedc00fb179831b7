"""The fairness checks (issue 14): questions a test-wise player can answer without reading the article.

Students learn to pick the longest option, the one with the precise qualifier, the one that echoes the
article. Each check here warns, as ``path:line:col: warning:`` naming the question, about one such
giveaway:

- the right option is longer than :data:`~game.authoring.fairness_rules.LONGEST_MARGIN` times the
  longest wrong one, or the only one with a number, a date, or a hedge (single choice, attribution);
- an ordering question whose items carry figures already in order;
- a true statement that copies a sentence of the article, or a run of
  :data:`~game.authoring.fairness_rules.COPIED_RUN` of its words;
- wrong options of another kind than the answer (a place among people, a number among names), by the
  ``people``, ``outlets`` and ``places`` that ``pack.yaml`` declares;
- attribution options that are not declared people or outlets.

Across the pack, the count of single-choice and attribution questions whose answer is strictly the
longest option is compared with chance (the sum of 1/options); above it is a warning on ``pack.yaml``.
A ``# giveaway-ok: reason`` comment inside a question's block silences the checks for that question.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from game.authoring import fairness_rules as rules
from game.engine.content.diagnostics import ContentError, Diagnostic
from game.engine.content.loader import PACK_FILE, Pack, display_path
from game.engine.content.yamldoc import Path_, YamlDoc

Finding = tuple[Path_, str]
"""Where in the question (a path below it) and what is wrong."""

GIVEAWAY_OK = "giveaway-ok"
"""The comment that excuses a question; a file without these words has none."""
_GIVEAWAY_OK = re.compile(r"(?:^|\s)#\s*giveaway-ok\b:?(.*)$")
_TRUE_OR_FALSE = ("true", "or", "false")
_JUDGED = ("person", "outlet", "place", "number")


class Question(NamedTuple):
    """A question as these checks read it. :func:`read_question` is the one place that knows the
    question structs, so that moving them changes nothing else here."""

    id: str
    type: str
    prompt: str
    options: list[str]
    right: list[str]
    items: list[str]
    statement: str | None
    truth: bool | None


def read_question(question: Any) -> Question:
    """Read any question struct by its fields (``type``, ``options``, ``answer(s)``, ``items``, ...)."""
    kind = getattr(question, "kind", None)
    if not isinstance(kind, str):
        kind = str(type(question).__struct_config__.tag)
    options = [o if isinstance(o, str) else o.text for o in getattr(question, "options", None) or []]
    answer = getattr(question, "answer", None)
    right = [answer] if isinstance(answer, str) else list(getattr(question, "answers", None) or [])
    return Question(
        id=question.id,
        type=kind,
        prompt=question.prompt,
        options=options,
        right=right,
        items=list(getattr(question, "items", None) or []),
        statement=getattr(question, "statement", None),
        truth=answer if isinstance(answer, bool) else None,
    )


# --- the checks of one question -----------------------------------------------------------------


def _finding(where: Path_, q: Question, message: str) -> Finding:
    return where, f"question {q.id!r}: {message}"


def _answer_index(q: Question) -> int | None:
    if q.type not in ("single", "attribution") or not q.right or q.right[0] not in q.options:
        return None
    return q.options.index(q.right[0])


def answer_strictly_longest(q: Question) -> bool:
    """Whether the right option is longer, in characters, than every wrong one (ties do not count)."""
    index = _answer_index(q)
    if index is None:
        return False
    wrong = [len(o) for i, o in enumerate(q.options) if i != index]
    return bool(wrong) and len(q.options[index]) > max(wrong)


def check_option_giveaways(q: Question) -> list[Finding]:
    """The right option much the longest, or alone with a number, a date or a hedge."""
    index = _answer_index(q)
    if index is None:
        return []
    answer = q.options[index]
    wrong = [o for i, o in enumerate(q.options) if i != index]
    findings: list[Finding] = []
    where: Path_ = ("options", index)
    longest_wrong = max(len(o) for o in wrong)
    if len(answer) > rules.LONGEST_MARGIN * longest_wrong:
        message = (
            f"the right option is the longest by a wide margin ({len(answer)} characters, the "
            f"longest wrong one {longest_wrong}): make the options alike in length"
        )
        findings.append(_finding(where, q, message))
    alone = []
    if rules.has_number(answer) and not any(rules.has_number(o) for o in wrong):
        alone.append("a number")
    if rules.has_date(answer) and not any(rules.has_date(o) for o in wrong):
        alone.append("a date")
    hedged = rules.hedges(answer)
    if hedged and not any(rules.hedges(o) for o in wrong):
        alone.append(f"a hedge or qualifier ({', '.join(repr(h) for h in dict.fromkeys(hedged))})")
    if alone:
        message = (
            f"the right option is the only one with {' and '.join(alone)}: give the wrong options "
            "the same, or take it out of the right one"
        )
        findings.append(_finding(where, q, message))
    return findings


def check_order(q: Question) -> list[Finding]:
    """Ordering items whose figures are already in the right order (or its reverse)."""
    if q.type != "order":
        return []
    figures = [(i, found[0]) for i, item in enumerate(q.items) if (found := rules.numbers(item))]
    if len(figures) < 2:
        return []
    values = [v for _, v in figures]
    pairs = list(zip(values, values[1:], strict=False))
    if not (all(a < b for a, b in pairs) or all(a > b for a, b in pairs)):
        return []
    shown = ", ".join(f"{v:g}" for v in values)
    message = f"the items carry figures that give the order away ({shown}): take them out of the items"
    return [_finding(("items", figures[0][0]), q, message)]


def check_copied_statement(q: Question, article: rules.ArticleWords) -> list[Finding]:
    """A true true/false statement that repeats the article: recognised, not read.

    A false one that copies most of a sentence is fair: the player has to spot what changed.
    """
    if q.type != "true_false" or q.truth is not True:
        return []
    said = rules.words(q.statement or q.prompt)
    if tuple(said[:3]) == _TRUE_OR_FALSE:
        said = said[3:]
    where: Path_ = ("statement",) if q.statement else ("prompt",)
    if tuple(said) in article.sentences:
        how = "is a sentence of the article"
    elif rules.runs(said, rules.COPIED_RUN) & article.runs:
        how = f"copies {rules.COPIED_RUN} or more words in a row from a sentence of the article"
    else:
        return []
    message = f"the true statement {how}: a player can answer by recognition, not reading; reword it"
    return [_finding(where, q, message)]


def check_kinds(q: Question, names: rules.Names) -> list[Finding]:
    """Wrong options of another kind than the answer; attribution options that are not sources."""
    if not q.options or q.type not in ("single", "attribution", "multi"):
        return []
    findings: list[Finding] = []
    if q.type == "attribution" and names.sources:
        for i, option in enumerate(q.options):
            if not names.is_source(option):
                message = f"attribution option {option!r} is not a person or outlet pack.yaml declares"
                findings.append(_finding(("options", i), q, message))
        return findings
    right_kinds = {names.kind(o) for o in q.options if o in q.right}
    if len(right_kinds) != 1 or (right := right_kinds.pop()) not in _JUDGED:
        return []
    for i, option in enumerate(q.options):
        if option not in q.right and (kind := names.kind(option)) in _JUDGED and kind != right:
            message = f"wrong option {option!r} is a {kind}, the answer a {right}: it can be ruled out unread"
            findings.append(_finding(("options", i), q, message))
    return findings


def question_findings(q: Question, names: rules.Names, article: rules.ArticleWords) -> list[Finding]:
    """Every fairness finding for one question."""
    return [
        *check_option_giveaways(q),
        *check_order(q),
        *check_copied_statement(q, article),
        *check_kinds(q, names),
    ]


# --- the pack ---------------------------------------------------------------------------------


class Longest(NamedTuple):
    """How often the answer is strictly the longest option, against chance."""

    pack: str
    longest: int
    questions: int
    chance: float

    @property
    def above_chance(self) -> bool:
        return self.longest > self.chance + 1e-9

    def line(self) -> str:
        return (
            f"{self.pack}: answer is the longest option: {self.longest} of {self.questions} "
            f"single-choice and attribution questions (chance: {self.chance:.1f})"
        )


def longest_answers(pack: Pack) -> Longest:
    """The answer-is-longest figure of a pack; chance is the sum of 1/options over those questions."""
    judged = [q for q in map(read_question, pack.questions) if _answer_index(q) is not None]
    count = sum(answer_strictly_longest(q) for q in judged)
    return Longest(pack.id, count, len(judged), sum(1 / len(q.options) for q in judged))


def _load_yaml(path: Path, display: str) -> YamlDoc:
    # Imported here: `coverage` asks only for longest_answers, and with its pack from the cache of
    # validated packs it then imports no YAML parser.
    from game.engine.content.yamlsafe import load_yaml

    return load_yaml(path, display)


class _Source:
    """One content file, re-read (only when needed) for positions and ``giveaway-ok`` comments."""

    def __init__(self, path: Path, display: str, parsed: YamlDoc | None = None) -> None:
        self.path, self.display = path, display
        try:
            self.text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            self.text = ""
        self.lines = self.text.splitlines()
        self.has_comments = GIVEAWAY_OK in self.text
        self._doc: YamlDoc | None = parsed
        self._parsed = False
        self.index: dict[str, int] = {}
        self.count = 0

    @property
    def doc(self) -> YamlDoc | None:
        """The parsed file; parsed on first use, as most files need no position but the id's."""
        if not self._parsed:
            self._parsed = True
            if self._doc is None:
                try:
                    self._doc = _load_yaml(self.path, self.display)
                except ContentError:
                    return None
            data = self._doc.data
            questions = data.get("questions") if isinstance(data, dict) else None
            questions = questions if isinstance(questions, list) else []
            self.count = len(questions)
            for i, raw in enumerate(questions):
                if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                    self.index[raw["id"]] = i
        return self._doc

    def block(self, qid: str) -> tuple[int, int] | None:
        """The first and last line of a question's block (up to the next question)."""
        doc = self.doc
        if doc is None or qid not in self.index:
            return None
        i = self.index[qid]
        first = doc.position(("questions", i))[0]
        following = doc.position(("questions", i + 1))[0] if i + 1 < self.count else None
        return first, (following - 1 if following and following > first else len(self.lines))


def check_pack(pack: Pack, parsed: Mapping[str, YamlDoc] | None = None) -> tuple[list[Diagnostic], Longest]:
    """Every fairness warning of a loaded pack, and its answer-is-longest figure.

    ``parsed``: content files the caller parsed already (by display name), so they are not parsed again.
    """
    meta = pack.meta
    names = rules.Names.of(meta.people, meta.outlets, meta.places)
    article = rules.ArticleWords.of(p.text for p in pack.article.body)
    warnings: list[Diagnostic] = []
    sources: dict[str, _Source] = {}
    for question in pack.questions:
        q = read_question(question)
        findings = question_findings(q, names, article)
        display, line = pack.sources.get(q.id) or (display_path(pack.folder), 1)
        if display not in sources:
            sources[display] = _Source(pack.folder / Path(display).name, display, (parsed or {}).get(display))
        source = sources[display]
        if findings or source.has_comments:
            warnings.extend(_question_warnings(q, findings, source, display, line))
    longest = longest_answers(pack)
    warnings.extend(_pack_warnings(pack, longest))
    return warnings, longest


def _question_warnings(
    q: Question, findings: list[Finding], source: _Source, display: str, line: int
) -> list[Diagnostic]:
    """The findings of one question as diagnostics, unless a reasoned ``giveaway-ok`` silences them."""

    def warn(at_line: int, col: int, message: str) -> Diagnostic:
        return Diagnostic(display, at_line, col, f"question {q.id!r}: {message}", "warning")

    out: list[Diagnostic] = []
    excused: int | None = None  # the line of a giveaway-ok comment with a reason
    block = source.block(q.id)
    for number in range(block[0], min(block[1], len(source.lines)) + 1) if block else ():
        match = _GIVEAWAY_OK.search(source.lines[number - 1])
        if match is None:
            continue
        col = source.lines[number - 1].index("#", match.start()) + 1
        if match.group(1).strip():
            excused = excused or number
        else:
            message = "a giveaway-ok comment without a reason does not count: write '# giveaway-ok: why'"
            out.append(warn(number, col, message))
    if excused is not None:
        if not findings:
            out.append(warn(excused, 1, "giveaway-ok comment, but no fairness check fires here: remove it"))
        return out
    doc = source.doc
    question_path: Path_ = ("questions", source.index[q.id]) if q.id in source.index else ()
    for where, message in findings:
        if doc is not None and question_path:
            at_line, col = doc.position((*question_path, *where))
        else:
            at_line, col = line, 1
        out.append(Diagnostic(display, at_line, col, message, "warning"))
    return out


def _pack_warnings(pack: Pack, longest: Longest) -> list[Diagnostic]:
    """The answer-is-longest warning, and declared names the article does not contain."""
    found: list[tuple[Path_, str]] = []
    if longest.above_chance:
        share = f"{longest.longest} of {longest.questions} single-choice and attribution questions"
        found.append((("id",), (
            f"the answer is the longest option in {share}, above chance ({longest.chance:.1f}): a "
            "player who always picks the longest option beats guessing"
        )))
    meta = pack.meta
    declared = {"person": meta.people, "outlet": meta.outlets, "place": meta.places}
    if any(declared.values()):
        text = " ".join(p.text for p in pack.article.body)
        body, exact_body = rules.words(text), rules.words(text, fold=False)
        keys = {"person": "people", "outlet": "outlets", "place": "places"}
        for kind, names in declared.items():
            for i, name in enumerate(names):
                entry = rules.Name.of(name)
                if not rules.contains_run(exact_body if entry.exact else body, entry.words):
                    found.append(((keys[kind], i), f"{kind} {name!r} is not named in the article"))
    if not found:
        return []
    path = pack.folder / PACK_FILE
    display = display_path(path)
    try:  # parsed again only to point at the right line
        doc: YamlDoc | None = _load_yaml(path, display)
    except ContentError:
        doc = None
    out = []
    for where, message in found:
        line, col = doc.position(where) if doc is not None else (1, 1)
        out.append(Diagnostic(display, line, col, message, "warning"))
    return out


def report(
    pack: Pack, note: Callable[[str], None], parsed: Mapping[str, YamlDoc] | None = None
) -> list[Diagnostic]:
    """Check ``pack``, hand its answer-is-longest line to ``note``, and return the warnings (``parsed``:
    as for :func:`check_pack`)."""
    warnings, longest = check_pack(pack, parsed)
    note(longest.line())
    return warnings
