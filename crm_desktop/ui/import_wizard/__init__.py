"""The import wizard: pick a file, map its columns, preview, run in the background, undo later."""
