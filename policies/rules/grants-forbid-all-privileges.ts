/**
 * grants-forbid-all-privileges: no grant may use ALL_PRIVILEGES ("ALL PRIVILEGES").
 */
import { forResourceTypes } from "../lib/applicability";
import { normalizePrivilege, principalGrantsOf } from "../lib/principals";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { GRANT, GRANTS } from "../lib/resource-types";
import { describeSecurable, securableOf } from "../lib/securables";

const ALL_PRIVILEGES = "ALL_PRIVILEGES";

/** Returns one message per principal granted ALL_PRIVILEGES (in any spelling) in a Grants/Grant input. */
export function findAllPrivilegesGrants(props: Record<string, unknown>): string[] {
  const securable = describeSecurable(securableOf(props));
  return principalGrantsOf(props)
    .filter((grant) => grant.privileges.some((p) => normalizePrivilege(p) === ALL_PRIVILEGES))
    .map(
      (grant) =>
        `Principal '${grant.principal}' is granted ALL_PRIVILEGES on ${securable}; ` +
        "grant the explicit privileges it needs instead.",
    );
}

/** The rule object registered in the pack. */
export const grantsForbidAllPrivileges: DocumentedResourcePolicy = {
  name: "grants-forbid-all-privileges",
  description: "Grants list explicit privileges; ALL_PRIVILEGES is never granted.",
  severity: "high",
  remediationSteps:
    "Replace ALL_PRIVILEGES with the explicit privileges the principal needs (for a stage's service principal " +
    "typically USE_CATALOG, USE_SCHEMA, CREATE_SCHEMA, CREATE_TABLE, CREATE_MODEL, MODIFY, SELECT, EXECUTE, " +
    "READ_VOLUME, WRITE_VOLUME), or make the principal the securable's owner.",
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Least privilege on every stage's catalog. ALL_PRIVILEGES expands to whatever privileges exist when " +
      "access is checked, so it silently grows with new privilege types, and beside explicit privileges it " +
      "makes the provider report a perpetual diff (known trap of the Databricks provider).",
    controls: [],
  },
  validateResource: forResourceTypes([GRANTS, GRANT], (args, reportViolation) => {
    for (const message of findAllPrivilegesGrants(args.props)) reportViolation(message);
  }),
};
