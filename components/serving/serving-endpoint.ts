/**
 * The model serving endpoint of one ML project on one stage, with its permissions. Declared on the first
 * `up`, before the model has a version: the deployment task serves the versions its aliases point to.
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { assertValidArgs } from "../args-error";
import type { Stage } from "../stages";
import { ENDPOINT_TIMEOUTS, type EndpointPlacement, endpointAccess, endpointArgs, payloadTableFullName } from "./endpoint";
import { type ServingConfig, checkServingConfig } from "./serving-config";

/** Inputs of a `ServingEndpoint`. */
export interface ServingEndpointArgs {
  /** The endpoint's shape (see `resolveServing` for its defaults); checked like the stack file's `serving` block. */
  serving: ServingConfig;
  /** Stage, project, catalog, inference schema and model the endpoint serves. */
  placement: EndpointPlacement & { stage: Stage };
  /** What the endpoint is created after: the registered model and the schema of its inference tables. Default none. */
  after?: pulumi.Resource[];
  /** The stage's account groups. */
  groups: { dataScientists: string; mlEngineers: string };
  /** The stage's deployment service principal (application id); manages the endpoint on staging and prod. */
  servicePrincipal?: string;
  /**
   * The workspace assignments of the stage's groups and service principal (`StageWorkspace.identities`). What
   * names them inside the workspace waits for them: the jobs and alerts that run as the service principal and the
   * ACLs that name the groups (the workspace resolves those principals among its members, server-side). Default
   * none: the principals are in the workspace already.
   */
  principalsAssigned?: pulumi.Resource[];
}

/**
 * A project's serving endpoint: its shape and permissions; the deployment task sets what it serves. Its
 * children are named `<name>-endpoint` and `<name>-endpoint-permissions`; bad args throw a `ComponentArgsError`
 * naming each argument before anything is declared.
 */
export class ServingEndpoint extends pulumi.ComponentResource {
  /** The endpoint. */
  readonly endpoint: databricks.ModelServing;
  /** `<catalog>.inference.<prefix>_payload`, where the AI gateway logs requests. */
  readonly payloadTableName: string;

  constructor(name: string, args: ServingEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
    assertValidArgs("ServingEndpoint", name, (addIssue) => checkServingConfig(args.serving, args.placement.stage, addIssue));
    super("databricks-mlops:serving:ServingEndpoint", name, {}, opts);
    const { serving, placement } = args;
    const endpoint = endpointArgs(serving, placement);
    const named = (...purpose: string[]) => [name, ...purpose].join("-");
    this.endpoint = new databricks.ModelServing(named("endpoint"), endpoint, {
      parent: this,
      customTimeouts: ENDPOINT_TIMEOUTS,
      dependsOn: args.after ?? [],
    });
    new databricks.Permissions(
      named("endpoint", "permissions"),
      {
        servingEndpointId: this.endpoint.servingEndpointId,
        accessControls: endpointAccess({ stage: placement.stage, groups: args.groups, servicePrincipal: args.servicePrincipal }, serving.consumerGroups),
      },
      { parent: this, dependsOn: args.principalsAssigned ?? [] },
    );
    this.payloadTableName = payloadTableFullName(serving, placement);
    this.registerOutputs({ endpoint: this.endpoint, payloadTableName: this.payloadTableName });
  }
}
