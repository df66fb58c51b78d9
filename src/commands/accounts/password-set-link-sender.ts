/** What a password-set link e-mail needs: whose link, where it leads, until when. */
export interface PasswordSetLinkMessage {
  accountId: number;
  login: string;
  displayName: string;
  /** The absolute URL of the password-set page with the link's token. */
  url: string;
  expiresAt: string;
}

/**
 * The seam between the account pages and the mailer: where mail is configured, the server passes
 * an implementation to `createApp` (`AppOptions.passwordSetLinkSender`), and the pages call it
 * after an account is created or a new link issued. It resolves the recipient from the account
 * itself and answers whether the message was accepted (queued or sent): false when the account
 * has no address. It must not block on the mail server; the page shows the link either way.
 * @example const sender: PasswordSetLinkSender = { sendPasswordSetLink: async (m) => queue.add(m) };
 */
export interface PasswordSetLinkSender {
  sendPasswordSetLink(message: PasswordSetLinkMessage): Promise<boolean>;
}
