/**
 * The access model's promises checked on the stack config itself, before anything is declared: on staging
 * and prod only the service principal writes or owns, people read through groups, and no stage grants an
 * account-wide group anything. Which groups may read is the policy config's to say (security reviewers own
 * it), so the policy pack checks that, and everything below again, on what the program declares; this is
 * the first line, which names the stack-file key to fix.
 */
import { CATALOG_GRANTABLE_PRIVILEGES, isAutomatedStage, isBroadAudienceGroup, normalizePrivilege, NOTHING_REFUSED, principalKind, READ_PRIVILEGES, type Refused, samePrincipal, type Stage } from "../components";

/** The parts of the raw stage config the checks read (after the schema has passed). */
export interface AccessConfigInput {
  stage: Stage;
  groups: { dataScientists: string; mlEngineers: string };
  servicePrincipal?: { applicationId: string };
  unityCatalog: {
    owner?: string;
    extraGrants?: { principal: string; privileges: string[] }[];
  };
}

/** One refused value: its path below the namespace and the complete reason. */
export interface AccessConfigIssue {
  path: (string | number)[];
  message: string;
}

const READ_SET: readonly string[] = READ_PRIVILEGES;
const KNOWN_PRIVILEGES: readonly string[] = CATALOG_GRANTABLE_PRIVILEGES;

/**
 * Every way the config would give write power, ownership or access to someone the access model does not.
 * `refused` says what the schema refused: with a refused service principal id, who the writer is stays
 * unknown, so only the rules that do not depend on it run.
 */
export function findAccessConfigIssues(raw: AccessConfigInput, refused: Refused = NOTHING_REFUSED): AccessConfigIssue[] {
  const issues: AccessConfigIssue[] = [];
  const writer = raw.servicePrincipal?.applicationId;
  const writerKnown = !refused(["servicePrincipal"]);
  const automated = isAutomatedStage(raw.stage);
  const writerText = writer ? `the service principal (${writer})` : "the service principal";

  const owner = raw.unityCatalog.owner;
  if (automated && writerKnown && owner !== undefined && !(writer !== undefined && samePrincipal(owner, writer))) {
    issues.push({
      path: ["unityCatalog", "owner"],
      message: `must be ${writerText} on ${raw.stage}: an owner holds every privilege, and only the service principal writes ${raw.stage} data`,
    });
  }

  (raw.unityCatalog.extraGrants ?? []).forEach((grant, index) => {
    const path = ["unityCatalog", "extraGrants", index];
    if (isBroadAudienceGroup(grant.principal)) {
      issues.push({
        path: [...path, "principal"],
        message: "an account-wide group contains every user and is never granted anything; grant a named group",
      });
      return;
    }
    if (!automated || !writerKnown || (writer !== undefined && samePrincipal(grant.principal, writer))) return;
    const kind = principalKind(grant.principal);
    if (kind !== "group") {
      issues.push({
        path: [...path, "principal"],
        message:
          kind === "servicePrincipal"
            ? `on ${raw.stage} the only service principal granted privileges is the stage's own (${writer ?? "servicePrincipal.applicationId"}); another service principal is not its writer`
            : `on ${raw.stage} people read through groups, never as individual users; grant a group (and have a security reviewer trust it in the policy config)`,
      });
      return;
    }
    grant.privileges.forEach((privilege, privilegeIndex) => {
      const normalized = normalizePrivilege(privilege);
      // Unknown privileges and ALL_PRIVILEGES are refused on their own, with the list of what is grantable.
      if (READ_SET.includes(normalized) || !KNOWN_PRIVILEGES.includes(normalized)) return;
      issues.push({
        path: [...path, "privileges", privilegeIndex],
        message: `is not read-only; on ${raw.stage} reader groups hold only ${READ_SET.join(", ")}, and only ${writerText} writes`,
      });
    });
  });
  return issues;
}
