/**
 * The model serving endpoint of one ML project on one stage, with its permissions. Declared only
 * once the model has a version to serve; until then the plan and `pulumi up` say why it is absent.
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type { Stage } from "../stages";
import { projectResourceName } from "../pipelines/names";
import { ENDPOINT_TIMEOUTS, type EndpointPlacement, endpointAccess, endpointArgs, noEndpointReason, payloadTableFullName } from "./endpoint";
import type { ServingConfig } from "./serving-config";

/** Inputs of a `ServingEndpoint`. */
export interface ServingEndpointArgs {
  /** The validated `serving` block of the project (see `resolveServing`). */
  serving: ServingConfig;
  /** Stage, project, catalog, inference schema and model the endpoint serves. */
  placement: EndpointPlacement & { stage: Stage };
  /** Position of the project in `mlProjects`, for the config key the no-version diagnostic names. */
  projectIndex: number;
  /** What the endpoint is created after: the registered model and the schema of its inference tables. Default none. */
  after?: pulumi.Resource[];
  /** The stage's account groups. */
  groups: { dataScientists: string; mlEngineers: string };
  /** The stage's deployment service principal (application id); manages the endpoint on staging and prod. */
  servicePrincipal?: string;
}

/** A project's serving endpoint, or nothing while its model has no version. */
export class ServingEndpoint extends pulumi.ComponentResource {
  /** The endpoint; undefined while the model has no version to serve. */
  readonly endpoint?: databricks.ModelServing;
  /** `<catalog>.inference.<prefix>_payload`, where the AI gateway logs requests; undefined without an endpoint. */
  readonly payloadTableName?: string;

  constructor(name: string, args: ServingEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
    super("databricks-mlops:serving:ServingEndpoint", name, {}, opts);
    const { serving, placement } = args;
    const endpoint = endpointArgs(serving, placement);
    if (endpoint === undefined) {
      // Not an error: a new stage deploys before its first training run. Shown in the plan and by `pulumi up`.
      pulumi.log.info(noEndpointReason(placement, args.projectIndex), this);
      this.registerOutputs({});
      return;
    }
    const named = (...purpose: string[]) => projectResourceName(placement.stage, placement.project, ...purpose);
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
      { parent: this },
    );
    this.payloadTableName = payloadTableFullName(serving, placement);
    this.registerOutputs({ endpoint: this.endpoint, payloadTableName: this.payloadTableName });
  }
}
