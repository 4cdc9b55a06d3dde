"""Statistics for staff: cases, stages, partnerships, contributions, reports; charts and CSV."""
