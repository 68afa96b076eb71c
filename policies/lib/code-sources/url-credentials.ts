/**
 * Credentials written into a URL (`https://user:token@host/...`): finding them, and masking them before a
 * value appears in a violation message (a message is printed, logged and posted on pull requests).
 */

/** `scheme://userinfo@`: everything between `//` and an `@` before the host ends. */
const USERINFO = /([a-z][a-z0-9+.-]*:\/\/)([^/?#\s@]*)@/gi;

/** The conventional SSH user of Git hosts (`ssh://git@github.com/...`): a name every user shares, no secret. */
const SHARED_USER = "git";

/** True when `value` holds a URL with a user name or token in it (a token alone is a user name to Git hosts). */
export function hasUrlCredentials(value: string): boolean {
  return [...value.matchAll(USERINFO)].some((match) => match[2] !== SHARED_USER);
}

/** `value` with the user part of every URL in it replaced by `***`, so no token is echoed. */
export function maskUrlCredentials(value: string): string {
  return value.replace(USERINFO, (_match, scheme: string, user: string) => (user === SHARED_USER ? `${scheme}${user}@` : `${scheme}***@`));
}
