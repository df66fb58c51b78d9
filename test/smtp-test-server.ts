import { once } from "node:events";
import { createServer } from "node:net";
import { SMTPServer } from "smtp-server";

/** A message as the test mail server received it, decoded. */
export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO). */
  to: string[];
  from: string;
  subject: string;
  text: string;
  headers: Map<string, string>;
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`) back to text. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/gu, "?==?")
    .replace(
      /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/gu,
      (_, charset: string, kind: string, data: string) => {
        const bytes =
          kind.toUpperCase() === "B"
            ? Buffer.from(data, "base64")
            : Buffer.from(
                data
                  .replaceAll("_", " ")
                  .replace(/=([0-9A-Fa-f]{2})/gu, (_m, hex: string) =>
                    String.fromCharCode(Number.parseInt(hex, 16)),
                  ),
                "latin1",
              );
        return new TextDecoder(charset).decode(bytes);
      },
    );
}

function decodeQuotedPrintable(body: string): string {
  const joined = body.replace(/=\r?\n/gu, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-Fa-f]{2}$/u.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i] as string, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** A single-part text message, as nodemailer writes one, read back. */
export function parseMessage(raw: string, to: string[]): ReceivedMail {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/gu, " ");
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = headers.get("content-transfer-encoding")?.toLowerCase() ?? "7bit";
  const text =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/gu, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? decodeQuotedPrintable(body)
        : body;
  return {
    to,
    from: decodeWords(headers.get("from") ?? ""),
    subject: decodeWords(headers.get("subject") ?? ""),
    text: text.replace(/\r\n/gu, "\n"),
    headers,
  };
}

/** A port nothing listens on (for a mail server that is down), free when this returns. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, "127.0.0.1");
  await once(probe, "listening");
  const address = probe.address();
  probe.close();
  await once(probe, "close");
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/**
 * A real SMTP server in the test process (smtp-server), on 127.0.0.1, that keeps every message
 * it receives. No TLS is offered (a test has no certificate); authentication, when `users` are
 * given, checks them.
 * @example const smtp = await startSmtpTestServer(); … smtp.messages … await smtp.close();
 */
export async function startSmtpTestServer(
  options: { port?: number; users?: Record<string, string> } = {},
) {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: options.users ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !options.users,
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.users?.[auth.username ?? ""] === auth.password)
        return callback(null, { user: auth.username });
      return callback(new Error("invalid credentials"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        messages.push(
          parseMessage(
            Buffer.concat(chunks).toString("utf8").replace(/\r?\n/gu, "\r\n"),
            session.envelope.rcptTo.map((r) => r.address),
          ),
        );
        callback();
      });
    },
  });
  server.listen(options.port ?? 0, "127.0.0.1");
  await once(server.server, "listening");
  const address = server.server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    port: address.port,
    messages,
    /** The messages received for one address. */
    to: (address: string) => messages.filter((m) => m.to.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpTestServer = Awaited<ReturnType<typeof startSmtpTestServer>>;
