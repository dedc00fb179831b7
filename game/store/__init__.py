"""Persistence: where the player's data lives (`paths`) and their progress database (`db.ProgressStore`).

Pure standard library plus platformdirs; nothing here imports the UI.
"""
