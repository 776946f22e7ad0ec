"""The planner's screens: one per module."""
