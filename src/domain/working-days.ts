import holidayJp from "@holiday-jp/holiday_jp";

/**
 * Working days of a Japanese city hall: Monday to Friday, except national holidays (from the
 * maintained `@holiday-jp/holiday_jp` list, not a hand-made one) and the year-end closure of
 * 29 December to 3 January that city ordinances set (行政機関の休日). Pure: dates are ISO
 * `YYYY-MM-DD` strings read as calendar days, so no time zone is involved.
 */

const DAY_MS = 86_400_000;

const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const toIso = (date: Date) => date.toISOString().slice(0, 10);

/** Whether the office is open on this day. @example isWorkingDay("2026-05-04") // false (みどりの日) */
export function isWorkingDay(iso: string): boolean {
  const date = toDate(iso);
  const weekday = date.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const monthDay = iso.slice(5);
  if (monthDay >= "12-29" || monthDay <= "01-03") return false;
  return !(iso in holidayJp.holidays);
}

/**
 * The working days left before a deadline, counting from the day after `today` up to and
 * including the deadline: 0 on the deadline itself (and when only holidays remain), negative
 * (working days overdue, counted the same way) after it.
 * @example workingDaysLeft("2026-04-28", "2026-05-07") // 3 (4/30, 5/1, 5/7; 4/29 and 5/3–6 are holidays)
 */
export function workingDaysLeft(today: string, deadline: string): number {
  if (today === deadline) return 0;
  const [from, to, sign] = today < deadline ? [today, deadline, 1] : [deadline, today, -1];
  let count = 0;
  for (let t = toDate(from).getTime() + DAY_MS; t <= toDate(to).getTime(); t += DAY_MS) {
    if (isWorkingDay(toIso(new Date(t)))) count++;
  }
  return sign * count;
}
