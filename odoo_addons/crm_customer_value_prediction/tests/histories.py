"""Customers who buy and spend as the models say, drawn with a fixed seed (for tests).

Real customers differ in how often they buy, when they stop and what they spend; test
customers that all behave alike put the likelihood on a ridge (issue 25), where no fit is
honest. These draws give the models the variety a real company has."""

import numpy as np

from ..lib import lifetime_models as lm

# How the customers buy and spend (BG/NBD in weeks, Gamma-Gamma in units of `unit`).
BUYING = lm.BgNbdParams(r=0.8, alpha=6.0, a=0.7, b=3.0)
SPENDING = lm.GammaGammaParams(p=6.0, q=3.8, gamma=15.0)


def purchase_histories(customers, unit=1.0, weeks=52.0, seed=5):
    """Per customer: the purchase days (days ago, first purchase first) and the amount
    of each. Repeat purchases fall evenly between the first and the last, each costing
    the customer's average repeat spend; customers whose repeats would share a day are
    drawn again."""
    histories = []
    rng = np.random.default_rng(seed)
    while len(histories) < customers:
        x, t_x, big_t = lm.simulate_bgnbd(BUYING, 1, weeks, seed=rng.integers(1 << 30))
        m_x = lm.simulate_gamma_gamma(SPENDING, x, seed=rng.integers(1 << 30))
        repeats, first = int(x[0]), round(big_t[0] * 7)
        span = round(t_x[0] * 7)
        if repeats > span:
            continue
        days = [first - round(span * k / repeats) if repeats else first for k in range(repeats + 1)]
        spend = float(m_x[0] or SPENDING.gamma / 4) * unit
        histories.append(
            [(day, round(spend * (1.5 if k == 0 else 1), 2)) for k, day in enumerate(days)]
        )
    return histories
