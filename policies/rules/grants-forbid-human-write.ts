/**
 * grants-forbid-human-write: on a stage where humans are read-only, no human principal may hold a
 * privilege outside the read-only set.
 */
import { forResourceTypes } from "../lib/applicability";
import { DEFAULT_READ_ONLY_PRIVILEGES, isServicePrincipal, normalizePrivilege, principalGrantsOf } from "../lib/principals";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { GRANT, GRANTS } from "../lib/resource-types";
import { describeSecurable, securableOf } from "../lib/securables";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface HumanWriteConfig {
  /** Privileges a human may hold; anything else (including unknown privileges) counts as write. */
  readOnlyPrivileges: string[];
}

/**
 * Returns one message per human principal that holds privileges outside `readOnlyPrivileges` on the
 * securable of a Grants/Grant input. Privilege names are compared in canonical form.
 */
export function findHumanWriteGrants(props: Record<string, unknown>, config: HumanWriteConfig): string[] {
  const allowed = config.readOnlyPrivileges.map(normalizePrivilege);
  const securable = describeSecurable(securableOf(props));
  const messages: string[] = [];
  for (const grant of principalGrantsOf(props)) {
    if (isServicePrincipal(grant.principal)) continue;
    const writes = [...new Set(grant.privileges.map(normalizePrivilege))].filter((p) => !allowed.includes(p));
    if (writes.length === 0) continue;
    messages.push(
      `Human principal '${grant.principal}' holds ${writes.join(", ")} on ${securable}; ` +
        `humans may hold only ${allowed.join(", ")}.`,
    );
  }
  return messages;
}

/** The rule object registered in the pack. */
export const grantsForbidHumanWrite: DocumentedResourcePolicy = {
  name: "grants-forbid-human-write",
  description: "Humans hold only read-only Unity Catalog privileges; writes go through the stage's service principal.",
  severity: "critical",
  remediationSteps:
    "Grant the write privileges to the stage's service principal (by application id) instead, and keep the " +
    "human group's grant to the read-only privileges listed in the message. To change the read-only set, set " +
    "`readOnlyPrivileges` for this policy in the stage's policy config.",
  configSchema: {
    properties: {
      readOnlyPrivileges: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [...DEFAULT_READ_ONLY_PRIVILEGES],
        description: "Privileges a human principal may hold (any spelling; compared upper case with underscores).",
      },
    },
  },
  documentation: {
    rationale:
      "Access model: on staging and prod only the stage's service principal writes; data scientists get " +
      "read-only access to prod so that models are promoted by CI, never edited in place (\"deploy code, not " +
      "models\", \"dev read-only on prod\").",
    controls: [
      {
        framework: "Databricks Security Analysis Tool",
        id: "IA-7",
        url: "https://github.com/databricks-industry-solutions/security-analysis-tool/blob/main/configs/security_best_practices.csv",
        note: "SAT IA-7 \"Use service principals: run production workloads with service principals\"; this rule enforces it per grant.",
      },
    ],
  },
  validateResource: forResourceTypes([GRANTS, GRANT], (args, reportViolation) => {
    const config = args.getConfig<Partial<HumanWriteConfig>>();
    const readOnlyPrivileges = config.readOnlyPrivileges ?? [...DEFAULT_READ_ONLY_PRIVILEGES];
    for (const message of findHumanWriteGrants(args.props, { readOnlyPrivileges })) reportViolation(message);
  }),
};
