"""`make bench`: each speed goal of the issues, measured and printed next to its reference."""
