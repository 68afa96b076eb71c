/**
 * identities-restrict-entitlements: a stage's stack gives no identity the right to create compute (clusters or
 * instance pools) unless the stage's policy config allows it, and names no entitlement the pack does not know.
 *
 * Why compute creation and not the other entitlements: whoever may create a cluster chooses its access mode,
 * instance profile, init scripts and libraries, so the cluster runs code nobody reviewed, as its creator, and in
 * a legacy access mode outside Unity Catalog's grants. On staging and prod people only read and jobs run on the
 * job clusters their reviewed definitions declare (the job service creates those without this entitlement), so
 * nobody needs it there; for a human group on prod it would be write power over compute that runs with the
 * group's grants. On dev people author, so dev's config allows it. Workspace access, consumer access and SQL
 * access only open the door: what the holder may then read or run is decided by grants and ACLs, which the
 * access rules judge, so they pass on every stage.
 */
import { forResourceTypes, readIfKnown } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import {
  ACCOUNT_IAM_WORKSPACE_ASSIGNMENT,
  ENTITLEMENTS,
  GROUP,
  SERVICE_PRINCIPAL,
  USER,
  WORKSPACE_IAM_WORKSPACE_ASSIGNMENT,
  typeDisplayName,
} from "../lib/resource-types";

/** Resources with entitlement flags (`allowClusterCreate`, `allowInstancePoolCreate`, ...). */
export const FLAG_TYPES: readonly string[] = [ENTITLEMENTS, USER, SERVICE_PRINCIPAL, GROUP];

/** Workspace assignments that list entitlements by name (`entitlements: ["WORKSPACE_ACCESS", ...]`). */
export const LIST_TYPES: readonly string[] = [WORKSPACE_IAM_WORKSPACE_ASSIGNMENT, ACCOUNT_IAM_WORKSPACE_ASSIGNMENT];

/** Entitlements that create compute, by canonical name, with the flag that sets each on the flag types. */
export const COMPUTE_ENTITLEMENTS: Readonly<Record<string, string>> = {
  ALLOW_CLUSTER_CREATE: "allowClusterCreate",
  ALLOW_INSTANCE_POOL_CREATE: "allowInstancePoolCreate",
};

const COMPUTE_NAMES: readonly string[] = Object.keys(COMPUTE_ENTITLEMENTS);

/** Entitlements that only let the holder in (the workspace, consumer views, SQL); grants decide the rest. */
export const ACCESS_ENTITLEMENTS: readonly string[] = ["WORKSPACE_ACCESS", "WORKSPACE_CONSUME", "DATABRICKS_SQL_ACCESS"];

/** The config of this rule after the CLI merged the schema defaults in. */
export interface EntitlementsConfig {
  /** Whether identities may be entitled to create clusters and instance pools (dev only). Default false. */
  allowComputeCreation?: boolean;
}

/** The canonical form of an entitlement name: `allow-cluster-create` and `Allow Cluster Create` are `ALLOW_CLUSTER_CREATE`. */
export function canonicalEntitlement(name: string): string {
  return name.trim().toUpperCase().replace(/[\s_-]+/g, "_");
}

/** True for a flag that is set: `true`, or the string `true` in any case (a YAML program may send one). */
function isSet(value: unknown): boolean {
  return value === true || (typeof value === "string" && value.trim().toLowerCase() === "true");
}

/** The entitlements a resource grants, by canonical name. */
export function entitlementsOf(type: string, props: Record<string, unknown>): string[] {
  if (LIST_TYPES.includes(type)) {
    const list = Array.isArray(props.entitlements) ? props.entitlements : [];
    return list.filter((e): e is string => typeof e === "string").map(canonicalEntitlement);
  }
  return Object.entries(COMPUTE_ENTITLEMENTS)
    .filter(([, flag]) => isSet(props[flag]))
    .map(([name]) => name);
}

/** Who the resource entitles, as its inputs name it; a value unknown during preview is said to be so. */
export function entitledPrincipal(type: string, props: Record<string, unknown>): string {
  const fields: Record<string, string[]> = {
    [ENTITLEMENTS]: ["groupId", "userId", "servicePrincipalId"],
    [USER]: ["userName"],
    [SERVICE_PRINCIPAL]: ["applicationId", "displayName"],
    [GROUP]: ["displayName"],
  };
  for (const field of fields[type] ?? ["principalId"]) {
    const read = readIfKnown(() => props[field]);
    if (!read.known) return `${field} (unknown until apply)`;
    if ((typeof read.value === "string" && read.value.trim() !== "") || typeof read.value === "number") return `${field} '${String(read.value).trim()}'`;
  }
  return "an unnamed principal";
}

/** Returns one message per resource that grants compute creation where the config forbids it, or an unknown entitlement. */
export function findEntitlementViolations(type: string, name: string, props: Record<string, unknown>, config: EntitlementsConfig): string[] {
  const granted = entitlementsOf(type, props);
  const compute = config.allowComputeCreation === true ? [] : granted.filter((e) => COMPUTE_NAMES.includes(e));
  const unknown = granted.filter((e) => !COMPUTE_NAMES.includes(e) && !ACCESS_ENTITLEMENTS.includes(e));
  const subject = `${typeDisplayName(type)} '${name}'`;
  const whom = entitledPrincipal(type, props);
  const messages: string[] = [];
  if (compute.length > 0) {
    const named = compute.map((e) => (LIST_TYPES.includes(type) ? e : COMPUTE_ENTITLEMENTS[e])).join(", ");
    messages.push(
      `${subject} lets ${whom} create compute (${named}); a cluster's creator picks its access mode, instance profile and init scripts, ` +
        "so it runs unreviewed code outside the stage's grants. On this stage jobs run on the job clusters their definitions declare " +
        "and people only read, so nobody holds this entitlement (allowComputeCreation in this stage's policy config is not set).",
    );
  }
  if (unknown.length > 0) {
    messages.push(
      `${subject} gives ${whom} the entitlement ${unknown.join(", ")}, which this pack does not know, so it cannot tell what it allows; ` +
        `known are ${[...COMPUTE_NAMES, ...ACCESS_ENTITLEMENTS].join(", ")}.`,
    );
  }
  return messages;
}

/** The rule object registered in the pack. */
export const identitiesRestrictEntitlements: DocumentedResourcePolicy = {
  name: "identities-restrict-entitlements",
  description: "No identity is entitled to create clusters or instance pools unless the stage's policy config allows it (dev only).",
  severity: "high",
  remediationSteps:
    "Set allowClusterCreate and allowInstancePoolCreate to false (or leave them unset) on Entitlements, User, " +
    "ServicePrincipal and Group, and leave ALLOW_CLUSTER_CREATE and ALLOW_INSTANCE_POOL_CREATE out of a workspace " +
    "assignment's `entitlements`. Jobs declare their own job clusters; people who need compute on this stage get a " +
    "cluster policy's CAN_USE, reviewed like any ACL. Only a security reviewer sets `allowComputeCreation` in the stage's policy config.",
  configSchema: {
    properties: {
      allowComputeCreation: {
        type: "boolean",
        default: false,
        description: "Whether identities may be entitled to create clusters and instance pools (true on dev, where people author).",
      },
    },
  },
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Access model: humans are read-only on staging and prod, and jobs run on the compute their reviewed definitions " +
      "declare. Unrestricted cluster creation lets the holder start a cluster in any access mode (legacy modes ignore " +
      "Unity Catalog's grants), with any instance profile (an AWS role beside the grants) and any init script, so for a " +
      "human group on prod it is write power over compute that runs with the group's grants, and for the writer it is a " +
      "way around the reviewed jobs. On dev people author by design, so the config allows it there. Workspace, consumer " +
      "and SQL access only open the door: what the holder may read or run is decided by grants and ACLs, which " +
      "access-restrict-principals judges, so they pass. An entitlement name the pack does not know fails closed.",
    controls: [],
  },
  validateResource: forResourceTypes([...FLAG_TYPES, ...LIST_TYPES], (args, reportViolation) => {
    const config = args.getConfig<EntitlementsConfig>();
    for (const message of findEntitlementViolations(args.type, args.name, args.props, config)) reportViolation(message);
  }),
};
