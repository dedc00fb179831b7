"""Persistence: the progress database (`db.ProgressStore`), class results files and atomic writes.

Pure standard library plus platformdirs; nothing here imports the UI.
"""

CLASS_FILENAME = "class.sqlite3"
"""The class store's file in a live-class folder (:mod:`game.store.classdb`). Here, so that telling a class
folder from a results folder (``quotebound report``) imports neither sqlite3 nor the class store."""
