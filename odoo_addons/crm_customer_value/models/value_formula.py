"""The customer lifetime value of seed 000/002, as one pure function (no Odoo, no database).

CLV = sum over t = 1..H of (m - c) * r^(t-1) / (1 + d)^t

m  the customer's annual margin: the margin of their posted invoices minus refunds over the
   relationship so far, divided by its length in years (at least one year);
c  the yearly cost of keeping the customer (service, visits, discounts...);
r  the retention probability: the chance the customer is still one a year later
   (1.0 = always);
d  the yearly discount (interest) rate, so that future money is worth its present value;
H  the horizon in years.

The first year is counted in full (r^0 = 1): the customer is a customer now.
"""

DAYS_PER_YEAR = 365.25


def annual_margin(total_margin, relationship_days):
    """Average margin per year; a relationship shorter than a year counts as one year."""
    years = max(1.0, (relationship_days or 0) / DAYS_PER_YEAR)
    return total_margin / years


def lifetime_value(annual_margin, yearly_cost, discount_rate, horizon_years, retention_rate=1.0):
    """Present value of the margin a customer brings over the horizon, less the cost of
    keeping them. Rates are fractions (0.1 for 10 %)."""
    if discount_rate <= -1:
        raise ValueError("the discount rate must be above -100 %")
    if not 0 <= retention_rate <= 1:
        raise ValueError("the retention rate must be between 0 and 100 %")
    yearly_net = annual_margin - yearly_cost
    return sum(
        yearly_net * retention_rate ** (year - 1) / (1 + discount_rate) ** year
        for year in range(1, int(horizon_years) + 1)
    )
