"""The CDNOW sample (data/README.md) as the models and the Odoo load need it."""

from collections import defaultdict
from datetime import date
from pathlib import Path

DATA = Path(__file__).parent / "data" / "CDNOW_sample.txt"
CALIBRATION_END = date(1997, 9, 30)
HOLDOUT_WEEKS = 39
PUBLISHED_BGNBD = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
PUBLISHED_SPEND = {"p": 6.25, "q": 3.74, "gamma": 15.44}


def purchase_days():
    """{sample customer id: {date: amount spent that day}}."""
    days = defaultdict(lambda: defaultdict(float))
    with DATA.open() as lines:
        for line in lines:
            _cohort_id, customer, day, _cds, amount = line.split()
            day = date(int(day[:4]), int(day[4:6]), int(day[6:]))
            days[int(customer)][day] += float(amount)
    return days


def summary(days, end=CALIBRATION_END):
    """Columns x, t_x, T (weeks), average repeat spend, holdout purchases (after `end`),
    one value per customer in customer order."""
    columns = {"x": [], "t_x": [], "T": [], "m_x": [], "holdout": []}
    for customer in sorted(days):
        spent = days[customer]
        calibration = sorted(day for day in spent if day <= end)
        first, last = calibration[0], calibration[-1]
        repeats = [spent[day] for day in calibration[1:]]
        columns["x"].append(len(repeats))
        columns["t_x"].append((last - first).days / 7)
        columns["T"].append((end - first).days / 7)
        columns["m_x"].append(sum(repeats) / len(repeats) if repeats else 0.0)
        columns["holdout"].append(sum(1 for day in spent if day > end))
    return columns


def significant(value, digits=3):
    """`value` rounded to `digits` significant figures, as the published tables print."""
    return float(f"{value:.{digits}g}")
