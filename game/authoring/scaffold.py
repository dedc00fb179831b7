"""A new pack from an article: the seed, ``pack.yaml``, a sample quiz and a sample scenario.

``quotebound new ARTICLE.txt`` calls :func:`create_pack`. The drafts (:mod:`game.authoring.scaffold_drafts`,
from text picked by :mod:`game.authoring.scaffold_text`) are checked by loading and linting them in a
scratch folder before anything is written where the author will see it. Nothing here imports a UI.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from game.authoring.scaffold_drafts import QUIZ_FILE, STORY_FILE, Draft, draft_pack
from game.authoring.scaffold_text import ScaffoldError, pack_name, slugify, yq
from game.authoring.schemas import SCHEMA_FILES, write_schemas
from game.authoring.validate import load_linted_pack
from game.engine.content.diagnostics import ContentError
from game.engine.content.quotes import Article


@dataclass
class Created:
    """What :func:`create_pack` wrote."""

    name: str
    seed: Path
    seed_copied: bool
    """False when the article already was the seed file."""
    files: list[Path]
    """The pack's files: pack.yaml, the sample quiz, the sample scenario."""
    schemas: list[Path]
    """Schema files written because the root had none (empty when it had them)."""


def read_article(path: Path) -> Article:
    """Read an article file for a new pack.

    Raises:
        ScaffoldError: when it cannot be read, is not UTF-8 text, or holds no text.
    """
    if not path.is_file():
        raise ScaffoldError(f"no article file {str(path)!r}")
    try:
        article = Article.from_file(path)
    except OSError as exc:
        raise ScaffoldError(f"cannot read {str(path)!r}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ScaffoldError(f"{str(path)!r} is not UTF-8 text; save it as plain UTF-8 text") from None
    if not article.body:
        raise ScaffoldError(f"{str(path)!r} has no text")
    return article


def _write_files(root: Path, draft: Draft) -> list[Path]:
    written = []
    for relative, text in draft.files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(path)
    return written


def check_draft(article_bytes: bytes, draft: Draft) -> None:
    """Load the draft in a scratch folder: it must have no error and no warning.

    Raises:
        ScaffoldError: listing the problems (a bug in the scaffold, not the author's doing).
    """
    with tempfile.TemporaryDirectory(prefix="quotebound-new-") as scratch:
        root = Path(scratch)
        (root / "seeds").mkdir()
        (root / "seeds" / f"{draft.name}.txt").write_bytes(article_bytes)
        _write_files(root, draft)
        try:
            problems = load_linted_pack(root / "scenes" / draft.name).warnings
        except ContentError as exc:
            problems = exc.diagnostics
        if problems:
            listed = "\n".join(str(p) for p in problems)
            raise ScaffoldError(f"the drafted pack does not validate (please report this):\n{listed}")


def create_pack(article_path: Path, root: Path, name: str | None = None) -> Created:
    """Create ``seeds/NAME.txt`` and ``scenes/NAME/`` under ``root`` from an article file.

    The article is copied byte for byte (unless it already is ``seeds/NAME.txt``). Nothing is
    overwritten: an existing seed or pack folder of that name is refused before anything is written.
    ``root/schemas`` is written when missing, so the files' schema lines point at real schemas.

    Args:
        article_path: the article, UTF-8 plain text.
        root: the folder holding (or to hold) ``seeds/`` and ``scenes/``.
        name: the pack name; default: the slug of the article's file name.

    Raises:
        ScaffoldError: with a message for the author.
    """
    if not root.is_dir():
        raise ScaffoldError(f"no folder {str(root)!r} to create the pack in")
    name = pack_name(article_path, name)
    seed = root / "seeds" / f"{name}.txt"
    folder = root / "scenes" / name
    in_place = seed.exists() and article_path.exists() and seed.resolve() == article_path.resolve()
    if seed.exists() and not in_place:
        raise ScaffoldError(
            f"{seed} already exists; choose another name with --name, or remove the old seed first"
        )
    if folder.exists():
        raise ScaffoldError(f"{folder} already exists; choose another name with --name")
    article = read_article(article_path)
    draft = draft_pack(article, name)
    raw = article_path.read_bytes()
    check_draft(raw, draft)
    schemas_dir = root / "schemas"
    missing = [f for f, _struct, _title in SCHEMA_FILES.values() if not (schemas_dir / f).is_file()]
    schemas = write_schemas(schemas_dir) if missing else []
    seed.parent.mkdir(parents=True, exist_ok=True)
    if not in_place:
        shutil.copyfile(article_path, seed)
    try:
        files = _write_files(root, draft)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        if not in_place:
            seed.unlink(missing_ok=True)
        raise
    return Created(name, seed, not in_place, files, schemas)


__all__ = [
    "QUIZ_FILE",
    "STORY_FILE",
    "Created",
    "Draft",
    "ScaffoldError",
    "check_draft",
    "create_pack",
    "draft_pack",
    "pack_name",
    "read_article",
    "slugify",
    "yq",
]
