/**
 * `ServingEndpoint` for programs in any Pulumi language. The library's component takes a resolved `ServingConfig`
 * (literal unions), an intersection for its placement and resources to wait for; the schema the component host
 * infers from TypeScript cannot express those. So this facade takes plain strings and the stack file's `serving`
 * block, checks them as the stack's parser does, resolves the defaults and builds the library's component as its
 * child. The TypeScript API the stacks use is unchanged.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  type AddIssue,
  type RawServing,
  STAGES,
  type Stage,
  ServingEndpoint as LibraryServingEndpoint,
  assertValidArgs,
  checkServing,
  groupSchema,
  isApplicationId,
  isAutomatedStage,
  resolveServing,
  servingSchema,
} from "../components";

/** The package's type token of the component; the `index` module is the only one the component host serves. */
export const SERVING_ENDPOINT_TYPE = "databricks-mlops:index:ServingEndpoint";

/** One served entity of the endpoint. */
export interface ServedEntity {
  /** Concurrency of the entity: `Small`, `Medium` or `Large`. Default the block's `workloadSize`. */
  workloadSize?: string;
}

/** The AI gateway's rate limits. */
export interface RateLimits {
  /** Endpoint-wide calls per minute, a whole number of at least 1. Default 1000. */
  callsPerMinute?: number;
  /** Calls per user per minute, a whole number of at least 1. Default none. */
  callsPerUserPerMinute?: number;
}

/** The endpoint's shape: the keys of a stack file's `serving` block, each optional. */
export interface EndpointShape {
  /** Endpoint name, unique in the workspace: letters, digits, '-' and '_', at most 63 characters. Default `<stage>-<project>`. */
  endpointName?: string;
  /** The served entity following the model's `Champion` alias. Always served; default `{}`. */
  champion?: ServedEntity;
  /** The served entity following the model's `Challenger` alias. Default none: only the Champion is served. */
  challenger?: ServedEntity;
  /** Traffic percentage by served entity name (`champion`, `challenger`); sums to 100. Default 100, or 90/10 with a Challenger. */
  traffic?: { [servedEntity: string]: number };
  /** Concurrency of every served entity: `Small`, `Medium` or `Large`. Default `Small`. */
  workloadSize?: string;
  /** Whether idle entities scale to zero. Default true on dev and staging, false on prod (and required false there). */
  scaleToZero?: boolean;
  /** The AI gateway's rate limits. Default 1000 calls per minute, no per-user limit. */
  rateLimits?: RateLimits;
  /** Groups granted CAN_QUERY on the endpoint; not an account-wide group. Default the data scientists group. */
  consumerGroups?: string[];
  /** Prefix of the AI gateway inference tables: lower-case letters, digits and '_'. Default `<model>_endpoint`. */
  inferenceTablePrefix?: string;
}

/** Inputs of a `ServingEndpoint`; every value must be known when the program runs. */
export interface ServingEndpointArgs {
  /** The stage: `dev`, `staging` or `prod`. On staging and prod only the service principal manages the endpoint. */
  stage: string;
  /** The ML project's name, in the default endpoint name and the endpoint's tags. */
  project: string;
  /** The stage catalog the inference tables go to. */
  catalogName: string;
  /** The registered model the endpoint serves, `<catalog>.<schema>.<model>`. */
  modelFullName: string;
  /** The schema of the inference tables. Default `inference`. */
  inferenceSchema?: string;
  /** The stage's data scientists account group. */
  dataScientistsGroup: string;
  /** The stage's ML engineers account group. */
  mlEngineersGroup: string;
  /** The stage's deployment service principal (application id, a UUID); manages the endpoint. Required on staging and prod; default none on dev. */
  servicePrincipal?: string;
  /** The endpoint's shape, as a stack file's `serving` block gives it. Default `{}`: every default applies. */
  serving?: EndpointShape;
}

/** The schema of the inference tables when the args name none (the stage catalog's `inference` schema). */
export const DEFAULT_INFERENCE_SCHEMA = "inference";

const REQUIRED_TEXT = ["stage", "project", "catalogName", "modelFullName", "dataScientistsGroup", "mlEngineersGroup"] as const;
const OPTIONAL_TEXT = ["inferenceSchema", "servicePrincipal"] as const;

/**
 * Every problem of the args, each under its path: values another resource has not produced yet (the component
 * builds names from them), missing or malformed fields, then the `serving` block through the stack file's own
 * schema and checks. Never echoes a value.
 */
export function checkServingEndpointArgs(args: ServingEndpointArgs, addIssue: AddIssue): void {
  const unknown = Object.keys(args).filter((field) => pulumi.Output.isInstance(args[field as keyof ServingEndpointArgs]));
  for (const field of unknown) addIssue([field], "must be known when the program runs: a plain value, not another resource's output");
  for (const field of REQUIRED_TEXT) {
    if (!unknown.includes(field) && (typeof args[field] !== "string" || args[field] === "")) addIssue([field], "a non-empty string is required");
  }
  for (const field of OPTIONAL_TEXT) {
    if (!unknown.includes(field) && args[field] !== undefined && (typeof args[field] !== "string" || args[field] === "")) addIssue([field], "a non-empty string when given");
  }
  if (typeof args.stage === "string" && !(STAGES as readonly string[]).includes(args.stage)) addIssue(["stage"], `one of ${STAGES.join(", ")}`);
  if (typeof args.modelFullName === "string" && args.modelFullName.split(".").length !== 3) addIssue(["modelFullName"], "<catalog>.<schema>.<model>");
  // The stack file's own group rule: a named account group, never one that holds every user.
  for (const field of ["dataScientistsGroup", "mlEngineersGroup"] as const) {
    if (typeof args[field] !== "string" || args[field] === "") continue;
    const parsed = groupSchema.safeParse(args[field]);
    if (!parsed.success) addIssue([field], parsed.error.issues[0].message);
  }
  // As the stack file requires: staging and prod are managed by their deployment service principal, people only view.
  if (typeof args.servicePrincipal === "string" && args.servicePrincipal !== "" && !isApplicationId(args.servicePrincipal)) {
    addIssue(["servicePrincipal"], "the service principal's application id (a UUID)");
  }
  if (args.servicePrincipal === undefined && (STAGES as readonly string[]).includes(args.stage) && isAutomatedStage(args.stage as Stage)) {
    addIssue(["servicePrincipal"], `required on ${args.stage}: the stage's deployment service principal manages the endpoint there`);
  }
  if (unknown.includes("serving")) return;
  const parsed = servingSchema.safeParse(args.serving ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) addIssue(["serving", ...issue.path.map((key) => (typeof key === "symbol" ? String(key) : key))], issue.message);
  } else if ((STAGES as readonly string[]).includes(args.stage)) {
    checkServing(parsed.data, args.stage as Stage, [], addIssue);
  }
}

/**
 * A project's model serving endpoint with its AI gateway (inference tables, usage tracking, rate limits) and its
 * permissions; the project's deployment task sets the model versions it serves. Its children are the library's
 * `ServingEndpoint` of the same name, which declares `<name>-endpoint` and `<name>-endpoint-permissions`.
 */
export class ServingEndpoint extends pulumi.ComponentResource {
  /** The endpoint's name in the workspace. */
  readonly endpointName: pulumi.Output<string>;
  /** The endpoint's id, as permissions and the Serving API name it. */
  readonly servingEndpointId: pulumi.Output<string>;
  /** `<catalog>.<schema>.<prefix>_payload`, the table the AI gateway logs requests and responses to. */
  readonly payloadTableName: pulumi.Output<string>;

  constructor(name: string, args: ServingEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs("ServingEndpoint", name, (addIssue) => checkServingEndpointArgs(args, addIssue));
    super(SERVING_ENDPOINT_TYPE, name, {}, opts);
    const stage = args.stage as Stage;
    const modelName = args.modelFullName.split(".")[2];
    const groups = { dataScientists: args.dataScientistsGroup, mlEngineers: args.mlEngineersGroup };
    const block: RawServing = servingSchema.parse(args.serving ?? {});
    const serving = resolveServing(block, { stage, project: args.project, modelName, scoringGroups: [groups.dataScientists] });
    const endpoint = new LibraryServingEndpoint(
      name,
      {
        serving,
        placement: { stage, project: args.project, catalogName: args.catalogName, inferenceSchema: args.inferenceSchema ?? DEFAULT_INFERENCE_SCHEMA, modelFullName: args.modelFullName },
        groups,
        ...(args.servicePrincipal === undefined ? {} : { servicePrincipal: args.servicePrincipal }),
      },
      { parent: this },
    );
    this.endpointName = endpoint.endpoint.name;
    this.servingEndpointId = endpoint.endpoint.servingEndpointId;
    this.payloadTableName = pulumi.output(endpoint.payloadTableName);
    this.registerOutputs({ endpointName: this.endpointName, servingEndpointId: this.servingEndpointId, payloadTableName: this.payloadTableName });
  }
}
