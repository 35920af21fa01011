"""A per-source rate limit: a token bucket, refilled at `rate_per_second` up to `burst`.

It lives in the receiver's event loop (one thread), so it needs no lock; each receiver
process has its own buckets."""

from __future__ import annotations

import time


class TokenBucket:
    def __init__(self, rate: float, burst: int, clock=time.monotonic) -> None:
        self.rate = rate
        self.burst = float(burst)
        self.clock = clock
        self.tokens = float(burst)
        self.stamp = clock()

    def take(self) -> bool:
        """Spend one token; False when none is left (answered 429)."""
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True

    def wait_seconds(self) -> int:
        """The Retry-After to tell a refused provider: until the next token, rounded up."""
        return max(1, int((1 - self.tokens) / self.rate + 0.999))
