"""The database's Jalali calendar: one row per Jalali month, and the SQL function that
truncates a day to its Jalali month, quarter or year (PostgreSQL only knows Gregorian
``date_trunc``). A table of month starts keeps the function a plain indexed lookup."""

from odoo.tools import SQL

from . import jalali

FIRST_YEAR = 1300  # 1921-03-21
LAST_YEAR = 1599  # 2221


def create_jalali_calendar(cr):
    cr.execute(
        SQL(
            """
            CREATE TABLE IF NOT EXISTS crm_jalali_month (
                start date PRIMARY KEY,
                jy integer NOT NULL,
                jm integer NOT NULL
            )
            """
        )
    )
    rows = [
        (jalali.to_gregorian(jy, jm, 1), jy, jm)
        for jy in range(FIRST_YEAR, LAST_YEAR + 1)
        for jm in range(1, 13)
    ]
    cr.execute(
        SQL(
            "INSERT INTO crm_jalali_month (start, jy, jm) SELECT * FROM unnest(%s::date[], "
            "%s::int[], %s::int[]) ON CONFLICT (start) DO NOTHING",
            [row[0] for row in rows],
            [row[1] for row in rows],
            [row[2] for row in rows],
        )
    )
    cr.execute(
        SQL(
            """
            CREATE OR REPLACE FUNCTION crm_jalali_trunc(granularity text, day date)
            RETURNS date LANGUAGE sql STABLE PARALLEL SAFE AS $$
                SELECT m.start FROM crm_jalali_month m
                 WHERE m.start <= day
                   AND (granularity = 'month'
                        OR (granularity = 'quarter' AND m.jm IN (1, 4, 7, 10))
                        OR (granularity = 'year' AND m.jm = 1))
                 ORDER BY m.start DESC
                 LIMIT 1
            $$
            """
        )
    )


def drop_jalali_calendar(cr):
    """Leave no function or table behind when the addon is uninstalled."""
    cr.execute(SQL("DROP FUNCTION IF EXISTS crm_jalali_trunc(text, date)"))
    cr.execute(SQL("DROP TABLE IF EXISTS crm_jalali_month"))
