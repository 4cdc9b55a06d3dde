"""The permission matrix: real objects, the table of what each role gets, and the probe."""
