/**
 * permissions-require-explicit (stack rule): every job, cluster and serving endpoint the stack declares has
 * its access declared too: a Permissions resource on it with at least one entry.
 */
import type { PolicyResource } from "@pulumi/policy";
import { failingClosed } from "../lib/applicability";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { CLUSTER, JOB, MODEL_SERVING, PERMISSIONS, typeDisplayName } from "../lib/resource-types";

/** The Permissions input that names an object of each type. */
export const PERMISSION_TARGETS: Readonly<Record<string, string>> = {
  [JOB]: "jobId",
  [CLUSTER]: "clusterId",
  [MODEL_SERVING]: "servingEndpointId",
};

/** What the rule needs to know about one Permissions resource. */
export interface PermissionsFacts {
  /** URNs each target input depends on, by input name (`jobId`, ...). */
  targets: Record<string, string[]>;
  /** Number of access control entries. */
  entries: number;
}

/** What the rule needs to know about one job, cluster or endpoint. */
export interface GovernedObject {
  urn: string;
  type: string;
  /** The Pulumi resource name. */
  name: string;
}

/** Returns a finding per object no Permissions resource with entries targets. */
export function findObjectsWithoutPermissions(objects: readonly GovernedObject[], permissions: readonly PermissionsFacts[]): { urn: string; message: string }[] {
  return objects
    .filter((object) => {
      const field = PERMISSION_TARGETS[object.type];
      return !permissions.some((p) => p.entries > 0 && p.targets[field]?.includes(object.urn));
    })
    .map((object) => ({
      urn: object.urn,
      message:
        `${typeDisplayName(object.type)} '${object.name}' has no Permissions resource; declare databricks.Permissions with ` +
        `${PERMISSION_TARGETS[object.type]} set to it and an access control for each principal that may see, run or manage it.`,
    }));
}

/** Reads the facts of a Permissions stack resource. */
export function permissionsFacts(resource: PolicyResource): PermissionsFacts {
  const targets: Record<string, string[]> = {};
  for (const field of Object.values(PERMISSION_TARGETS)) {
    targets[field] = (resource.propertyDependencies[field] ?? []).map((d) => d.urn);
  }
  const controls = resource.props.accessControls;
  return { targets, entries: Array.isArray(controls) ? controls.length : 0 };
}

/** The rule object registered in the pack. */
export const permissionsRequireExplicit: DocumentedStackPolicy = {
  name: "permissions-require-explicit",
  description: "Every job, cluster and serving endpoint has its permissions declared by the stack.",
  severity: "high",
  remediationSteps:
    "Declare one databricks.Permissions per job (jobId), cluster (clusterId) and serving endpoint (servingEndpointId), " +
    "taking the id from the object itself, with an access control for each group or service principal that needs it.",
  documentation: {
    judgedTypes: [JOB, MODEL_SERVING, CLUSTER, PERMISSIONS],
    waivers: "allowed",
    rationale:
      "Access model: without declared permissions a job or endpoint keeps whatever the workspace defaults and later " +
      "clicks give it, so who may run prod pipelines or query the prod endpoint would be nowhere in review.",
    controls: [
      {
        framework: "KICS",
        id: "a4edb7e1-c0e0-4f7f-9d7c-d1b603e81ad5 (Databricks Cluster or Job With None Or Insecure Permission(s))",
        url: "https://github.com/Checkmarx/kics/tree/master/assets/queries/terraform/databricks/databricks_permissions",
        note: "KICS covers jobs and clusters; this rule adds serving endpoints.",
      },
    ],
  },
  validateStack: failingClosed((args, reportViolation) => {
    // Own properties only: `in` would count a type named like an Object member (`constructor`) as governed.
    const objects = args.resources.filter((r) => Object.hasOwn(PERMISSION_TARGETS, r.type)).map((r) => ({ urn: r.urn, type: r.type, name: r.name }));
    if (objects.length === 0) args.notApplicable("Policy only applies to stacks that declare jobs, clusters or serving endpoints");
    const permissions = args.resources.filter((r) => r.type === PERMISSIONS).map(permissionsFacts);
    for (const finding of findObjectsWithoutPermissions(objects, permissions)) reportViolation(finding.message, finding.urn);
  }),
};
