"""Password hashing: Argon2id with OWASP's recommended minimum, within a worker's memory.

Django's default Argon2 parameters take 100 MiB for every check, so a worker that
checked a few passwords at once peaked at 236 MB (136 MB without logins), over the
200 MB a worker may use. OWASP's Password Storage Cheat Sheet gives as equivalent
minimums 19 MiB with 2 passes or 46 MiB with 1 pass, one lane: we take the first,
which costs an attacker the same per guess for a fraction of our memory, and add a
login rate limit on top (settings.ACCOUNT_RATE_LIMITS). Hashes made with other
parameters are verified as before and re-hashed with these at the next sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class PortalArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
