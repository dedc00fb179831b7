"""The app's screens, one per module, each named after its class (``quiz_screen.py`` → ``QuizScreen``)."""
