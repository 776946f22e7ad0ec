"""The terminal planner (Textual): `mh-planner` with no command. The domain it shows knows nothing of it."""
