"""Generate a large valid pack for the load benchmark: N questions over ~20 quiz files, all seven types.

The article is made of generated sentences (figures, places, people, quoted speech, claims); every
question quotes one of them, so every quote is verified against the article as in a real pack. The
files are written in the hand-authored style of the bundled packs: block mappings, double-quoted
prompts, ``>-`` folded explanations, options with and without feedback.

    python benchmarks/gen_pack.py [--questions 10000] [--files 20] [--out DIR]

prints the pack folder (a new temporary folder unless ``--out`` is given).
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

TYPES = ["single", "attribution", "true_false", "claim_fact", "multi", "short", "order"]
TOPICS = ["people", "places", "numbers", "claims", "history"]

_PLACES = (
    "Ardmore Belvue Carrick Dunmore Elston Fairholm Glenard Harwick Inver Kestrel Lowmoor Marden"
).split()
_BODIES = "council ministry court union agency committee board assembly commission tribunal".split()
_VERBS = "approved rejected delayed announced funded reviewed suspended expanded".split()
_THINGS = "homes schools bridges clinics roads wells farms depots libraries markets".split()
_FIRST = "Ana Ben Chloé Dara Emil Farah Goran Hana Idris Jonas Kemal Lena Mira Nuno Omar Pia".split()
_LAST = "Ruiz Okafor Lindqvist Haddad Moreau Novak Sato Brennan Costa Weber Abbasi Kowalski".split()
_SAYINGS = [
    "We are ready for whatever comes",
    "Nobody told us the plan had changed",
    "The figures speak for themselves",
    "This was never about money",
    "We will rebuild before the winter",
    "The river has always decided for us",
]


@dataclass
class Sentence:
    text: str
    kind: str  # "fact" | "claim" | "quote"
    number: int
    place: str
    speaker: str


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def make_sentences(count: int, rng: random.Random) -> list[Sentence]:
    """``count`` distinct sentences; the running index inside each keeps them distinct."""
    out: list[Sentence] = []
    for i in range(count):
        place, body = rng.choice(_PLACES), rng.choice(_BODIES)
        verb, thing = rng.choice(_VERBS), rng.choice(_THINGS)
        number = 10 + i * 7 + rng.randrange(5)
        speaker = _name(rng)
        kind = ("fact", "claim", "quote")[i % 3]
        if kind == "fact":
            text = f"In {1900 + i % 120} the {body} of {place} {verb} {number} new {thing} in its district."
        elif kind == "claim":
            text = f"Officials in {place} claimed that {number} {thing} were safe after the {body} {verb} it."
        else:
            saying = rng.choice(_SAYINGS)
            text = f"\u201c{saying} in {place}, and {number} {thing} prove it,\u201d said {speaker}."
        out.append(Sentence(text, kind, number, place, speaker))
    return out


def article_text(sentences: list[Sentence], rng: random.Random) -> str:
    """A headline, paragraphs of 3-6 sentences, and a page footer (boilerplate)."""
    parts = ["A Generated Article for Benchmarks", ""]
    i = 0
    while i < len(sentences):
        size = rng.randint(3, 6)
        parts += [" ".join(s.text for s in sentences[i : i + size]), ""]
        i += size
    parts += ["Source link", "Copyright notice and other page furniture.", ""]
    return "\n".join(parts)


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def folded(key: str, text: str, indent: str) -> list[str]:
    lines = textwrap.wrap(text, 70)
    return [f"{indent}{key}: >-", *(f"{indent}  {line}" for line in lines)]


def question_yaml(n: int, qtype: str, s: Sentence, rng: random.Random) -> list[str]:
    """One question of ``qtype`` about sentence ``s``, as YAML lines."""
    ind = "    "
    head = [f"  - id: q{n:05d}", f"{ind}type: {qtype}", f"{ind}topic: {TOPICS[n % len(TOPICS)]}"]
    body: list[str] = []
    others = [p for p in _PLACES if p != s.place]
    rng.shuffle(others)
    if qtype == "single":
        body.append(f"{ind}prompt: {q(f'Where did this happen, according to the article (item {n})?')}")
        body.append(f"{ind}options:")
        body.append(f"{ind}  - {q(s.place)}")
        body.append(f"{ind}  - text: {q(others[0])}")
        why = f"{others[0]} is another place in the article; reread the sentence."
        body += folded("feedback", why, ind + "    ")
        body += [f"{ind}  - {q(others[1])}", f"{ind}  - {q(others[2])}"]
        body.append(f"{ind}answer: {q(s.place)}")
    elif qtype == "attribution":
        speaker = s.speaker if s.kind == "quote" else "Officials"
        wrong: list[str] = []
        while len(wrong) < 2:
            name = _name(rng)
            if name != speaker and name not in wrong:
                wrong.append(name)
        body.append(f"{ind}prompt: {q('Who said it?')}")
        body.append(f"{ind}statement: {q(s.text[:60])}")
        body.append(f"{ind}options: [{', '.join(q(o) for o in [speaker, *wrong])}]")
        body.append(f"{ind}answer: {q(speaker)}")
    elif qtype == "true_false":
        body.append(f"{ind}prompt: {q(f'True or false: the article names {s.place} here (item {n}).')}")
        body.append(f"{ind}answer: {'true' if n % 2 else 'false'}")
    elif qtype == "claim_fact":
        body.append(f"{ind}prompt: {q('Does the article state this in its own voice, or report a claim?')}")
        body.append(f"{ind}statement: {q(s.text[:80])}")
        body.append(f"{ind}answer: {'fact' if s.kind == 'fact' else 'claim'}")
    elif qtype == "multi":
        body.append(f"{ind}prompt: {q('Which of these places does the article name? Pick all that apply.')}")
        body.append(f"{ind}options:")
        body += [f"{ind}  - {q(o)}" for o in [s.place, others[0], others[1], "Atlantis"]]
        body.append(f"{ind}answers: [{q(s.place)}, {q(others[0])}]")
    elif qtype == "short":
        body.append(f"{ind}prompt: {q(f'What number does the article give here (item {n})?')}")
        body.append(f"{ind}answers: [{q(str(s.number))}]")
    else:  # order
        items = [f"Step {k} of item {n}" for k in range(1, rng.randint(3, 5) + 1)]
        body.append(f"{ind}prompt: {q('Put these in the order the article tells them.')}")
        body.append(f"{ind}items:")
        body += [f"{ind}  - {q(item)}" for item in items]
    body += folded("explanation", f"The article says so in this sentence: {s.text} That is item {n}.", ind)
    if n % 5 == 0:
        body += folded("context", "Background, not from the article: generated for the benchmark.", ind)
    if n % 7 == 0:
        body.append(f"{ind}points: 20")
    words = s.text.split()
    quote = " ".join(words[: rng.randint(6, len(words))]) if n % 2 else s.text
    body += [f"{ind}quotes:", f"{ind}  - {q(quote)}"]
    return head + body


def generate(
    folder: Path, questions: int = 10_000, files: int = 20, sentences: int = 1_000, seed: int = 7
) -> Path:
    """Write the pack into ``folder`` (created) and return it.

    Args:
        folder: the pack folder; its name is the pack id (use ``bench``).
        questions: how many questions, spread evenly over ``files`` quiz files.
        files: how many quiz files.
        sentences: article length in sentences; quote lookup scans it once per quote.
        seed: the same seed writes the same bytes.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    pool = make_sentences(sentences, rng)
    (folder / "article.txt").write_text(article_text(pool, rng), encoding="utf-8")
    topics = "\n".join(f"  - id: {t}\n    title: {t.title()}" for t in TOPICS)
    (folder / "pack.yaml").write_text(
        f"id: {folder.name}\ntitle: Generated benchmark pack\ndescription: {questions} generated questions.\n"
        f"article: article.txt\nboilerplate_starts: Source link\ntopics:\n{topics}\n",
        encoding="utf-8",
    )
    per_file = -(-questions // files)
    for f in range(files):
        lines = ["kind: quiz", "questions:"]
        for n in range(f * per_file, min(questions, (f + 1) * per_file)):
            lines += question_yaml(n, TYPES[n % len(TYPES)], pool[rng.randrange(len(pool))], rng)
            lines.append("")
        (folder / f"quiz-{f + 1:02d}.yaml").write_text("\n".join(lines), encoding="utf-8")
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--sentences", type=int, default=1_000)
    parser.add_argument("--out", type=Path, help="parent folder (default: a new temporary folder)")
    args = parser.parse_args()
    parent = args.out or Path(tempfile.mkdtemp(prefix="qb-bench-"))
    print(generate(parent / "bench", args.questions, args.files, args.sentences))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
