"""Choose-your-path scenarios: the file format, the condition language, the story run, exploration."""
