import holidayJp from "@holiday-jp/holiday_jp";
import { ShinchokuError } from "./errors.ts";

/**
 * Working days (開庁日) of a Japanese city hall: not Saturday or Sunday, not a national holiday
 * (祝日, 振替休日 and 国民の休日, from @holiday-jp/holiday_jp, a maintained table), and not the
 * year-end closure from 29 December to 3 January (年末年始の休日), which city halls keep by their
 * own ordinance (地方自治法第4条の2, e.g. 熊本市の休日を定める条例) though it is no national
 * holiday. Dates are ISO `YYYY-MM-DD` in Japan's calendar; nothing here reads a clock or a time zone.
 */

/** Why a date is no working day, or null when it is one. */
export type ClosedReason =
  | { kind: "weekend" }
  | { kind: "holiday"; name: string }
  | { kind: "yearEnd" };

const HOLIDAYS: Readonly<Record<string, { name: string }>> = holidayJp.holidays;
const HOLIDAY_YEARS = Object.keys(HOLIDAYS).map((d) => Number(d.slice(0, 4)));
/** The years the holiday table covers; a date outside them cannot be judged. */
export const WORKING_DAY_YEARS = {
  first: Math.min(...HOLIDAY_YEARS),
  last: Math.max(...HOLIDAY_YEARS),
} as const;

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(date))
    throw new ShinchokuError("invalid_input", `日付「${date}」を YYYY-MM-DD で指定してください`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date)
    throw new ShinchokuError("invalid_input", `日付「${date}」は暦にありません`);
  const year = Number(date.slice(0, 4));
  if (year < WORKING_DAY_YEARS.first || year > WORKING_DAY_YEARS.last)
    throw new ShinchokuError(
      "invalid_input",
      `日付「${date}」は祝日の表（${WORKING_DAY_YEARS.first}〜${WORKING_DAY_YEARS.last}年）の外です`,
    );
  return ms / DAY_MS;
}

const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

function closedOn(day: number): ClosedReason | null {
  const date = isoOf(day);
  const weekday = new Date(day * DAY_MS).getUTCDay();
  const holiday = HOLIDAYS[date];
  if (holiday) return { kind: "holiday", name: holiday.name };
  const monthDay = date.slice(5);
  if (monthDay >= "12-29" || monthDay <= "01-03") return { kind: "yearEnd" };
  if (weekday === 0 || weekday === 6) return { kind: "weekend" };
  return null;
}

/**
 * Why the city hall is closed on a date (a holiday by its name, the year-end closure, a weekend),
 * or null on a working day.
 * @example closedReason("2026-05-06") // { kind: "holiday", name: "こどもの日 振替休日" }
 */
export function closedReason(date: string): ClosedReason | null {
  return closedOn(dayNumber(date));
}

/** @example isWorkingDay("2026-12-28") // true; isWorkingDay("2026-12-29") // false */
export function isWorkingDay(date: string): boolean {
  return closedOn(dayNumber(date)) === null;
}

/**
 * The date `n` working days after `date` (before it when `n` is negative); `date` itself when `n`
 * is 0, whether or not it is a working day.
 * @example addWorkingDays("2026-05-01", 1) // "2026-05-07" (5/2–5/6: weekend and holidays)
 * @example addWorkingDays("2026-05-08", -3) // "2026-04-30"
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`n must be an integer, not ${n}`);
  let day = dayNumber(date);
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    if (closedOn(day) === null) left--;
  }
  const result = isoOf(day);
  dayNumber(result); // past the holiday table: refused rather than guessed
  return result;
}

/**
 * The working days after `from` up to and including `to`: how many working days are left from
 * today until a deadline (0 on the deadline itself, or when the days between are all closed);
 * negative, counted the same way, when `to` is before `from`. It undoes {@link addWorkingDays}:
 * `workingDaysBetween(d, addWorkingDays(d, n)) === n` for n ≥ 0, and for n < 0 when `d` is a
 * working day.
 * @example workingDaysBetween("2026-04-28", "2026-05-08") // 4: 4/30, 5/1, 5/7, 5/8
 */
export function workingDaysBetween(from: string, to: string): number {
  const start = dayNumber(from);
  const end = dayNumber(to);
  if (end < start) return -workingDaysBetween(to, from);
  let count = 0;
  for (let day = start + 1; day <= end; day++) if (closedOn(day) === null) count++;
  return count;
}

const TOKYO_DATE = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tokyo" });

/**
 * The date in Japan at an instant: a deadline is a day in Japan whatever the machine's time zone.
 * @example tokyoDate(new Date("2026-12-04T15:00:00Z")) // "2026-12-05"
 */
export function tokyoDate(instant: Date): string {
  return TOKYO_DATE.format(instant);
}

/**
 * The working days left from `today` until `deadline` (0 on the deadline, negative after it).
 * @example workingDaysLeft("2026-04-28", "2026-05-08") // 4
 */
export function workingDaysLeft(today: string, deadline: string): number {
  return workingDaysBetween(today, deadline);
}
