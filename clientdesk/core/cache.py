"""Django's Redis cache, keeping one client per connection pool.

Django's client builds a new ``redis.Redis`` for every operation, and each one
fills a table of several hundred response callbacks: about a quarter of a
millisecond of CPU per cache read, paid twice a page (the session and the
vendor configuration). A ``redis.Redis`` is safe to share between threads (it
takes a connection from its pool for each command), so one per pool will do.
"""

from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusingClient(RedisCacheClient):
    # Django's own attributes, which the type stubs leave out.
    _client: Any
    _get_connection_pool: Callable[[bool], Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = ReusingClient
