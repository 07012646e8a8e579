"""Backups on restic: configure, run, verify by restoring, show the 3-2-1 status, restore. No CLI inside."""
