"""Exports of a pack for teachers and other tools, one module per format, and the class report.

``gift`` (Moodle), ``aiken`` (single-choice LMS import), ``tsv`` (Anki/Quizlet flashcards), ``markdown``
(quiz sheet and answer key) and ``json`` (the whole pack) each follow their format's published rules;
``report`` turns results files into a class report. None of this imports textual or rich.
"""

FORMATS = ("gift", "aiken", "tsv", "markdown", "json")
