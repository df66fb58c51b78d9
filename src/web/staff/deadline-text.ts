import { formatWarekiDate } from "../../domain/era.ts";
import { workingDaysLeft } from "../../domain/working-days.ts";

/** Today's date in Tokyo, `YYYY-MM-DD`. */
export const todayInTokyo = (now = new Date()) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tokyo" }).format(now);

/**
 * A deadline as people read it: 和暦 with 西暦, and the working days left (weekends, national
 * holidays and the year-end closure not counted).
 * @example deadlineText("2014-04-21", "2014-04-18") // "平成26年4月21日（2014-04-21）・あと1営業日"
 */
export function deadlineText(deadline: string | null, today: string): string {
  if (!deadline) return "未設定";
  const left = workingDaysLeft(today, deadline);
  const when =
    left > 0
      ? `あと${left}営業日`
      : left === 0
        ? today === deadline
          ? "本日締切"
          : "締切まで営業日なし"
        : `締切を${-left}営業日過ぎています`;
  return `${formatWarekiDate(deadline)}（${deadline}）・${when}`;
}
