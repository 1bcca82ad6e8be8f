"""The caches: Redis keeping one client per connection pool; without Redis, a local
cache that keeps allauth's rate-limit counters in the shared ``limits`` cache.

Django's Redis client builds a new ``redis.Redis`` for every operation, and each one
fills a table of several hundred response callbacks: about a quarter of a
millisecond of CPU per cache read, paid twice a page (the session and the
vendor configuration). A ``redis.Redis`` is safe to share between threads (it
takes a connection from its pool for each command), so one per pool will do.
"""

from collections.abc import Callable
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
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


# allauth keeps its rate-limit counters in the ``default`` cache, under this prefix.
ALLAUTH_RATE_LIMIT_PREFIX = "allauth:rl:"


def _routed(name: str) -> Callable[..., Any]:
    def method(self: "LocalWithSharedLimits", key: Any, *args: Any, **kwargs: Any) -> Any:
        if str(key).startswith(ALLAUTH_RATE_LIMIT_PREFIX):
            return getattr(caches["limits"], name)(key, *args, **kwargs)
        return getattr(super(LocalWithSharedLimits, self), name)(key, *args, **kwargs)

    method.__name__ = name
    return method


class LocalWithSharedLimits(LocMemCache):
    """``default`` without Redis: this process's memory for what every page reads (no query),
    but allauth's rate-limit counters, which have no setting of their own, in the ``limits``
    cache that every process shares. Clearing it clears this process's memory only."""

    add = _routed("add")
    get = _routed("get")
    set = _routed("set")
    touch = _routed("touch")
    delete = _routed("delete")
    has_key = _routed("has_key")
    incr = _routed("incr")
