"""Plain mode: the game as plain lines on stdin and stdout, for screen readers, dumb terminals and scripts.

No full-screen UI, no colour, no cursor movement, and no import of textual or rich (a test proves it).
The quiz is :func:`game.plain.play_quiz.play_quiz`; the story is :func:`game.plain.play_story.play_story`.
"""
