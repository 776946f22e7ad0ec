"""mh-planner: a terminal planner for England's Maths Hubs."""

__version__ = "0.1.0"
