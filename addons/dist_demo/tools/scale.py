"""Scale of the demo data set and how it is read from the environment."""

import os
from dataclasses import dataclass

SCALE_ENV_VAR = "DIST_DEMO_SCALE"


@dataclass(frozen=True)
class DemoScale:
    """How much demo data to generate.

    ``skus`` products, ``months`` of history back from today, and per company and
    month ``purchases_per_month`` purchase orders and ``sales_per_month`` sales orders.
    """

    skus: int = 300
    months: int = 12
    purchases_per_month: int = 3
    sales_per_month: int = 5
    seed: int = 42

    def multiplied(self, factor):
        """Return this scale with SKUs and documents multiplied by ``factor``."""
        if factor <= 0:
            raise ValueError(f"{SCALE_ENV_VAR} must be positive, got {factor}")
        return DemoScale(
            skus=max(1, round(self.skus * factor)),
            months=self.months,
            purchases_per_month=max(1, round(self.purchases_per_month * factor)),
            sales_per_month=max(1, round(self.sales_per_month * factor)),
            seed=self.seed,
        )


def scale_from_environ(environ=None, base=None):
    """Read the ``DIST_DEMO_SCALE`` multiplier (a positive number, default 1)."""
    environ = os.environ if environ is None else environ
    base = base or DemoScale()
    raw = (environ.get(SCALE_ENV_VAR) or "").strip()
    if not raw:
        return base
    try:
        factor = float(raw)
    except ValueError as exc:
        raise ValueError(f"{SCALE_ENV_VAR} must be a number, got {raw!r}") from exc
    return base.multiplied(factor)
