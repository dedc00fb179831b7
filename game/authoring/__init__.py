"""Tools for authors, not needed to play: story lint, playtest reports, coverage, distractor checks,
JSON Schemas, the ``new`` scaffold and ``validate``. The game imports only the story lint, and only
when a player opens a scenario."""
