/**
 * Credentials written into a URL (`https://user:token@host/...`): finding them, and masking them before a
 * value appears in a violation message (a message is printed, logged and posted on pull requests).
 */

/** `scheme://userinfo@`: everything between `//` and the first `@` before the host's end. */
const USERINFO = /([a-z][a-z0-9+.-]*:\/\/)[^/?#\s@]*@/gi;

/** True when `value` holds a URL with a user name or password in it. */
export function hasUrlCredentials(value: string): boolean {
  USERINFO.lastIndex = 0;
  return USERINFO.test(value);
}

/** `value` with the user part of every URL in it replaced by `***`, so no token is echoed. */
export function maskUrlCredentials(value: string): string {
  return value.replace(USERINFO, "$1***@");
}
