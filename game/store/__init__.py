"""Persistence: the progress database (`db.ProgressStore`), class results files and atomic writes.

Pure standard library plus platformdirs; nothing here imports the UI.
"""
