/**
 * The stage's SQL warehouse: runs the monitoring alerts and the DDL of the monitored tables. One per
 * stage, shared by its ML projects.
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import type { AccessControlSpec, ProjectIdentities } from "../pipelines/access";
import { isAutomatedStage } from "../stages";
import { warehouseArgs } from "./alerts";

/** Who may use the warehouse: people run queries on dev and watch it elsewhere; the service principal manages it. */
export function warehouseAccess(identities: ProjectIdentities): AccessControlSpec[] {
  const people = isAutomatedStage(identities.stage) ? "CAN_MONITOR" : "CAN_USE";
  return [
    { groupName: identities.groups.dataScientists, permissionLevel: people },
    { groupName: identities.groups.mlEngineers, permissionLevel: people },
    ...(identities.servicePrincipal ? [{ servicePrincipalName: identities.servicePrincipal, permissionLevel: "CAN_MANAGE" }] : []),
  ].sort((a, b) => ((a.groupName ?? a.servicePrincipalName ?? "") < (b.groupName ?? b.servicePrincipalName ?? "") ? -1 : 1));
}

/**
 * Declares the warehouse and its permissions under `opts.parent`, both on `opts.provider` (the stage's workspace
 * provider): without it the engine would build a default provider from the environment, which cannot point at
 * the workspace this stack creates.
 */
export function declareStageWarehouse(
  name: string,
  identities: ProjectIdentities,
  opts: pulumi.CustomResourceOptions,
  principalsAssigned: pulumi.Resource[] = [],
): databricks.SqlEndpoint {
  const warehouse = new databricks.SqlEndpoint(name, warehouseArgs(name, { stage: identities.stage, purpose: "monitoring" }), opts);
  // The ACL names the stage's groups: it waits for their workspace assignments (`principalsAssigned`, default none).
  new databricks.Permissions(
    `${name}-permissions`,
    { sqlEndpointId: warehouse.id, accessControls: warehouseAccess(identities) },
    { parent: opts.parent, provider: opts.provider, dependsOn: principalsAssigned },
  );
  return warehouse;
}
