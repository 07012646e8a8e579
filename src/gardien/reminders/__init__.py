"""Reminders registered with the OS scheduler: weekly backup, monthly restore test, update window, quarterly audit."""
