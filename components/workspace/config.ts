/**
 * The `workspace` and `identities` sections of the stage config: adopt an existing workspace or create
 * one on AWS with the Security Reference Architecture baseline, and which identities the stage assigns.
 * Hooked into the stage schema by `../config.ts`; the checks here name the key to fix.
 */
import { z } from "zod";
import { type AddIssue, NOTHING_REFUSED, type Refused, WORKSPACE_ID_ALLOWED, groupSchema, strictObject, text, workspaceIdSchema } from "../config-fields";
import { isApplicationId } from "../principals";
import type { Stage } from "../stages";

/** How a stage gets its workspace: an existing one (`adopt`) or one the stack creates on AWS (`create`). */
export const WORKSPACE_MODES = ["adopt", "create"] as const;
/** One of `WORKSPACE_MODES`. */
export type WorkspaceMode = (typeof WORKSPACE_MODES)[number];

const ALLOWED = {
  mode: `one of ${WORKSPACE_MODES.map((mode) => `"${mode}"`).join(", ")}`,
  host: "the workspace URL: https://<host> without a path, e.g. \"https://dbc-1234abcd-5678.cloud.databricks.com\"",
  uuid: "a UUID, e.g. \"0d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b\"",
  awsAccountId: "the 12-digit AWS account id as a quoted string, e.g. \"123456789012\"",
  region: "an AWS region, e.g. \"us-east-1\"",
  cidr: "an IPv4 CIDR block with a prefix from /16 to /23, e.g. \"10.4.0.0/16\"",
  zones: "a list of at least two availability zones of the region, e.g. [\"us-east-1a\", \"us-east-1b\"]",
  endpointService: "a VPC endpoint service name, e.g. \"com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0\"",
  stack: "a stack of this project, e.g. \"dev\" (in the organization of the stack being deployed), or a fully qualified <organization>/<project>/<stack>",
  boolean: "true or false",
} as const;

const uuidSchema = text(ALLOWED.uuid).refine(isApplicationId, { error: ALLOWED.uuid });
const booleanSchema = z.boolean({ error: ALLOWED.boolean });
const ENDPOINT_SERVICE = /^com\.amazonaws\.vpce\.[a-z]{2}(-gov)?-[a-z]+-[0-9]\.vpce-svc-[0-9a-f]+$/;
const endpointServiceSchema = text(ALLOWED.endpointService, ENDPOINT_SERVICE);

const AWS_ACCOUNT_ID = /^[0-9]{12}$/;
const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-[0-9]$/;

/**
 * A component's check of its AWS account and region args, worded as the stack file's `workspace.aws` keys are:
 * reports `<at>.accountId` and `<at>.region` unless they have the form AWS gives them.
 */
export function checkAwsAccountArg(aws: AwsAccountConfig | undefined, at: (string | number)[], addIssue: AddIssue): void {
  if (aws === undefined || aws === null || typeof aws !== "object") return addIssue(at, "an object with keys accountId, region");
  if (typeof aws.accountId !== "string" || !AWS_ACCOUNT_ID.test(aws.accountId)) addIssue([...at, "accountId"], ALLOWED.awsAccountId);
  if (typeof aws.region !== "string" || !AWS_REGION.test(aws.region)) addIssue([...at, "region"], ALLOWED.region);
}

/**
 * A stack name: a plain `<stack>` of this project, which the program qualifies with the organization and
 * project of the stack being deployed (`qualifiedStackName`), so the stack files name no organization; or a
 * fully qualified `<organization>/<project>/<stack>`. `<organization>/<stack>` is refused: Pulumi would read
 * it with the current project, which is rarely what was meant.
 */
export const stackNameSchema = text(ALLOWED.stack, /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?$/);

/** `name` as `StackReference` takes it: a plain stack name is qualified with `organization` and `project`. */
export function qualifiedStackName(name: string, organization: string, project: string): string {
  return name.includes("/") ? name : `${organization}/${project}/${name}`;
}

/** The raw `workspace` section. Which keys are required depends on `mode`; `findWorkspaceConfigIssues` says so. */
export const workspaceSectionSchema = strictObject({
  mode: z.enum(WORKSPACE_MODES, { error: ALLOWED.mode }).default("adopt"),
  host: text(ALLOWED.host, /^https:\/\/[a-z0-9]([a-z0-9.-]*[a-z0-9])?\/?$/).optional(),
  id: workspaceIdSchema.optional(),
  databricksAccountId: uuidSchema.optional(),
  metastoreId: uuidSchema.optional(),
  aws: strictObject({
    accountId: text(ALLOWED.awsAccountId, AWS_ACCOUNT_ID),
    region: text(ALLOWED.region, AWS_REGION),
    vpcCidr: text(ALLOWED.cidr, /^(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})(\.(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})){3}\/(1[6-9]|2[0-3])$/).optional(),
    availabilityZones: z.array(text(ALLOWED.zones), { error: ALLOWED.zones }).min(2, { error: ALLOWED.zones }).optional(),
    rootBucketVersioning: booleanSchema.optional(),
    customerManagedKeys: booleanSchema.optional(),
    privateLink: strictObject({
      workspaceServiceName: endpointServiceSchema,
      relayServiceName: endpointServiceSchema,
    }).optional(),
  }).optional(),
});

/** The raw `identities` section. */
export const identitiesSectionSchema = strictObject({
  createGroups: booleanSchema.optional(),
  servingConsumers: groupSchema.optional(),
  breakGlassAdmins: groupSchema.optional(),
});

type RawWorkspaceSection = z.infer<typeof workspaceSectionSchema>;
type RawIdentitiesSection = z.infer<typeof identitiesSectionSchema>;

/** The stage's AWS account and region: what its pinned AWS provider is built from, in either mode. */
export interface AwsAccountConfig {
  /** The AWS account of the stage's AWS resources; the stage's AWS provider refuses credentials of any other. */
  accountId: string;
  /** Region of every AWS resource of the stage. */
  region: string;
}

/** An existing workspace the stage deploys into. */
export interface AdoptedWorkspaceConfig {
  mode: "adopt";
  /** The workspace URL, without a trailing slash. */
  host: string;
  /** The numeric workspace id. */
  id: string;
  /**
   * The AWS account and region of the stage's own AWS resources (the online stores). Default none: then the
   * stage declares no AWS provider; required when a project declares an online store.
   */
  aws?: AwsAccountConfig;
}

/** The AWS side of a created workspace. */
export interface AwsWorkspaceConfig extends AwsAccountConfig {
  /** CIDR of the customer-managed VPC. Default `10.4.0.0/16`. */
  vpcCidr: string;
  /** Zones of the private subnets, one subnet each. Default `<region>a`, `<region>b`. */
  availabilityZones: string[];
  /** Keep every version of root bucket objects. Default true on prod, false elsewhere. */
  rootBucketVersioning: boolean;
  /** Encrypt workspace storage and managed services with the stage's own KMS keys. Default true; required on prod. */
  customerManagedKeys: boolean;
  /**
   * Back-end PrivateLink: the region's Databricks endpoint services for the workspace (REST API) and the
   * secure cluster connectivity relay, from Databricks' list of regional service names. Default: none
   * (clusters reach the control plane through the NAT gateway).
   */
  privateLink?: { workspaceServiceName: string; relayServiceName: string };
}

/** A workspace the stack creates on AWS. */
export interface CreatedWorkspaceConfig {
  mode: "create";
  /** The Databricks account (also the external id of the cross-account role's trust policy). */
  databricksAccountId: string;
  /** The Unity Catalog metastore every stage is assigned to. */
  metastoreId: string;
  aws: AwsWorkspaceConfig;
}

/** The stage's workspace, adopted or created. */
export type WorkspaceConfig = AdoptedWorkspaceConfig | CreatedWorkspaceConfig;

/** Who the stage assigns to its workspace beyond the project groups and the service principal. */
export interface IdentitiesConfig {
  /** Create the project's account groups instead of referencing existing ones (create mode only). Default false. */
  createGroups: boolean;
  /** Group that may query the stage's serving endpoints and nothing else (consumer entitlement). Default none. */
  servingConsumers?: string;
  /** Break-glass group made workspace admin. Default none. */
  breakGlassAdmins?: string;
}

/** The parts of the raw stage config the checks read (after the schema has passed). */
export interface WorkspaceConfigInput {
  stage: Stage;
  workspace: RawWorkspaceSection;
  identities: RawIdentitiesSection;
  devAccess?: { workspaceId?: string; stack?: string };
  /** The ML projects; an online store needs the stage's AWS account. Default none. */
  mlProjects?: readonly { name: string; onlineStore?: unknown }[];
}

/** One refused value: its path below the namespace and the complete reason. */
export interface WorkspaceConfigIssue {
  path: (string | number)[];
  message: string;
}

const ADOPT_ONLY = ["host", "id"] as const;
const CREATE_ONLY = ["databricksAccountId", "metastoreId", "aws"] as const;
/** The `aws` keys an adopted stage may set: where its own AWS resources go, nothing about a workspace it does not create. */
const ADOPT_AWS_KEYS: readonly string[] = ["accountId", "region"] satisfies (keyof AwsAccountConfig)[];
const ADOPT_AWS_ALLOWED = "an object with keys accountId, region (the AWS account and region of the stage's online stores)";
const CREATE_ONLY_WHY = "it only applies when the stack creates the workspace (workspace.mode: create)";

/** What each mode-dependent key holds, for the message that says it is missing. */
const MODE_KEY_ALLOWED: Record<(typeof ADOPT_ONLY)[number] | (typeof CREATE_ONLY)[number], string> = {
  host: ALLOWED.host,
  id: WORKSPACE_ID_ALLOWED,
  databricksAccountId: `the Databricks account id, ${ALLOWED.uuid}`,
  metastoreId: `the id of the Unity Catalog metastore every stage is assigned to, ${ALLOWED.uuid}`,
  aws: "an object with keys accountId, region (required), vpcCidr, availabilityZones, rootBucketVersioning, customerManagedKeys, privateLink",
};

/** Every mode-dependent rule of the `workspace`, `identities` and `devAccess` sections; `refused` says what the schema refused. */
export function findWorkspaceConfigIssues(raw: WorkspaceConfigInput, refused: Refused = NOTHING_REFUSED): WorkspaceConfigIssue[] {
  const issues: WorkspaceConfigIssue[] = [];
  const { workspace } = raw;
  const adopt = workspace.mode === "adopt";
  const required = adopt ? ADOPT_ONLY : CREATE_ONLY;
  // An adopted stage may name its AWS account and region (checked key by key below), nothing else of `aws`.
  const notAllowed = adopt ? CREATE_ONLY.filter((key) => key !== "aws") : ADOPT_ONLY;
  for (const key of required) {
    if (workspace[key] === undefined) {
      issues.push({ path: ["workspace", key], message: `required in ${workspace.mode} mode: ${MODE_KEY_ALLOWED[key]}` });
    }
  }
  for (const key of notAllowed) {
    if (workspace[key] !== undefined) {
      const why = adopt ? CREATE_ONLY_WHY : "the stack creates the workspace, so its URL and id are outputs, not config";
      issues.push({ path: ["workspace", key], message: `not allowed in ${workspace.mode} mode: ${why}` });
    }
  }
  if (adopt) issues.push(...findAdoptedAwsIssues(raw));
  if (adopt && raw.identities.createGroups === true) {
    issues.push({
      path: ["identities", "createGroups"],
      message: "not allowed in adopt mode: an adopted stage declares no account-level resources; create the groups in the account",
    });
  }
  const aws = workspace.mode === "create" ? workspace.aws : undefined;
  // Zones and endpoint services are judged by the region: not against one the schema refused.
  if (aws && !refused(["workspace", "aws", "region"])) {
    (aws.availabilityZones ?? []).forEach((zone, index) => {
      if (!new RegExp(`^${aws.region}[a-z]$`).test(zone)) {
        issues.push({ path: ["workspace", "aws", "availabilityZones", index], message: `must be a zone of ${aws.region}, e.g. "${aws.region}a"` });
      }
    });
    if (aws.privateLink) {
      for (const key of ["workspaceServiceName", "relayServiceName"] as const) {
        // Names that are not service names at all are already reported by the schema.
        const name = aws.privateLink[key];
        if (ENDPOINT_SERVICE.test(name) && !name.startsWith(`com.amazonaws.vpce.${aws.region}.`)) {
          issues.push({ path: ["workspace", "aws", "privateLink", key], message: `must be an endpoint service of ${aws.region} (com.amazonaws.vpce.${aws.region}.vpce-svc-...)` });
        }
      }
    }
    if (raw.stage === "prod" && aws.customerManagedKeys === false) {
      issues.push({
        path: ["workspace", "aws", "customerManagedKeys"],
        message: "must be true on prod: prod storage and managed services are encrypted with the stage's own KMS keys",
      });
    }
  }
  if (raw.devAccess) {
    const { workspaceId, stack } = raw.devAccess;
    if ((workspaceId === undefined) === (stack === undefined)) {
      issues.push({
        path: ["devAccess"],
        message:
          "needs exactly one of workspaceId (the dev workspace is adopted) or stack (the dev stack creates its workspace; " +
          "its workspaceId output is read through a StackReference)",
      });
    }
    if (workspaceId !== undefined && workspace.mode === "adopt" && workspaceId === workspace.id) {
      issues.push({
        path: ["devAccess", "workspaceId"],
        message: `must differ from workspace.id (${workspace.id}): stages are separate workspaces`,
      });
    }
  }
  return issues;
}

/**
 * The `aws` section of an adopted stage: only accountId and region, and required when a project declares an
 * online store: its AWS resources need an explicit provider pinned to the stage's account (the offline plan's
 * explicit-provider precondition, and on staging and prod the policy pack, refuse the default provider).
 */
function findAdoptedAwsIssues(raw: WorkspaceConfigInput): WorkspaceConfigIssue[] {
  const { aws } = raw.workspace;
  if (aws !== undefined) {
    return Object.entries(aws)
      .filter(([key, value]) => value !== undefined && !ADOPT_AWS_KEYS.includes(key))
      .map(([key]) => ({
        path: ["workspace", "aws", key],
        message: `not allowed in adopt mode: ${CREATE_ONLY_WHY}; an adopted stage's aws holds accountId and region only`,
      }));
  }
  const stores = (raw.mlProjects ?? []).filter((project) => project.onlineStore !== undefined).map((project) => project.name);
  if (stores.length === 0) return [];
  return [
    {
      path: ["workspace", "aws"],
      message:
        `required in adopt mode when a project declares an onlineStore (${stores.join(", ")}): ${ADOPT_AWS_ALLOWED}; ` +
        "the store's AWS resources are created by an AWS provider pinned to that account (the default provider would take whatever " +
        "account and region the environment names, and the policy pack refuses it on staging and prod)",
    },
  ];
}

/** The resolved `workspace` section; the input has passed the schema and `findWorkspaceConfigIssues`. */
export function resolveWorkspace(stage: Stage, workspace: RawWorkspaceSection): WorkspaceConfig {
  if (workspace.mode === "adopt") {
    return {
      mode: "adopt",
      host: (workspace.host as string).replace(/\/$/, ""),
      id: workspace.id as string,
      ...(workspace.aws ? { aws: { accountId: workspace.aws.accountId, region: workspace.aws.region } } : {}),
    };
  }
  const aws = workspace.aws as NonNullable<RawWorkspaceSection["aws"]>;
  return {
    mode: "create",
    databricksAccountId: workspace.databricksAccountId as string,
    metastoreId: workspace.metastoreId as string,
    aws: {
      accountId: aws.accountId,
      region: aws.region,
      vpcCidr: aws.vpcCidr ?? "10.4.0.0/16",
      availabilityZones: aws.availabilityZones ?? [`${aws.region}a`, `${aws.region}b`],
      rootBucketVersioning: aws.rootBucketVersioning ?? stage === "prod",
      customerManagedKeys: aws.customerManagedKeys ?? true,
      ...(aws.privateLink ? { privateLink: { ...aws.privateLink } } : {}),
    },
  };
}

/** The resolved `identities` section. */
export function resolveIdentities(identities: RawIdentitiesSection): IdentitiesConfig {
  return {
    createGroups: identities.createGroups ?? false,
    ...(identities.servingConsumers === undefined ? {} : { servingConsumers: identities.servingConsumers }),
    ...(identities.breakGlassAdmins === undefined ? {} : { breakGlassAdmins: identities.breakGlassAdmins }),
  };
}
