import { defineMessages } from "../../i18n/messages.ts";

/** The words of a person's own account page (`/staff/account`), Japanese first. */
export const accountText = defineMessages(
  {
    accountLink: "アカウント設定",
    accountTitle: "アカウント設定",
    accountIntro:
      "報告期の開始、締切前の催促、差戻しをメールでお知らせします（システムにメールの設定があるときだけ）。",
    email: "メールアドレス",
    emailHint: "例: hoiku@city.example.jp（空にすると、メールは届きません）",
    emailInvalid: "メールアドレスを name@example.jp の形で入力してください（254文字以内）",
    reminders: "メールでのお知らせ",
    remindersOn: "お知らせを受け取る（報告期の開始・締切前の催促・差戻し・企画課への状況のまとめ）",
    remindersHint: "チェックを外すと、あなたにはお知らせのメールが届きません。",
    save: "保存する",
    saved: "保存しました。",
  },
  {
    accountLink: "Account settings",
    accountTitle: "Account settings",
    accountIntro:
      "You are told by e-mail when a period opens, before a deadline and when a draft is returned (when the system has mail set up).",
    email: "E-mail address",
    emailHint: "For example hoiku@city.example.jp (leave empty to receive no e-mail)",
    emailInvalid: "Enter an e-mail address like name@example.jp (at most 254 characters)",
    reminders: "E-mail notices",
    remindersOn:
      "Send me notices (a period opens, reminders before the deadline, returns, the planning division's digest)",
    remindersHint: "Untick to receive no notices by e-mail.",
    save: "Save",
    saved: "Saved.",
  },
);
