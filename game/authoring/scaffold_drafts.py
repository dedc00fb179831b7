"""The drafts of a new pack: ``pack.yaml``, a sample quiz and a sample scenario, as text.

Built from real sentences of the article (its first body sentences, reused when the article is short),
so every quote is verbatim and the new pack validates before its author has changed a word;
``# TODO:`` comments mark what the author must write. :mod:`game.authoring.scaffold` writes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.authoring.scaffold_text import (
    ATTRIBUTED,
    ScaffoldError,
    distinct_phrases,
    gap_word,
    quotable_sentences,
    quotation,
    title_of,
    with_gap,
    wrong_words,
    yaml_items,
    yq,
)
from game.authoring.schemas import SCHEMA_FILES
from game.engine.content.loader import PACK_FILE
from game.engine.content.quotes import Article, normalize

QUIZ_FILE = "quiz-sample.yaml"
STORY_FILE = "story-sample.yaml"


def schema_line(kind: str) -> str:
    """The first line of a content file: where editors find its JSON Schema (``../../schemas/``)."""
    return f"# yaml-language-server: $schema=../../schemas/{SCHEMA_FILES[kind][0]}"



# --- the drafts -------------------------------------------------------------------------------


@dataclass
class Draft:
    """The text of every file of a new pack, by path relative to the root folder."""

    name: str
    files: dict[str, str] = field(default_factory=dict)


def draft_pack(article: Article, name: str) -> Draft:
    """The new pack's ``pack.yaml``, sample quiz and sample scenario for ``article``, as text.

    Args:
        article: the article, read from its seed file (``seeds/NAME.txt``).
        name: the pack name (a valid pack id).

    Raises:
        ScaffoldError: when the article has no sentence to quote.
    """
    sentences = quotable_sentences(article)
    if not sentences:
        raise ScaffoldError(
            f"the article {article.path.name!r} has no sentence to quote; is it the article's text?"
        )
    folder = f"scenes/{name}"
    return Draft(
        name,
        {
            f"{folder}/{PACK_FILE}": _pack_yaml(article, name),
            f"{folder}/{QUIZ_FILE}": _quiz_yaml(article, name, sentences),
            f"{folder}/{STORY_FILE}": _story_yaml(name, sentences),
        },
    )


def _pick(sentences: list[str], index: int) -> str:
    """Sentence ``index``, reusing sentences when the article has fewer."""
    return sentences[index % len(sentences)]


def _pack_yaml(article: Article, name: str) -> str:
    return f"""{schema_line("pack")}
# The pack for seeds/{name}.txt, made by `quotebound new`; the format is in docs/authoring.md.
# Check it with: quotebound validate scenes/{name}
id: {name}
title: {yq(title_of(article))}
# TODO: say in a sentence or two what a player learns from this pack (shown in the pack menu).
description: "TODO: what a player learns from this article."
article: ../../seeds/{name}.txt
language: en
# Pages copied from a website often end with a footer ("Share this story", "Source link",
# "Related articles"). If this article has one, remove the # at the start of the next line and put
# the footer's first line in the quotes: that line and everything after it is shown in the reader,
# but never quoted, taught or counted by `quotebound coverage`.
# boilerplate_starts: "Share this story"
# The SHA-256 of the article the quotes were checked against: if the article file changes,
# validate says so here and lists every quote that no longer matches.
article_sha256: {article.sha256}
topics:
  # TODO: one topic per theme of the article (people, numbers, claims...); every question names one.
  - id: main
    title: "The article"
"""


def _quiz_yaml(article: Article, name: str, sentences: list[str]) -> str:
    s0, s1, s2, s3 = (_pick(sentences, i) for i in range(4))
    gap = gap_word(s0)
    wrong = wrong_words(sentences, gap, 3)
    wrong += [f"TODO: wrong option {i}" for i in range(len(wrong) + 1, 3)]  # at least two options
    options = yaml_items([gap, *wrong], 6)
    short_gap = gap_word(s1)

    found = distinct_phrases(article, [s1, s2], 2, parts=False)
    rights = [shown for _words, shown in found] or [s1]
    held = {_sentence_of(words, sentences) for words, _shown in found} or {s1}
    multi_quotes = sorted(held, key=sentences.index)
    multi_wrong = ["TODO: something the article does not say", "TODO: something else it does not say"]

    ordered = distinct_phrases(article, sentences[:5], 3)
    if len(ordered) < 3:
        ordered = distinct_phrases(article, sentences, 3)
    steps = [shown for _words, shown in ordered]
    step_quotes = sorted({_sentence_of(words, sentences) for words, _shown in ordered}, key=sentences.index)
    if len(steps) < 3:
        steps = ["TODO: what comes first", "TODO: what comes next", "TODO: what comes last"]
        step_quotes = [s0]

    said = quotation(sentences)
    statement, said_in = said if said else (" ".join(s2.split(" ")[:12]), s2)
    verdict = "claim" if ATTRIBUTED.search(s3) else "fact"

    return f"""{schema_line("quiz")}
# A sample quiz made by `quotebound new`: one question of every type, built from the article's first
# sentences so that every quote is verbatim. Rewrite each question into a real one (or delete it),
# and copy a question to add more: every id must be new. Check with:
#   quotebound validate scenes/{name}
kind: quiz
questions:
  # single: one right option among 2-6. `answer` must be written exactly as one of the options.
  - id: sample-single
    type: single
    topic: main
    # TODO: ask a real question; this one blanks a word out of the article.
    prompt: {yq("Which word fills the gap, as the article puts it? " + with_gap(s0, gap))}
    options:
{options}
    answer: {yq(gap)}
    # TODO: teach why the answer is right, in your own words; do not just repeat the question.
    explanation: "TODO: explain the answer. The article says it in this sentence."
    # Every question proves its answer with at least one quote: words copied from the article exactly.
    quotes:
      - {yq(s0)}

  # true_false: a statement that is true or false by the article; `answer` is true or false.
  - id: sample-true-false
    type: true_false
    topic: main
    # TODO: write a statement; a false one (with answer: false) teaches more than a copied sentence.
    # giveaway-ok: a sample; once it is in your own words, delete this line
    prompt: {yq("True or false: the article says: " + s1)}
    answer: true
    explanation: "TODO: explain the answer, pointing at the quote."
    quotes:
      - {yq(s1)}

  # multi: pick every right option (3-6 options, at least one wrong); partial credit.
  - id: sample-multi
    type: multi
    topic: main
    prompt: "Which of these does the article say? Pick all that apply."
    options:
{yaml_items([*rights, *multi_wrong], 6)}
      # An option can carry feedback, shown when a player picks it:
      # - text: "a wrong option"
      #   feedback: "Why it is wrong, with the article's words."
    # TODO: replace the TODO options with wrong ones a careless reader might pick.
    answers:
{yaml_items(rights, 6)}
    explanation: "TODO: explain which options the article supports, and why the others are wrong."
    quotes:
{yaml_items(multi_quotes, 6)}

  # short: the player types the answer. Case, accents, punctuation and number words are ignored
  # ("1,000" = "1000" = "one thousand"); list every other wording you accept under `answers`.
  - id: sample-short
    type: short
    topic: main
    # TODO: ask for a name, a number or a word the article gives.
    prompt: {yq("Type the missing word: " + with_gap(s1, short_gap))}
    answers:
      - {yq(short_gap)}
    explanation: "TODO: explain the answer."
    quotes:
      - {yq(s1)}

  # order: 3-5 items, written here in the RIGHT order; the game shuffles them.
  - id: sample-order
    type: order
    topic: main
    # TODO: put events in time order, or steps of an argument in the article's order.
    prompt: "Put these in the order the article gives them."
    items:
{yaml_items(steps, 6)}
    explanation: "TODO: explain the order."
    quotes:
{yaml_items(step_quotes, 6)}

  # attribution: who said (or reported) these words? `statement` is what was said.
  - id: sample-attribution
    type: attribution
    topic: main
    prompt: "Who said this, according to the article?"
    statement: {yq(statement)}
    # TODO: put the person who said it and two or three other people from the article.
    options:
      - "TODO: the person quoted"
      - "TODO: another person named in the article"
      - "TODO: a third person"
    answer: "TODO: the person quoted"
    explanation: "TODO: explain how the article attributes these words."
    quotes:
      - {yq(said_in)}

  # claim_fact: does the article state this in its own voice (fact), or attribute it to someone (claim)?
  - id: sample-claim-fact
    type: claim_fact
    topic: main
    prompt: "Does the article report this in its own voice (fact), or attribute it to someone (claim)?"
    statement: {yq(s3)}
    # TODO: check the answer: `fact` if the article says it itself, `claim` if it says who says so.
    answer: {verdict}
    explanation: "TODO: explain what in the sentence shows whether it is a fact or a claim."
    quotes:
      - {yq(s3)}

  # evidence ("find the line"): the prompt states a claim; the player picks the sentence of the article
  # that supports it (or, with `proves: contradicts`, the one that contradicts it). Each quote must lie
  # inside one sentence: the sentence holding a quote is the right pick.
  - id: sample-evidence
    type: evidence
    topic: main
    # TODO: state, in your own words, a claim that one sentence of the article proves.
    prompt: "TODO: a claim one sentence of the article supports."
    proves: supports
    explanation: "TODO: explain how that sentence proves the claim."
    quotes:
      - {yq(s2)}
"""


def _sentence_of(phrase: str, sentences: list[str]) -> str:
    """The first sentence holding ``phrase`` (phrases are cut from these sentences)."""
    key = normalize(phrase).casefold()
    for sentence in sentences:
        if key in normalize(sentence).casefold():
            return sentence
    return sentences[0]


def _story_yaml(name: str, sentences: list[str]) -> str:
    s0, s1, s2 = (_pick(sentences, i) for i in range(3))
    return f"""{schema_line("scenario")}
# A sample choose-your-path scenario made by `quotebound new`: 3 scenes, 2 endings, one variable
# and one condition. Rewrite it into a story about the article, or delete the file. Check it with
#   quotebound validate scenes/{name}     (errors and warnings, by line)
#   quotebound playtest {name}/{name}-story   (plays every path)
#   quotebound graph {name}/{name}-story      (draws the scenes as a Mermaid chart)
kind: scenario
id: {name}-story
# TODO: a title, the player's role and the situation at the start.
title: "TODO: the title of your story"
description: "TODO: one line for the scenario menu."
role: "TODO: who the player is, in a sentence. For example: You are a reporter checking the article."
intro: "TODO: the situation at the start, in two or three sentences."
# Variables the choices change and conditions read; players see each by its label, never its name.
variables:
  checked:
    type: int
    start: 0
    min: 0
    max: 3
    label: Facts checked
start: lead

scenes:
  - id: lead
    title: The first lead
    # TODO: what the player reads in this scene.
    text: "TODO: set the scene. The article opens with the sentence quoted below."
    quotes:
      - {yq(s0)}
    choices:
      - label: "Check it against the article"
        target: check
        effects:
          add:
            checked: 1
        points: 5
        # Feedback explains the real fact behind a choice, and quotes the article.
        feedback: "TODO: what the player learns by checking."
        quotes:
          - {yq(s0)}
      - label: "Move on without checking"
        target: deadline

  - id: check
    title: Checking
    text: "TODO: what the player finds. The article goes on:"
    quotes:
      - {yq(s1)}
    choices:
      - label: "Go on"
        target: deadline

  - id: deadline
    title: The deadline
    text: "TODO: the moment of decision."
    quotes:
      - {yq(s2)}
    choices:
      # A condition (`if:`) closes a choice until it is true; `closed:` tells the player why.
      # Conditions read variables and visits: checked >= 1, visited("check"), visits("lead") < 2.
      - label: "Publish, citing what you checked"
        if: "checked >= 1"
        closed: "You have not checked anything yet."
        target: careful
        points: 10
        feedback: "TODO: why checking first was right."
        quotes:
          - {yq(s2)}
      - label: "Publish as it stands"
        target: hasty

# Endings: kind is good, mixed or bad; the debrief teaches what the path showed, with quotes.
endings:
  - id: careful
    title: "TODO: the title of the good ending"
    kind: good
    points: 10
    debrief: "TODO: what this ending teaches."
    quotes:
      - {yq(s1)}
  - id: hasty
    title: "TODO: the title of the bad ending"
    kind: bad
    debrief: "TODO: what this ending teaches."
    quotes:
      - {yq(s2)}
"""
