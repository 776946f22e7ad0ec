"""Importing calendars the planner did not make (see README.md in this folder)."""
