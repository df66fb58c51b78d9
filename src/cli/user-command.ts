import { parseArgs } from "node:util";
import { createAccount } from "../commands/auth/account-creator.ts";
import { openConfiguredStore } from "./database-url.ts";
import { standardInput } from "./standard-streams.ts";

/** Read the password from standard input (first line), so it is never in the shell history or `ps`. */
async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of standardInput()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/u)[0] ?? "";
}

/** `shinchoku user add --org-code 431001 --login admin --name 管理者 --role administrator < password.txt` */
export async function userCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "add") {
    console.error("shinchoku user: サブコマンドは add です（shinchoku --help）");
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      "org-code": { type: "string" },
      login: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      department: { type: "string" },
    },
  });
  if (!values["org-code"] || !values.login || !values.role) {
    console.error(
      "shinchoku user add: --org-code, --login, --role が必要です。パスワードは標準入力から渡してください",
    );
    return 2;
  }
  const password = await readPassword();
  const store = await openConfiguredStore();
  try {
    const account = await createAccount(store, {
      organizationCode: values["org-code"],
      login: values.login,
      displayName: values.name ?? values.login,
      password,
      role: values.role,
      ...(values.department ? { department: values.department } : {}),
    });
    console.log(`アカウント ${account.login} を作成しました（${values.role}）`);
    return 0;
  } finally {
    await store.close();
  }
}
