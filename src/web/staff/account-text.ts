import { defineMessages, type Lang } from "../i18n/messages.ts";

/**
 * The UI text of the administrators' pages for people, departments and API tokens, and of the
 * password-set page, Japanese first. `{name}` marks a value filled in by {@link accountTextWith}.
 */
export const accountText = defineMessages(
  {
    menuAccounts: "アカウント",
    menuDepartments: "担当課",
    menuTokens: "APIトークン",
    // The account list
    accountsTitle: "アカウントの管理",
    accountsIntro:
      "職員のアカウントを作成・変更し、無効にします。パスワードは本人がパスワード設定リンクから設定します（管理者がほかの人のパスワードを入力することはありません）。",
    accountsCaption: "アカウント（{n}件、ログイン名順）",
    newAccountLink: "アカウントを作る",
    colLogin: "ログイン名",
    colDisplayName: "表示名",
    colRole: "役割",
    colDepartment: "担当課",
    colState: "状態",
    colActions: "操作",
    stateEnabled: "有効",
    stateDisabled: "無効（{at}から）",
    statePasswordUnset: "パスワード未設定",
    editLink: "{login} を編集",
    noDepartment: "—",
    // Create and edit
    newAccountTitle: "アカウントを作る",
    newAccountIntro:
      "作成すると、一度だけ表示されるパスワード設定リンク（{hours}時間有効、1回限り）が出ます。本人に伝えてください。",
    fieldLogin: "ログイン名",
    fieldLoginHint: "半角英数字と . _ @ - の3〜64文字。あとから変えられません。",
    fieldDisplayName: "表示名",
    fieldDisplayNameHint: "画面と監査記録に出る名前（100文字以内）。空欄ならログイン名。",
    fieldEmail: "メールアドレス（任意）",
    fieldEmailHint:
      "例: hoiku@city.example.jp。メールが使えるサーバーでは、パスワード設定リンクと締切のお知らせをここへ送ります。本人もあとで変えられます。",
    emailInvalid: "メールアドレスを name@example.jp の形で入力してください（254文字以内）",
    fieldRole: "役割",
    fieldDepartment: "担当課",
    fieldDepartmentHint:
      "担当課の編集者は必ず選びます（ほかの役割では使いません）。担当課は「担当課の管理」で作ります。",
    departmentNone: "（なし）",
    createSubmit: "作成する",
    editTitle: "アカウント「{login}」",
    editIntro: "役割・担当課・表示名の変更は、その人の次の操作から効きます。",
    saveSubmit: "変更を保存する",
    createdTitle: "アカウント「{login}」を作りました",
    linkTitle: "パスワード設定リンク",
    linkOnce:
      "このリンクはこの画面に一度だけ表示されます。本人に伝えてください（{expires}まで有効、1回限り）。",
    linkLabel: "パスワード設定リンク（コピーして本人に伝える）",
    linkMailed: "同じリンクをメールでも送りました。",
    linkMailFailed: "メールでは送れませんでした。このリンクを本人に伝えてください。",
    backToAccounts: "アカウントの一覧へ",
    backToAccount: "このアカウントへ",
    // Disable, enable, a new link
    stateTitle: "アカウントの状態",
    disableIntro:
      "無効にすると、ログイン中のセッションはすぐに終わり、この人が発行した API トークンも使えなくなります（再び有効にすると使えます）。",
    disableSubmit: "このアカウントを無効にする",
    enableIntro: "{at}から無効です。有効にすると、同じパスワードで再びログインできます。",
    enableSubmit: "このアカウントを有効にする",
    newLinkTitle: "パスワードの再設定",
    newLinkIntro:
      "パスワードを忘れた人には、新しいパスワード設定リンクを発行します。以前のリンクは使えなくなります。今のパスワードは、リンクが使われるまで変わりません。",
    newLinkSubmit: "新しいパスワード設定リンクを発行する",
    updated: "アカウント「{login}」を変更しました。",
    unchanged: "変更はありませんでした。",
    disabled: "アカウント「{login}」を無効にしました。ログイン中のセッションは終了しました。",
    enabled: "アカウント「{login}」を有効にしました。",
    // Problems
    loginTaken: "このログイン名はすでに使われています",
    departmentRequired: "担当課の編集者には担当課を選んでください",
    departmentUnknown: "選んだ担当課はありません",
    roleUnknown: "役割を選んでください",
    lastAdministrator: "有効な管理者がほかにいないため、この変更はできません",
    selfDisable: "自分のアカウントは無効にできません",
    // Departments
    departmentsTitle: "担当課の管理",
    departmentsIntro:
      "担当課はここで作ります。取込や割当で知らない担当課名が出てきても、黙って作ることはありません。名前の変更では取組・アカウント・APIトークンはそのまま、統合ではすべて統合先に移ります。",
    departmentsCaption: "担当課（{n}件、名前順）",
    colName: "担当課",
    colMeasures: "担当する取組（主担当・関係課）",
    colAccounts: "アカウント",
    colTokens: "有効な APIトークン",
    departmentEditLink: "{name} の名前の変更・統合",
    noDepartments: "担当課はまだありません。",
    createDepartmentTitle: "担当課を作る",
    fieldDepartmentName: "担当課の名前",
    fieldDepartmentNameHint: "100文字以内。同じ名前の担当課は作れません。",
    createDepartmentSubmit: "担当課を作る",
    departmentCreated: "担当課「{name}」を作りました。",
    departmentTitle: "担当課「{name}」",
    departmentHolds: "取組 {measures}件・アカウント {accounts}件・有効な APIトークン {tokens}件",
    renameTitle: "名前を変える",
    fieldNewName: "新しい名前",
    renameSubmit: "名前を変える",
    renamed: "担当課の名前を「{name}」に変えました。",
    mergeTitle: "ほかの担当課に統合する",
    mergeIntro:
      "「{name}」の取組の割当・アカウント・APIトークンをすべて統合先に移し、「{name}」を削除します。元に戻すことはできません。",
    fieldMergeInto: "統合先",
    mergeChoose: "（選んでください）",
    mergeSubmit: "統合する",
    merged:
      "「{from}」を「{into}」に統合しました（取組の割当 {measures}件、アカウント {accounts}件、APIトークン {tokens}件）。",
    mergeIntoMissing: "統合先を選んでください",
    mergeNoOther: "統合先になるほかの担当課がありません。",
    nameTaken: "この名前の担当課はすでにあります",
    nameMissing: "担当課の名前を100文字以内で入力してください",
    departmentNotFound:
      "担当課「{name}」はありません。管理者が「担当課の管理」で作ってから割り当ててください",
    // API tokens
    tokensTitle: "APIトークンの管理",
    tokensIntro:
      "担当課のシステムが進捗状況を下書きとして書き込むための APIトークンです（docs/api.md）。トークンは発行したときに一度だけ表示されます。無効にするとすぐに使えなくなります。",
    tokensCaption: "APIトークン（{n}件、新しい順）",
    colTokenName: "名前",
    colIssuedBy: "発行者",
    colIssuedAt: "発行日時",
    tokenActive: "有効",
    tokenRevoked: "無効（{at}）",
    tokenIssuerDisabled: "使用不可（発行者のアカウントが無効）",
    revokeSubmit: "「{name}」を無効にする",
    noTokens: "APIトークンはまだありません。",
    issueTitle: "APIトークンを発行する",
    fieldTokenName: "名前",
    fieldTokenNameHint:
      "何に使うかがわかる名前（100文字以内）。監査記録と進捗報告にこの名前が出ます。",
    issueSubmit: "発行する",
    issuedTitle: "APIトークン「{name}」を発行しました",
    issuedOnce:
      "このトークンはこの画面に一度だけ表示されます。担当課のシステムに設定し、安全に保管してください。",
    tokenLabel: "APIトークン（{department}）",
    revoked: "APIトークン「{name}」を無効にしました。",
    tokenNameMissing: "トークンの名前を100文字以内で入力してください",
    alreadyRevoked: "このトークンはすでに無効です",
    // Setting a password through a link
    setPasswordTitle: "パスワードの設定",
    setPasswordIntro:
      "{name}（ログイン名 {login}）のパスワードを設定します。このリンクは{expires}まで、1回だけ使えます。",
    setPasswordNew: "パスワード",
    setPasswordHint:
      "12文字以上。ログイン名や表示名を含むもの、よく使われるものは使えません。長い文（パスフレーズ）がおすすめです。",
    setPasswordConfirm: "パスワード（確認）",
    setPasswordSubmit: "パスワードを設定する",
    setPasswordMismatch: "確認のパスワードが一致しません",
    setPasswordMissing: "パスワードを入力してください",
    linkRefusedTitle: "このリンクは使えません",
    linkRefused:
      "有効期限（{hours}時間）が過ぎたか、すでに使われたか、新しいリンクが発行されています。管理者に新しいリンクを依頼してください。",
    staleForm: "フォームの有効期限が切れました。もう一度入力してください",
    passwordSetTitle: "パスワードを設定しました",
    passwordSetBody: "設定したパスワードでログインしてください。",
    toLogin: "ログインページへ",
    // The audit trail's names of these actions
    actionAccountUpdate: "アカウントの変更",
    actionAccountDisable: "アカウントの無効化",
    actionAccountEnable: "アカウントの再有効化",
    actionAccountPasswordLink: "パスワード設定リンクの発行",
    actionAccountPasswordSet: "リンクによるパスワードの設定",
    actionDepartmentCreate: "担当課の作成",
    actionDepartmentRename: "担当課の名前の変更",
    actionDepartmentMerge: "担当課の統合",
    actionApiTokenIssue: "APIトークンの発行",
    actionApiTokenRevoke: "APIトークンの無効化",
  },
  {
    menuAccounts: "Accounts",
    menuDepartments: "Departments",
    menuTokens: "API tokens",
    accountsTitle: "Accounts",
    accountsIntro:
      "Create, change and disable staff accounts. People set their own password through a password-set link (an administrator never types someone else's password).",
    accountsCaption: "Accounts ({n}, by login)",
    newAccountLink: "Create an account",
    colLogin: "Login",
    colDisplayName: "Display name",
    colRole: "Role",
    colDepartment: "Department",
    colState: "State",
    colActions: "Actions",
    stateEnabled: "Enabled",
    stateDisabled: "Disabled (since {at})",
    statePasswordUnset: "No password set yet",
    editLink: "Edit {login}",
    noDepartment: "—",
    newAccountTitle: "Create an account",
    newAccountIntro:
      "Once created, a password-set link (valid for {hours} hours, once) is shown one time only. Pass it on to the person.",
    fieldLogin: "Login",
    fieldLoginHint: "3–64 characters: letters, digits and . _ @ -. It cannot be changed later.",
    fieldDisplayName: "Display name",
    fieldDisplayNameHint:
      "The name shown on the pages and in the audit trail (up to 100 characters). The login when empty.",
    fieldEmail: "E-mail address (optional)",
    fieldEmailHint:
      "For example hoiku@city.example.jp. Where the server can send mail, password-set links and deadline reminders go here. The person can change it later.",
    emailInvalid: "Enter an e-mail address like name@example.jp (at most 254 characters)",
    fieldRole: "Role",
    fieldDepartment: "Department",
    fieldDepartmentHint:
      "Required for a department editor (not used for the other roles). Departments are created under “Departments”.",
    departmentNone: "(none)",
    createSubmit: "Create",
    editTitle: "Account “{login}”",
    editIntro: "A new role, department or display name applies from the person's next request.",
    saveSubmit: "Save changes",
    createdTitle: "Account “{login}” created",
    linkTitle: "Password-set link",
    linkOnce:
      "This link is shown on this page once only. Pass it on to the person (valid until {expires}, once).",
    linkLabel: "Password-set link (copy it and pass it on)",
    linkMailed: "The same link was also sent by e-mail.",
    linkMailFailed: "It could not be sent by e-mail. Pass this link on to the person.",
    backToAccounts: "Back to the accounts",
    backToAccount: "Back to this account",
    stateTitle: "Account state",
    disableIntro:
      "Disabling ends the person's sessions at once, and the API tokens they issued stop working (until the account is enabled again).",
    disableSubmit: "Disable this account",
    enableIntro:
      "Disabled since {at}. Enabling lets the person sign in again with the same password.",
    enableSubmit: "Enable this account",
    newLinkTitle: "Password reset",
    newLinkIntro:
      "For someone who forgot their password, issue a new password-set link. Earlier links stop working. The current password stays until the link is used.",
    newLinkSubmit: "Issue a new password-set link",
    updated: "Account “{login}” changed.",
    unchanged: "Nothing changed.",
    disabled: "Account “{login}” disabled. Its sessions have ended.",
    enabled: "Account “{login}” enabled.",
    loginTaken: "This login is already taken",
    departmentRequired: "Choose a department for a department editor",
    departmentUnknown: "The chosen department does not exist",
    roleUnknown: "Choose a role",
    lastAdministrator: "There is no other enabled administrator, so this change is not possible",
    selfDisable: "You cannot disable your own account",
    departmentsTitle: "Departments",
    departmentsIntro:
      "Departments are created here. An unknown department name in an import or an assignment is never created silently. Renaming keeps the measures, accounts and API tokens; merging moves all of them to the other department.",
    departmentsCaption: "Departments ({n}, by name)",
    colName: "Department",
    colMeasures: "Measures (lead or contributing)",
    colAccounts: "Accounts",
    colTokens: "Active API tokens",
    departmentEditLink: "Rename or merge {name}",
    noDepartments: "There are no departments yet.",
    createDepartmentTitle: "Create a department",
    fieldDepartmentName: "Department name",
    fieldDepartmentNameHint: "Up to 100 characters. Two departments cannot share a name.",
    createDepartmentSubmit: "Create the department",
    departmentCreated: "Department “{name}” created.",
    departmentTitle: "Department “{name}”",
    departmentHolds: "{measures} measures · {accounts} accounts · {tokens} active API tokens",
    renameTitle: "Rename",
    fieldNewName: "New name",
    renameSubmit: "Rename",
    renamed: "The department is now called “{name}”.",
    mergeTitle: "Merge into another department",
    mergeIntro:
      "Moves every measure assignment, account and API token of “{name}” to the department chosen, then deletes “{name}”. This cannot be undone.",
    fieldMergeInto: "Merge into",
    mergeChoose: "(choose one)",
    mergeSubmit: "Merge",
    merged:
      "“{from}” merged into “{into}” ({measures} measure assignments, {accounts} accounts, {tokens} API tokens).",
    mergeIntoMissing: "Choose the department to merge into",
    mergeNoOther: "There is no other department to merge into.",
    nameTaken: "A department with this name already exists",
    nameMissing: "Enter the department's name (up to 100 characters)",
    departmentNotFound:
      "There is no department “{name}”. An administrator creates it under “Departments” first",
    tokensTitle: "API tokens",
    tokensIntro:
      "API tokens let a department's system write progress as drafts (docs/api.md). A token is shown once, when it is issued. Revoking stops it at once.",
    tokensCaption: "API tokens ({n}, newest first)",
    colTokenName: "Name",
    colIssuedBy: "Issued by",
    colIssuedAt: "Issued at",
    tokenActive: "Active",
    tokenRevoked: "Revoked ({at})",
    tokenIssuerDisabled: "Not usable (the issuer's account is disabled)",
    revokeSubmit: "Revoke “{name}”",
    noTokens: "There are no API tokens yet.",
    issueTitle: "Issue an API token",
    fieldTokenName: "Name",
    fieldTokenNameHint:
      "A name that says what it is for (up to 100 characters). The audit trail and the cycle board show it.",
    issueSubmit: "Issue",
    issuedTitle: "API token “{name}” issued",
    issuedOnce:
      "This token is shown on this page once only. Configure it in the department's system and keep it safe.",
    tokenLabel: "API token ({department})",
    revoked: "API token “{name}” revoked.",
    tokenNameMissing: "Enter the token's name (up to 100 characters)",
    alreadyRevoked: "This token is already revoked",
    setPasswordTitle: "Set your password",
    setPasswordIntro:
      "Set the password of {name} (login {login}). This link works once, until {expires}.",
    setPasswordNew: "Password",
    setPasswordHint:
      "At least 12 characters. Nothing containing your login or name, nothing common. A long sentence (a passphrase) works well.",
    setPasswordConfirm: "Password (again)",
    setPasswordSubmit: "Set the password",
    setPasswordMismatch: "The passwords do not match",
    setPasswordMissing: "Enter a password",
    linkRefusedTitle: "This link cannot be used",
    linkRefused:
      "It expired ({hours} hours), was used already, or a newer link was issued. Ask an administrator for a new link.",
    staleForm: "The form expired. Please enter it again",
    passwordSetTitle: "Your password is set",
    passwordSetBody: "Sign in with the password you set.",
    toLogin: "Go to the sign-in page",
    actionAccountUpdate: "Account changed",
    actionAccountDisable: "Account disabled",
    actionAccountEnable: "Account enabled",
    actionAccountPasswordLink: "Password-set link issued",
    actionAccountPasswordSet: "Password set through a link",
    actionDepartmentCreate: "Department created",
    actionDepartmentRename: "Department renamed",
    actionDepartmentMerge: "Departments merged",
    actionApiTokenIssue: "API token issued",
    actionApiTokenRevoke: "API token revoked",
  },
);

export type AccountTextKey = Parameters<typeof accountText>[1];

/** The audit trail's names of the actions of these pages (see `actionName`). */
export const ACCOUNT_ACTIONS: Record<string, AccountTextKey> = {
  "account.update": "actionAccountUpdate",
  "account.disable": "actionAccountDisable",
  "account.enable": "actionAccountEnable",
  "account.password_link": "actionAccountPasswordLink",
  "account.password_set": "actionAccountPasswordSet",
  "department.create": "actionDepartmentCreate",
  "department.rename": "actionDepartmentRename",
  "department.merge": "actionDepartmentMerge",
  "api_token.issue": "actionApiTokenIssue",
  "api_token.revoke": "actionApiTokenRevoke",
};

/**
 * Account text with its `{name}` placeholders filled in.
 * @example accountTextWith("ja", "updated", { login: "hoiku" }) // "アカウント「hoiku」を変更しました。"
 */
export function accountTextWith(
  lang: Lang,
  key: AccountTextKey,
  values: Record<string, string | number>,
): string {
  return accountText(lang, key).replace(/\{(\w+)\}/gu, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** A stored instant as the reader's clock in Tokyo shows it: 2026-12-05 16:20. */
export function tokyoDateTime(iso: string): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Asia/Tokyo",
    dateStyle: "short",
    timeStyle: "short",
  }).format(new Date(iso));
}
