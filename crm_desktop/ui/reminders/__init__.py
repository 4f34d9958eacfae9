"""Reminders: the page, the task dialog, the popup, the notification centre and the scheduler."""
