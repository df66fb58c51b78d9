import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

/** Why a new password is refused; each has its own message (English in the staff catalogue). */
export type PasswordProblemCode =
  | "tooShort"
  | "tooLong"
  | "oneCharacter"
  | "personal"
  | "common"
  | "guessable";

export interface PasswordProblem {
  code: PasswordProblemCode;
  /** The reason in Japanese, for the CLI and the commands' errors. */
  message: string;
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
/** zxcvbn's scores run 0–4; 3 is "safely unguessable" against an online attack. */
const MIN_SCORE = 3;

const MESSAGES: Record<PasswordProblemCode, string> = {
  tooShort: `パスワードは${PASSWORD_MIN_LENGTH}文字以上にしてください`,
  tooLong: `パスワードは${PASSWORD_MAX_LENGTH}文字以内にしてください`,
  oneCharacter: "同じ文字を並べただけのパスワードは使えません",
  personal: "ログイン名や表示名をもとにしたパスワードは使えません",
  common:
    "よく使われるパスワードや流出したパスワードの一覧にある語をもとにしているため、推測されやすく使えません",
  guessable:
    "推測されやすいパスワードです。関係のない単語をいくつか組み合わせるなど、長く推測しにくいものにしてください",
};

const fold = (text: string) => text.normalize("NFKC").toLowerCase().replace(/\s+/gu, "");

/**
 * The names a password must not be built from: the login (and its part before `@`), the
 * display name without spaces, and the words of each, folded (NFKC, lower case, no spaces).
 */
function namesOf(person: { login: string; displayName: string }): string[] {
  const login = fold(person.login);
  const local = login.split("@")[0] ?? "";
  const words = [
    ...local.split(/[._-]+/u),
    ...person.displayName.normalize("NFKC").toLowerCase().split(/\s+/u),
  ];
  return [...new Set([login, local, fold(person.displayName), ...words])].filter((n) => n !== "");
}

/** Whether a folded password is made from a name: contains it (3 characters or more), or is only it repeated. */
function builtFrom(folded: string, name: string): boolean {
  if (name.length >= 3 && folded.includes(name)) return true;
  return (
    folded.length > 0 &&
    folded.length % name.length === 0 &&
    name.repeat(folded.length / name.length) === folded
  );
}

// zxcvbn's dictionaries take a noticeable time to load and index: once, on first use.
let estimator: Promise<ZxcvbnFactory> | undefined;
function zxcvbn(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
    ]);
    return new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });
  })();
  return estimator;
}

/**
 * The one password policy of Shinchoku, used wherever a password is set (`shinchoku user add`,
 * the password page): 12 to 200 characters; not one character repeated; not built from the
 * login or the display name (contains one, or is one repeated, compared after NFKC and in lower
 * case, so full-width and upper-case copies count); and strong enough by zxcvbn (score 3 or
 * more, with its list of common and leaked passwords and the person's names as known words).
 * @returns the first problem found, or null when the password may be used.
 * @example await passwordProblem("password1234", { login: "kikaku", displayName: "企画 太郎" }) // { code: "common", … }
 */
export async function passwordProblem(
  password: string,
  person: { login: string; displayName: string },
): Promise<PasswordProblem | null> {
  const problem = (code: PasswordProblemCode) => ({ code, message: MESSAGES[code] });
  if (password.length < PASSWORD_MIN_LENGTH) return problem("tooShort");
  if (password.length > PASSWORD_MAX_LENGTH) return problem("tooLong");
  const folded = fold(password);
  if (new Set(folded).size <= 1) return problem("oneCharacter");
  const names = namesOf(person);
  if (names.some((name) => builtFrom(folded, name))) return problem("personal");
  const result = (await zxcvbn()).check(password.normalize("NFKC"), names);
  if (result.score >= MIN_SCORE) return null;
  const fromList = result.sequence.some(
    (m) => m.pattern === "dictionary" && m.dictionaryName === "passwords-common",
  );
  const fromName = result.sequence.some(
    (m) => m.pattern === "dictionary" && m.dictionaryName === "userInputs",
  );
  return problem(fromName ? "personal" : fromList ? "common" : "guessable");
}
