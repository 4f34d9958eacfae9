"""Finding duplicate people and companies, reviewing and merging them, and undoing merges."""
