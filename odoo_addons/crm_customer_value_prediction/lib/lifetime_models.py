"""Customer-base models of the literature, in numpy and scipy only (no Odoo here).

BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while alive a
customer buys at a rate lambda ~ Gamma(r, alpha); after each purchase they drop out with a
probability p ~ Beta(a, b). Gamma-Gamma (Fader, Hardie & Lee 2005, "RFM and CLV"): the
spend of a customer's purchases varies around their own mean, which varies across customers
(p, q, gamma); spend is independent of how often they buy.

Every function works on numpy arrays of all customers at once. Per customer:

x   frequency: repeat purchases (purchase days after the first one);
t_x recency: time from the first to the last purchase;
T   age: time from the first purchase to the end of the observation;
m_x average spend of the repeat purchases.

Time is in whatever unit the caller uses (the Odoo side uses weeks, as the literature
does); alpha is in that unit. A fit that the data cannot support raises PredictionError
with a sentence a user can act on: no prediction is better than a wrong one.
"""

from dataclasses import dataclass

import numpy as np
from scipy import optimize, special

# Fewer customers than this with a repeat purchase and the fit is not trusted.
MIN_REPEAT_CUSTOMERS = 20
# log-parameters are kept in exp(-LOG_BOUND) .. exp(LOG_BOUND)
LOG_BOUND = 12.0
# a fitted parameter this close to its bound means the likelihood has no interior maximum
BOUND_MARGIN = 0.5
# A maximum the likelihood still climbs away from, along a direction in which two
# parameters trade off (BG/NBD's a and b grown together: the dropout probability stops
# varying across customers; Gamma-Gamma's p grown and gamma shrunk: no shrinkage at all),
# is a ridge, not a maximum: the optimiser stopped somewhere on it. Probed this far along
# each direction (a factor of 30).
RIDGE_STEP = np.log(30.0)
# and a Hessian this close to singular (smallest over largest curvature) means the same
# for a direction nobody listed
MIN_CURVATURE_RATIO = 1e-9
WEEKS_PER_MONTH = 365.25 / 12 / 7


class PredictionError(ValueError):
    """The data cannot support a fit (or a prediction); the message says why.

    `reason` names the case for a caller that words it in the user's language:
    few_repeaters (with `count` and `minimum`), no_convergence, unstable, no_mean_spend,
    bad_data, no_customers."""

    def __init__(self, message, reason="bad_data", **details):
        super().__init__(message)
        self.reason = reason
        self.details = details


@dataclass(frozen=True)
class BgNbdParams:
    r: float
    alpha: float
    a: float
    b: float


@dataclass(frozen=True)
class GammaGammaParams:
    p: float
    q: float
    gamma: float


# ---------------------------------------------------------------- inputs


def _as_arrays(*columns):
    arrays = [np.asarray(column, dtype=float) for column in columns]
    if any(array.shape != arrays[0].shape for array in arrays):
        raise PredictionError("The customer columns do not have the same length.")
    if any(not np.all(np.isfinite(array)) for array in arrays):
        raise PredictionError("Some customer data is not a number.")
    return arrays


def check_rfm(frequency, recency, age):
    """Arrays of x, t_x, T, checked for what the model assumes."""
    x, t_x, big_t = _as_arrays(frequency, recency, age)
    if np.any(x < 0) or np.any(t_x < 0) or np.any(t_x > big_t + 1e-9):
        raise PredictionError(
            "Frequency and recency must be positive and recency at most the customer's age."
        )
    if np.any((x == 0) & (t_x > 0)):
        raise PredictionError("A customer without repeat purchases must have a recency of 0.")
    return x, t_x, big_t


# ---------------------------------------------------------------- BG/NBD


def bgnbd_log_likelihood(params, x, t_x, big_t):
    """Per-customer log-likelihood of (x, t_x, T) under BG/NBD (equation 6 of the paper),
    in a form that stays finite for large x: log(A3 + A4) = max + log(sum of exps)."""
    r, alpha, a, b = params
    a1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
    a2 = (
        special.gammaln(a + b)
        + special.gammaln(b + x)
        - special.gammaln(b)
        - special.gammaln(a + b + x)
    )
    a3 = -(r + x) * np.log(alpha + big_t)
    repeat = x > 0
    a4 = np.where(
        repeat,
        np.log(a) - np.log(b + np.maximum(x, 1) - 1) - (r + x) * np.log(alpha + t_x),
        -np.inf,
    )
    return a1 + a2 + np.logaddexp(a3, a4)


def _bgnbd_start(x, big_t, counts):
    """Purchase rate of the average customer for alpha; r, a, b of 1 (flat mixing).
    A ratio of sums: the same start, in its unit, whatever unit time is counted in."""
    rate = max(np.dot(counts, x), 1.0) / max(np.dot(counts, big_t), 1e-9)
    return np.log([1.0, 1.0 / rate, 1.0, 1.0])


# (r, alpha, a, b): a and b grown together; r and alpha grown together (purchase rates
# that stop varying across customers)
BGNBD_RIDGES = ((0, 0, 1, 1), (1, 1, 0, 0))


def fit_bgnbd(frequency, recency, age):
    """Maximum-likelihood BG/NBD parameters for these customers (L-BFGS-B on log-params)."""
    x, t_x, big_t = check_rfm(frequency, recency, age)
    repeaters = int(np.count_nonzero(x))
    if repeaters < MIN_REPEAT_CUSTOMERS:
        raise PredictionError(
            f"Only {repeaters} customers bought more than once; at least "
            f"{MIN_REPEAT_CUSTOMERS} are needed to learn how customers buy and leave.",
            "few_repeaters",
            count=repeaters,
            minimum=MIN_REPEAT_CUSTOMERS,
        )
    # Fitted in units of the average age, so that the optimiser meets the same numbers
    # whether time is counted in days, weeks or months (alpha is scaled back below).
    unit = float(big_t.mean()) or 1.0
    # identical customers share one likelihood term (many have x = 0 and the same age)
    keys, counts = np.unique(
        np.column_stack([x, t_x / unit, big_t / unit]), axis=0, return_counts=True
    )
    ux, ut_x, ubig_t = keys.T

    def negative_ll(log_params):
        values = bgnbd_log_likelihood(np.exp(log_params), ux, ut_x, ubig_t)
        total = np.dot(counts, values)
        return -total / counts.sum() if np.isfinite(total) else np.inf

    r, alpha, a, b = _minimize(
        negative_ll,
        _bgnbd_start(ux, ubig_t, counts),
        "purchase (BG/NBD)",
        ridges=BGNBD_RIDGES,
    )
    return BgNbdParams(r, alpha * unit, a, b)


def _minimize(negative_ll, start, model_name, gradient=None, ridges=()):
    """Maximum likelihood over log-parameters (L-BFGS-B), with the model's gradient in
    closed form when it has one, else by finite differences. `ridges`: directions (in
    log-parameters) along which the model's parameters can trade off; a fit from which
    the likelihood still rises along one of them is refused."""
    bounds = [(-LOG_BOUND, LOG_BOUND)] * len(start)
    result = optimize.minimize(negative_ll, start, method="L-BFGS-B", jac=gradient, bounds=bounds)
    if not result.success or not np.isfinite(result.fun):
        raise PredictionError(
            f"The {model_name} model did not converge ({result.message}); the customers' "
            "history does not determine it.",
            "no_convergence",
        )
    result = _polish(negative_ll, result, bounds, gradient)
    if np.any(np.abs(result.x) > LOG_BOUND - BOUND_MARGIN) or _on_a_ridge(
        negative_ll, result, ridges
    ):
        raise PredictionError(
            f"The {model_name} model has no stable solution on this data (a parameter runs "
            "off to zero or infinity): customers are too alike or too few.",
            "unstable",
        )
    return [float(value) for value in np.exp(result.x)]


def _on_a_ridge(negative_ll, result, ridges):
    """True when the likelihood still rises along one of `ridges` from the maximum
    found, or when its curvature there is nearly flat in some direction."""
    for direction in ridges:
        if negative_ll(result.x + RIDGE_STEP * np.asarray(direction, float)) < result.fun:
            return True
    curvatures = np.linalg.eigvalsh(_hessian(negative_ll, result.x))
    return bool(curvatures[0] <= MIN_CURVATURE_RATIO * abs(curvatures[-1]))


def _hessian(function, point, step=1e-4):
    """Central-difference Hessian of `function` at `point` (a handful of evaluations)."""
    size = len(point)
    hessian = np.empty((size, size))
    unit = np.eye(size) * step
    for i in range(size):
        for j in range(i, size):
            value = (
                function(point + unit[i] + unit[j])
                - function(point + unit[i] - unit[j])
                - function(point - unit[i] + unit[j])
                + function(point - unit[i] - unit[j])
            ) / (4 * step * step)
            hessian[i, j] = hessian[j, i] = value
    return hessian


def _polish(negative_ll, found, bounds, gradient=None):
    """From the maximum found, on to the maximum itself: exact (or central-difference)
    gradients and tolerances near machine precision, so that the same customers in
    another currency or time unit (the same problem, rounded differently) land on the
    same parameters, not wherever progress first slowed. The search stops when rounding
    hides any further gain (which scipy reports as an abnormal line search): that point
    is kept when it is at least as good as the one found."""
    polished = optimize.minimize(
        negative_ll,
        found.x,
        method="L-BFGS-B",
        jac=gradient or "3-point",
        bounds=bounds,
        options={"ftol": 1e-15, "gtol": 1e-12, "maxiter": 500},
    )
    inside = np.all(np.abs(polished.x) <= LOG_BOUND - BOUND_MARGIN)
    if np.isfinite(polished.fun) and polished.fun <= found.fun and inside:
        return polished
    # No better point, or one that runs off towards a bound where the maximum found
    # stayed inside: the likelihood flattens out there and the found point is as good.
    return found


def _odds_dead(params, x, t_x, big_t):
    """log of a/(b+x-1) * ((alpha+T)/(alpha+t_x))^(r+x): the odds that a repeat customer
    has dropped out; minus infinity for customers without a repeat purchase (always alive
    in BG/NBD: nobody drops out before their first repeat purchase)."""
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    return np.where(
        x > 0,
        np.log(a)
        - np.log(b + np.maximum(x, 1) - 1)
        + (r + x) * (np.log(alpha + big_t) - np.log(alpha + t_x)),
        -np.inf,
    )


def probability_alive(params, frequency, recency, age):
    """P(alive | x, t_x, T) = 1 / (1 + odds of having dropped out)."""
    x, t_x, big_t = check_rfm(frequency, recency, age)
    return special.expit(-_odds_dead(params, x, t_x, big_t))


def expected_purchases(params, frequency, recency, age, periods):
    """E[purchases in the next `periods` | x, t_x, T] (equation 10 of the paper).

    (a+b+x-1)/(a-1) * [1 - ((alpha+T)/(alpha+T+t))^(r+x) * 2F1(r+x, b+x; a+b+x-1;
    t/(alpha+T+t))] / (1 + odds dead)."""
    x, t_x, big_t = check_rfm(frequency, recency, age)
    r, alpha, a, b = params.r, params.alpha, params.a, params.b
    if abs(a - 1) < 1e-6:
        a = 1 + 1e-6  # the formula's removable singularity at a = 1
    (t,) = _as_arrays(periods)
    if np.any(t < 0):
        raise PredictionError("The forecast horizon cannot be negative.")
    hyper = special.hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + big_t + t))
    shrink = np.exp((r + x) * (np.log(alpha + big_t) - np.log(alpha + big_t + t)))
    conditional = (a + b + x - 1) / (a - 1) * (1 - shrink * hyper)
    expected = conditional * special.expit(-_odds_dead(params, x, t_x, big_t))
    if not np.all(np.isfinite(expected)):
        raise PredictionError("The purchase model gives no finite prediction for some customers.")
    return expected


# ---------------------------------------------------------------- Gamma-Gamma


def check_spend(frequency, average_spend):
    x, m_x = _as_arrays(frequency, average_spend)
    if np.any(m_x[x > 0] < 0):
        raise PredictionError("The average repeat spend cannot be negative.")
    return x, m_x


def gamma_gamma_log_likelihood(params, x, m_x):
    """Per-customer log-likelihood of the average spend m_x of x purchases (x > 0)."""
    p, q, gamma = params
    return (
        special.gammaln(p * x + q)
        - special.gammaln(p * x)
        - special.gammaln(q)
        + q * np.log(gamma)
        + (p * x - 1) * np.log(m_x)
        + p * x * np.log(x)
        - (p * x + q) * np.log(x * m_x + gamma)
    )


# (p, q, gamma): p grown and gamma shrunk (each customer's spend taken at face value);
# q and gamma grown together (average spend that stops varying across customers)
GAMMA_GAMMA_RIDGES = ((1, 0, -1), (0, 1, 1))


def gamma_gamma_gradient(params, x, m_x):
    """Gradient of the summed log-likelihood with respect to (log p, log q, log gamma)."""
    p, q, gamma = params
    common = special.digamma(p * x + q)
    log_total = np.log(x * m_x + gamma)
    d_p = x * (common - special.digamma(p * x) + np.log(m_x) + np.log(x) - log_total)
    d_q = common - special.digamma(q) + np.log(gamma) - log_total
    d_gamma = q / gamma - (p * x + q) / (x * m_x + gamma)
    return np.array([p * d_p.sum(), q * d_q.sum(), gamma * d_gamma.sum()])


def fit_gamma_gamma(frequency, average_spend):
    """Maximum-likelihood Gamma-Gamma parameters from the repeat customers (those whose
    repeat purchases were all free tell nothing about how spend varies)."""
    x, m_x = check_spend(frequency, average_spend)
    repeat = (x > 0) & (m_x > 0)
    x, m_x = x[repeat], m_x[repeat]
    if x.size < MIN_REPEAT_CUSTOMERS:
        raise PredictionError(
            f"Only {x.size} customers bought more than once; at least "
            f"{MIN_REPEAT_CUSTOMERS} are needed to learn how their spend varies.",
            "few_repeaters",
            count=int(x.size),
            minimum=MIN_REPEAT_CUSTOMERS,
        )

    # Fitted on spend in units of its mean: a company in rials or dong spends numbers
    # tens of thousands of times a dollar company's, and gamma (in money) would run past
    # the optimiser's bounds. p and q have no unit; gamma is scaled back below.
    unit = float(m_x.mean())
    m_x = m_x / unit

    def negative_ll(log_params):
        total = gamma_gamma_log_likelihood(np.exp(log_params), x, m_x).sum()
        return -total / x.size if np.isfinite(total) else np.inf

    def gradient(log_params):
        return -gamma_gamma_gradient(np.exp(log_params), x, m_x) / x.size

    # p = 1, q = 2 (a finite mean), gamma puts the prior mean spend at the observed mean (1)
    start = np.log([1.0, 2.0, 1.0])
    p, q, gamma = _minimize(
        negative_ll, start, "spend (Gamma-Gamma)", gradient, ridges=GAMMA_GAMMA_RIDGES
    )
    gamma *= unit
    if q <= 1:
        raise PredictionError(
            "The spend model has no average (q <= 1): a few very large orders dominate; "
            "the expected order value cannot be predicted.",
            "no_mean_spend",
        )
    return GammaGammaParams(p, q, gamma)


def expected_average_spend(params, frequency, average_spend):
    """E[spend per purchase | x, m_x] = (gamma + x m_x) p / (p x + q - 1): the customer's
    own average, shrunk towards the population's p gamma / (q - 1) the fewer purchases
    it rests on (the population's for customers without repeat purchases)."""
    x, m_x = check_spend(frequency, average_spend)
    p, q, gamma = params.p, params.q, params.gamma
    return (gamma + x * np.where(x > 0, m_x, 0.0)) * p / (p * x + q - 1)


# ---------------------------------------------------------------- lifetime value


def monthly_discount_rate(yearly_rate):
    """The monthly rate compounding to `yearly_rate` (0.1 for 10 % a year)."""
    if not np.isfinite(yearly_rate) or yearly_rate <= -1:
        raise PredictionError("The discount rate must be above -100 %.")
    return (1 + yearly_rate) ** (1 / 12) - 1


def predicted_lifetime_value(
    bgnbd,
    spend_per_purchase,
    frequency,
    recency,
    age,
    months,
    yearly_discount_rate,
    periods_per_month=WEEKS_PER_MONTH,
):
    """Present value of the spend expected over the next `months`, discounted monthly:

    sum over k = 1..months of (E[Y(k)] - E[Y(k-1)]) * spend_per_purchase / (1 + d)^k

    with d the monthly rate (Fader, Hardie & Lee 2005; the `lifetimes` package). The loop
    is over months; each step covers every customer at once."""
    x, t_x, big_t = check_rfm(frequency, recency, age)
    rate = monthly_discount_rate(yearly_discount_rate)
    (spend,) = _as_arrays(spend_per_purchase)
    if np.any(spend < 0):
        raise PredictionError("The expected spend per purchase cannot be negative.")
    if not months >= 0:
        raise PredictionError("The forecast horizon cannot be negative.")
    value = np.zeros_like(x)
    previous = np.zeros_like(x)
    for month in range(1, int(months) + 1):
        current = expected_purchases(bgnbd, x, t_x, big_t, month * periods_per_month)
        value += (current - previous) / (1 + rate) ** month
        previous = current
    return value * spend


# ---------------------------------------------------------------- simulation


def simulate_gamma_gamma(params, frequency, seed=None):
    """Average spend m_x of each customer's x repeat purchases, drawn from Gamma-Gamma
    (for tests and benchmarks): a customer's own rate nu ~ Gamma(q, rate gamma), each
    purchase ~ Gamma(p, rate nu), so the mean of x of them ~ Gamma(p x, rate x nu).
    Customers without repeat purchases get 0."""
    rng = np.random.default_rng(seed)
    x = np.asarray(frequency, dtype=float)
    nu = rng.gamma(params.q, 1.0 / params.gamma, x.size)
    repeat = x > 0
    m_x = np.zeros(x.size)
    m_x[repeat] = rng.gamma(params.p * x[repeat], 1.0 / (x[repeat] * nu[repeat]))
    return m_x


def simulate_bgnbd(params, customers, max_age, seed=None):
    """Customers drawn from the BG/NBD process (for tests and benchmarks): x, t_x, T.

    Ages are uniform in (1, max_age]. A customer's repeat purchases arrive at rate lambda;
    after each one they leave with probability p, so they make at most D ~ Geometric(p)
    of them. With n arrivals in (0, T], x = min(D, n) and the x-th arrival is at
    T * Beta(x, n - x + 1) (order statistics of n uniform times)."""
    rng = np.random.default_rng(seed)
    big_t = rng.uniform(1.0, max_age, customers)
    rate = rng.gamma(params.r, 1.0 / params.alpha, customers)
    leave = rng.beta(params.a, params.b, customers)
    arrivals = rng.poisson(rate * big_t)
    x = np.minimum(rng.geometric(leave), arrivals)
    repeat = x > 0
    t_x = np.zeros(customers)
    t_x[repeat] = big_t[repeat] * rng.beta(x[repeat], arrivals[repeat] - x[repeat] + 1)
    return x.astype(float), t_x, big_t
