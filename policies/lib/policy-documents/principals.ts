/**
 * AWS principals as IAM reads them: a bare 12-digit account id means that account's root, and an ARN names
 * its account in its fifth field. A wildcard in the account (`arn:aws:iam::*:root`) names no account.
 */

const ACCOUNT = /^[0-9]{12}$/;
const PRINCIPAL_ARN = /^arn:aws(?:-[a-z-]+)?:(?:iam|sts)::([^:]*):(.+)$/;

/** The account an AWS principal belongs to; undefined when it names none exactly (a wildcard, not an ARN). */
export function accountOfAwsPrincipal(principal: string): string | undefined {
  if (ACCOUNT.test(principal)) return principal;
  const match = PRINCIPAL_ARN.exec(principal);
  if (match === null || !ACCOUNT.test(match[1]) || /[*?]/.test(match[2])) return undefined;
  return match[1];
}

/** The canonical form IAM stores: a bare account id becomes `arn:aws:iam::<id>:root`. */
export function canonicalAwsPrincipal(principal: string): string {
  return ACCOUNT.test(principal) ? `arn:aws:iam::${principal}:root` : principal;
}

/** True for the account's root principal (bare id or `:root` ARN): the account itself, which delegates to its IAM. */
export function isAccountRoot(principal: string, account: string): boolean {
  return canonicalAwsPrincipal(principal) === `arn:aws:iam::${account}:root`;
}

/** The account of an ARN pattern in a condition (`arn:aws:iam::<id>:role/*`): the account field must be exact. */
export function accountOfArnPattern(pattern: string): string | undefined {
  const match = PRINCIPAL_ARN.exec(pattern);
  return match !== null && ACCOUNT.test(match[1]) ? match[1] : undefined;
}
