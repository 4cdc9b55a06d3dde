"""Assessment of a registered case against a versioned set of criteria (Forum's and the city's)."""
