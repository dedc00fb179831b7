"""quotebound: a terminal game that teaches a real article through quizzes and choose-your-path scenarios."""

# The single source of the version (hatch reads it from here). Kept as a literal because
# importlib.metadata costs ~40 ms at start-up, more than the rest of `quotebound validate`.
__version__ = "0.1.0"


def code_stamp() -> str:
    """The version plus a fingerprint of the game's own source files (each one's name, size, mtime).

    The pack cache and validate's recorded verdicts are keyed on it: keyed on the version alone, a
    checkout whose code changed under the same version (a developer's, or a later commit) was served
    packs validated, and verdicts given, by the old code. A few hundred ``stat`` calls, ~1 ms.
    """
    import os
    import zlib

    # os.scandir, not os.walk with os.path.relpath: the same stat calls at half the cost (~1 ms a run
    # on the no-UI commands' path, where this is a visible share of the work).
    root = os.path.dirname(os.path.abspath(__file__))
    skip = len(root) + 1
    lines: list[str] = []
    folders = [root]
    while folders:
        try:
            with os.scandir(folders.pop()) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:  # a folder removed meanwhile, as os.walk skips it
            continue
        for entry in entries:
            if entry.name.endswith(".py"):
                try:
                    info = entry.stat()
                except OSError:
                    continue
                lines.append(f"{entry.path[skip:]}:{info.st_size}:{info.st_mtime_ns}\n")
            elif entry.name != "__pycache__" and entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
    crc = zlib.crc32("".join(lines).encode("utf-8", "surrogateescape"))
    return f"{__version__}+{crc:08x}"
