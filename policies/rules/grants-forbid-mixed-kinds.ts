/**
 * grants-forbid-mixed-kinds (stack rule): each securable's grants are declared by exactly one Grants
 * resource, or by Grant resources only (one per principal), never a mix, and only in the stack that declares the
 * securable (lib/grant-targets.ts).
 */
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { failingClosed, readIfKnown, undecidedMessage } from "../lib/applicability";
import { SECURABLE_DECLARING_TYPES, declaredSecurable, findForeignSecurables, grantTargetFacts } from "../lib/grant-targets";
import { canonicalPrincipal } from "../lib/principals";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { GRANT, GRANTS } from "../lib/resource-types";
import { type Securable, describeSecurable, securableKey, securableOf } from "../lib/securables";

/** What the rule needs to know about one Grants or Grant resource. */
export interface GrantResourceFacts {
  urn: string;
  /** The Pulumi resource name. */
  name: string;
  kind: "Grants" | "Grant";
  /** The targeted securable; undefined when it is unknown (preview) or missing. */
  securable?: Securable;
  /** True when the securable could not be read because a value is unknown during preview. */
  securableUnknown?: boolean;
  /** The principal of a Grant resource. */
  principal?: string;
  /** True when the principal could not be read because it is unknown during preview. */
  principalUnknown?: boolean;
}

/** A violation of a stack rule, reported against one resource. */
export interface StackFinding {
  urn: string;
  message: string;
}

const quoteNames = (resources: GrantResourceFacts[]): string => resources.map((r) => `'${r.name}'`).join(", ");

/**
 * Finds securables targeted by both Grants and Grant, by two or more Grants, or by two Grant resources for
 * the same principal. Each finding is reported against the last-registered resource of the conflict.
 */
export function findMixedGrantKinds(resources: GrantResourceFacts[]): StackFinding[] {
  const bySecurable = new Map<string, GrantResourceFacts[]>();
  for (const resource of resources) {
    if (!resource.securable) continue;
    const key = securableKey(resource.securable);
    bySecurable.set(key, [...(bySecurable.get(key) ?? []), resource]);
  }
  // Which securable an unknown name targets cannot be told, so neither can a conflict: fail closed.
  const findings: StackFinding[] = resources
    .filter((r) => r.securableUnknown)
    .map((r) => ({ urn: r.urn, message: undecidedMessage(`${r.kind} '${r.name}'`, "the securable it targets is unknown") }));
  for (const group of bySecurable.values()) {
    const securable = describeSecurable(group[0].securable);
    const last = group[group.length - 1];
    const grantsResources = group.filter((r) => r.kind === "Grants");
    const grantResources = group.filter((r) => r.kind === "Grant");
    if (grantsResources.length > 0 && grantResources.length > 0) {
      findings.push({
        urn: last.urn,
        message:
          `${capitalize(securable)} is managed by both Grants ${quoteNames(grantsResources)} and Grant ` +
          `${quoteNames(grantResources)}; Grants replaces every grant on it, so they undo each other on every update.`,
      });
    } else if (grantsResources.length > 1) {
      findings.push({
        urn: last.urn,
        message:
          `${capitalize(securable)} is managed by ${grantsResources.length} Grants resources ` +
          `(${quoteNames(grantsResources)}); each replaces the other's grants, so merge them into one.`,
      });
    }
    findings.push(...findDuplicatePrincipals(securable, grantResources));
  }
  return findings;
}

function findDuplicatePrincipals(securable: string, grantResources: GrantResourceFacts[]): StackFinding[] {
  const byPrincipal = new Map<string, GrantResourceFacts[]>();
  for (const resource of grantResources) {
    if (resource.principal === undefined) continue;
    // Unity Catalog resolves principals without regard to case: `Ana@x.com` and `ana@x.com` are one.
    const principal = canonicalPrincipal(resource.principal);
    byPrincipal.set(principal, [...(byPrincipal.get(principal) ?? []), resource]);
  }
  // An unknown principal may be any other Grant's on this securable: which, cannot be told, so fail closed.
  const undecided =
    grantResources.length > 1
      ? grantResources
          .filter((r) => r.principalUnknown)
          .map((r) => ({ urn: r.urn, message: undecidedMessage(`Grant '${r.name}'`, `its principal is unknown, so whether another Grant on ${securable} names the same principal cannot be told`) }))
      : [];
  const duplicates = [...byPrincipal.entries()]
    .filter(([, same]) => same.length > 1)
    .map(([, same]) => ({
      urn: same[same.length - 1].urn,
      message:
        `${capitalize(securable)} has ${same.length} Grant resources for principal ` +
        `${[...new Set(same.map((r) => `'${r.principal!.trim()}'`))].join(" / ")} ` +
        `(${quoteNames(same)}); merge them into one.`,
    }));
  return [...undecided, ...duplicates];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Reads the facts of a Grants/Grant stack resource; values unknown during preview become undefined. */
export function grantResourceFacts(resource: PolicyResource): GrantResourceFacts {
  const securable = readIfKnown(() => securableOf(resource.props));
  const principal = readIfKnown(() => resource.props.principal);
  return {
    urn: resource.urn,
    name: resource.name,
    kind: resource.type === GRANTS ? "Grants" : "Grant",
    securable: securable.known ? securable.value : undefined,
    securableUnknown: !securable.known,
    // Only Grant resources are compared by principal (findDuplicatePrincipals), so a Grants needs no check here.
    principal: principal.known && typeof principal.value === "string" ? principal.value : undefined,
    principalUnknown: !principal.known,
  };
}

/** The rule object registered in the pack. */
export const grantsForbidMixedKinds: DocumentedStackPolicy = {
  name: "grants-forbid-mixed-kinds",
  description: "Each securable's grants come from one Grants resource, or from Grant resources only, never both, in the stack that declares the securable.",
  severity: "high",
  remediationSteps:
    "Declare all grants of a securable in one authoritative Grants resource, owned by the stack that owns the " +
    "securable (prod declares dev's read access to prod). Remove the extra Grants or Grant resources named in the message, " +
    "and any grant on a securable this stack does not declare (another stage's catalog, the metastore): move it to the stack that declares it.",
  documentation: {
    judgedTypes: [GRANTS, GRANT, ...SECURABLE_DECLARING_TYPES],
    waivers: "allowed",
    rationale:
      "Access model: Grants is authoritative for its securable and replaces every grant on it, while Grant adds " +
      "one principal's privileges. Mixing them, or splitting one securable over two Grants, makes each update " +
      "revoke what the other declared, so the access matrix would flap between states (known trap of the " +
      "Databricks provider). The same holds across stacks: a grant on another stage's catalog fights that stage's own " +
      "Grants, and from prod it would give prod's writer access to another stage's data (prod copying into dev).",
    controls: [],
  },
  validateStack: failingClosed((args: StackValidationArgs, reportViolation) => {
    const grantResources = args.resources.filter((r) => r.type === GRANTS || r.type === GRANT);
    if (grantResources.length === 0) args.notApplicable(`Policy only applies to resources of type '${GRANTS}', '${GRANT}'`);
    for (const finding of findMixedGrantKinds(grantResources.map(grantResourceFacts))) {
      reportViolation(finding.message, finding.urn);
    }
    const declared = args.resources.filter((r) => SECURABLE_DECLARING_TYPES.includes(r.type)).map(declaredSecurable);
    for (const finding of findForeignSecurables(grantResources.map(grantTargetFacts), declared)) reportViolation(finding.message, finding.urn);
  }),
};
