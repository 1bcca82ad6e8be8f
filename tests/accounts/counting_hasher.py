from django.contrib.auth.hashers import MD5PasswordHasher


class CountingHasher(MD5PasswordHasher):
    """A real (fast) hasher that keeps what it hashed, to see which paths hash."""

    algorithm = "counting_md5"
    hashed: list[str] = []

    def encode(self, password: str, salt: str) -> str:
        self.hashed.append(password)
        return super().encode(password, salt)
