/**
 * Whether the current user's language writes dates in the Jalali calendar (res.lang
 * flags sent in the session by ir.http). A mutable object so tests can switch it.
 */
import { session } from "@web/session";

export const jalaliSettings = {
    calendar: Boolean(session.jalali?.calendar),
    persianDigits: Boolean(session.jalali?.persian_digits),
};
