"""Demo data: a kommun, its staff and cases at every stage, built through the services."""
