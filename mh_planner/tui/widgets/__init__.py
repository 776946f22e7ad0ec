"""The planner's own widgets: one per module."""
