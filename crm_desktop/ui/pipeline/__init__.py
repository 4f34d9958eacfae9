"""The sales pipeline: kanban board, deal list, forecast, deal page and pipeline editor."""
