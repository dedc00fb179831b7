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

    root = os.path.dirname(os.path.abspath(__file__))
    crc = 0
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                line = f"{os.path.relpath(path, root)}:{info.st_size}:{info.st_mtime_ns}\n"
                crc = zlib.crc32(line.encode("utf-8", "surrogateescape"), crc)
    return f"{__version__}+{crc:08x}"
