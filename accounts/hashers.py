"""Password hashing: Argon2id with the parameters OWASP's Password Storage Cheat Sheet advises."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id, 19 MiB of memory, 2 passes, 1 lane (OWASP's first recommended setting).

    Django's own defaults (100 MiB, 8 lanes) cost several times more CPU and memory per login on
    a two-core web server, and 50 people logging in at once then queue behind each other. The
    algorithm name stays "argon2", so Django's must_update() rehashes a stored hash whose
    parameters differ from these at the next login.
    """

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
