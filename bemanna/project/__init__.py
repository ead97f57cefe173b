"""Project-level management commands (`demo`, `run_schedule`); no models, no views."""
