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
import { canonicalPrincipal } from "../lib/principals";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { aclEntriesOf } from "../lib/stage-principals/acls";
import {
  ACCOUNT_IAM_WORKSPACE_ASSIGNMENT,
  ENTITLEMENTS,
  GROUP,
  PERMISSIONS,
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
  /** Principals that may use a cluster policy when compute creation is not allowed (the stage's writer). Default none. */
  clusterPolicyUsers?: string[];
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

/**
 * Returns a message per entry of a cluster policy's access control list (`Permissions` with `clusterPolicyId`)
 * for a principal outside `clusterPolicyUsers`, unless the config allows compute creation. CAN_USE on a policy
 * lets the holder create clusters under it without any entitlement, so it is compute creation by another door;
 * every level counts, since CAN_USE is the only one a policy has. An id unknown during preview (a policy the
 * stack creates) still makes the list a policy's.
 */
export function findClusterPolicyAclViolations(name: string, props: Record<string, unknown>, config: EntitlementsConfig): string[] {
  if (config.allowComputeCreation === true) return [];
  const id = readIfKnown(() => props.clusterPolicyId);
  if (id.known && !((typeof id.value === "string" && id.value.trim() !== "") || typeof id.value === "number")) return [];
  const policy = id.known ? `cluster policy '${String(id.value).trim()}'` : "a cluster policy whose id is unknown until apply";
  const users = config.clusterPolicyUsers ?? [];
  const trusted = new Set(users.map(canonicalPrincipal));
  const who =
    users.length > 0
      ? `only ${users.map((u) => `'${u}'`).join(", ")} may use a cluster policy on this stage (clusterPolicyUsers in this stage's policy config)`
      : "nobody may use a cluster policy on this stage (this stage's policy config names no clusterPolicyUsers)";
  return aclEntriesOf(props)
    .filter((entry) => !trusted.has(canonicalPrincipal(entry.principal)))
    .map(
      (entry) =>
        `Permissions '${name}' gives '${entry.principal}' ${entry.level || "an unnamed level"} on ${policy}; whoever may use a cluster policy ` +
          `creates clusters under it without any entitlement, so it is compute creation by another door: ${who}, and jobs run on the job ` +
          "clusters their definitions declare.",
    );
}

/** The rule object registered in the pack. */
export const identitiesRestrictEntitlements: DocumentedResourcePolicy = {
  name: "identities-restrict-entitlements",
  description:
    "No identity is entitled to create clusters or instance pools, or may use a cluster policy, unless the stage's policy config allows it (dev; the writer's policies on staging and prod).",
  severity: "high",
  remediationSteps:
    "Set allowClusterCreate and allowInstancePoolCreate to false (or leave them unset) on Entitlements, User, " +
    "ServicePrincipal and Group, and leave ALLOW_CLUSTER_CREATE and ALLOW_INSTANCE_POOL_CREATE out of a workspace " +
    "assignment's `entitlements`. Jobs declare their own job clusters; people who need compute on this stage get a " +
    "cluster policy's CAN_USE on dev only; on staging and prod only the principals of `clusterPolicyUsers` (the stage's writer, whose " +
    "jobs' clusters name the policy) hold CAN_USE on a cluster policy. Only a security reviewer sets `allowComputeCreation` and " +
    "`clusterPolicyUsers` in the stage's policy config.",
  configSchema: {
    properties: {
      allowComputeCreation: {
        type: "boolean",
        default: false,
        description: "Whether identities may be entitled to create clusters and instance pools (true on dev, where people author).",
      },
      clusterPolicyUsers: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [],
        description:
          "Principals that may hold CAN_USE on a cluster policy when allowComputeCreation is false (the stage's writer; compared case-insensitively). Default: none.",
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
      "access-restrict-principals judges, so they pass. An entitlement name the pack does not know fails closed. CAN_USE on " +
      "a cluster policy is the same power by another door (the holder creates clusters under the policy without the " +
      "entitlement), so on staging and prod only the principals the config names hold it.",
    controls: [],
  },
  validateResource: forResourceTypes([...FLAG_TYPES, ...LIST_TYPES, PERMISSIONS], (args, reportViolation) => {
    const config = args.getConfig<EntitlementsConfig>();
    const messages =
      args.type === PERMISSIONS
        ? findClusterPolicyAclViolations(args.name, args.props, config)
        : findEntitlementViolations(args.type, args.name, args.props, config);
    for (const message of messages) reportViolation(message);
  }),
};
