/**
 * Solar Hijri (Jalali) <-> Gregorian arithmetic.
 *
 * The algorithm is the one of jalaali-js (https://github.com/jalaali/jalaali-js,
 * MIT licence, Behrang Noruzi Niya), itself based on Kazimierz M. Borkowski's
 * "The Persian calendar for 3000 years": leap years follow the 2820-year break table
 * below, which matches the astronomical calendar of Iran for years -61..3177.
 * Rewritten here (no npm dependency in Odoo's asset bundles); kept pure so it can be
 * unit tested against the browser's own Intl "persian" calendar.
 */

const BREAKS = [
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324,
    2394, 2456, 3178,
];

const div = (a, b) => ~~(a / b);
const mod = (a, b) => a - ~~(a / b) * b;

/**
 * For a Jalali year: the Gregorian year of its Nowruz, the March day of Nowruz, and
 * the number of years since the last leap year (0 means jy itself is leap).
 *
 * @param {number} jy
 * @returns {{ gy: number, march: number, leap: number }}
 */
function jalCal(jy) {
    const gy = jy + 621;
    let leapJ = -14;
    let jp = BREAKS[0];
    let jump = 0;
    if (jy < jp || jy >= BREAKS[BREAKS.length - 1]) {
        throw new RangeError(`Jalali year out of range: ${jy}`);
    }
    for (let i = 1; i < BREAKS.length; i++) {
        const jm = BREAKS[i];
        jump = jm - jp;
        if (jy < jm) {
            break;
        }
        leapJ += div(jump, 33) * 8 + div(mod(jump, 33), 4);
        jp = jm;
    }
    let n = jy - jp;
    leapJ += div(n, 33) * 8 + div(mod(n, 33) + 3, 4);
    if (mod(jump, 33) === 4 && jump - n === 4) {
        leapJ += 1;
    }
    const leapG = div(gy, 4) - div((div(gy, 100) + 1) * 3, 4) - 150;
    const march = 20 + leapJ - leapG;
    if (jump - n < 6) {
        n = n - jump + div(jump + 4, 33) * 33;
    }
    let leap = mod(mod(n + 1, 33) - 1, 4);
    if (leap === -1) {
        leap = 4;
    }
    return { gy, march, leap };
}

/** Julian day number of a Gregorian date. */
function g2d(gy, gm, gd) {
    const d =
        div((gy + div(gm - 8, 6) + 100100) * 1461, 4) +
        div(153 * mod(gm + 9, 12) + 2, 5) +
        gd -
        34840408;
    return d - div(div(gy + 100100 + div(gm - 8, 6), 100) * 3, 4) + 752;
}

/** Gregorian date of a Julian day number. */
function d2g(jdn) {
    let j = 4 * jdn + 139361631;
    j = j + div(div(4 * jdn + 183187720, 146097) * 3, 4) * 4 - 3908;
    const i = div(mod(j, 1461), 4) * 5 + 308;
    const gd = div(mod(i, 153), 5) + 1;
    const gm = mod(div(i, 153), 12) + 1;
    const gy = div(j, 1461) - 100100 + div(8 - gm, 6);
    return { year: gy, month: gm, day: gd };
}

/** Julian day number of a Jalali date. */
function j2d(jy, jm, jd) {
    const { gy, march } = jalCal(jy);
    return g2d(gy, 3, march) + (jm - 1) * 31 - div(jm, 7) * (jm - 7) + jd - 1;
}

/** Jalali date of a Julian day number. */
function d2j(jdn) {
    const gy = d2g(jdn).year;
    let jy = gy - 621;
    const { march, leap } = jalCal(jy);
    let k = jdn - g2d(gy, 3, march);
    if (k >= 0) {
        if (k <= 185) {
            return { year: jy, month: 1 + div(k, 31), day: mod(k, 31) + 1 };
        }
        k -= 186;
    } else {
        jy -= 1;
        k += 179;
        if (leap === 1) {
            k += 1;
        }
    }
    return { year: jy, month: 7 + div(k, 30), day: mod(k, 30) + 1 };
}

/**
 * @param {number} jy
 * @returns {boolean}
 */
export function isLeapJalaliYear(jy) {
    return jalCal(jy).leap === 0;
}

/**
 * @param {number} jy
 * @param {number} jm 1..12
 * @returns {number}
 */
export function jalaliMonthLength(jy, jm) {
    if (jm <= 6) {
        return 31;
    }
    if (jm <= 11) {
        return 30;
    }
    return isLeapJalaliYear(jy) ? 30 : 29;
}

/**
 * @param {number} jy
 * @param {number} jm
 * @param {number} jd
 * @returns {boolean}
 */
export function isValidJalaliDate(jy, jm, jd) {
    return (
        Number.isInteger(jy) &&
        jy >= BREAKS[0] &&
        jy < BREAKS[BREAKS.length - 1] &&
        jm >= 1 &&
        jm <= 12 &&
        jd >= 1 &&
        jd <= jalaliMonthLength(jy, jm)
    );
}

/**
 * @param {number} gy
 * @param {number} gm 1..12
 * @param {number} gd
 * @returns {{ year: number, month: number, day: number }} the Jalali date
 */
export function toJalali(gy, gm, gd) {
    return d2j(g2d(gy, gm, gd));
}

/**
 * @param {number} jy
 * @param {number} jm 1..12
 * @param {number} jd
 * @returns {{ year: number, month: number, day: number }} the Gregorian date
 */
export function toGregorian(jy, jm, jd) {
    return d2g(j2d(jy, jm, jd));
}
