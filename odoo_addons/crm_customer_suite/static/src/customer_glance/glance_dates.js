/** @odoo-module **/
import { _t } from "@web/core/l10n/translation";
import { deserializeDate, deserializeDateTime, formatDate } from "@web/core/l10n/dates";

const { DateTime } = luxon;

/**
 * The one way the customer summary writes a date or a time span: dates through Odoo's
 * luxon formatting (which crm_jalali_calendar turns Jalali for its readers), spans as
 * whole phrases of the reader's language with the number isolated left to right, so a
 * right-to-left sentence never reverses them ("6 روز پیش", never "روز پیش 6").
 */

/** A date of the server ("2026-12-21") in the reader's format and calendar. */
export function formatDay(value) {
    return value ? formatDate(deserializeDate(value)) : "";
}

/** A moment of the server (UTC) as the day it was in the reader's time zone. */
export function formatMoment(value) {
    return value ? formatDate(deserializeDateTime(value)) : "";
}

/** Whole days from the reader's today to a date of the server (negative: past). */
export function daysFromToday(value) {
    const today = DateTime.local().startOf("day");
    return Math.round(deserializeDate(value).startOf("day").diff(today, "days").days);
}

/** "today", "in 2 days", "6 days ago"... for a number of days from today. */
export function relativeDay(days) {
    const count = `\u2066${Math.abs(days)}\u2069`;
    if (days === 0) {
        return _t("today");
    }
    if (days === 1) {
        return _t("tomorrow");
    }
    if (days === -1) {
        return _t("yesterday");
    }
    if (days > 0) {
        return _t("in %(days)s days", { days: count });
    }
    return _t("%(days)s days ago", { days: count });
}
