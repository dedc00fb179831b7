"""What every kind of content shares: the Pack, safe YAML with positions, the article and its quotes,
the loader with its registry of content kinds, diagnostics. Imports neither the quiz nor the story."""
