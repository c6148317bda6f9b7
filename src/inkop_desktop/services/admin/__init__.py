"""Administration: organisations, people and dated reference values."""
