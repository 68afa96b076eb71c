/**
 * The stage's workspace, adopted or created, and what every workspace-level resource of the stage needs
 * from it: the workspace provider, the workspace's id and URL, the security baseline, the identities, and
 * (staging, prod) the dev workspace id read from the dev stack's outputs when dev creates its workspace.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as databricks from "@pulumi/databricks";
import type { Provider as AwsProvider } from "@pulumi/aws/provider";
import type { StageConfig } from "./config";
import { awsName, CreatedWorkspace, qualifiedStackName, resourceName, stageAwsProvider, WorkspaceBaseline, WorkspaceIdentities, workspaceProvider } from "../components";
import { planIdentities } from "./identity-plan";

/** The dev stack output that names its workspace; `index.ts` exports it under this name. */
export const DEV_WORKSPACE_ID_OUTPUT = "workspaceId";

/** Inputs of a `StageWorkspace`. */
export interface StageWorkspaceArgs {
  /** The validated stage configuration; `workspace.mode` decides adopt or create. */
  config: StageConfig;
}

/** The stage's workspace and its provider. */
export class StageWorkspace extends pulumi.ComponentResource {
  /** The provider every workspace-level resource of the stage is created with. */
  readonly provider: databricks.Provider;
  /** The workspace's numeric id: from config (adopt) or the new workspace (create). */
  readonly workspaceId: pulumi.Output<string>;
  /** The workspace URL. */
  readonly workspaceUrl: pulumi.Output<string>;
  /** The created workspace's AWS and account resources; undefined in adopt mode. */
  readonly created?: CreatedWorkspace;
  /**
   * The AWS provider pinned to the stage's account and region, for every AWS resource of the stage: the created
   * workspace's, or (adopt mode) one built from `workspace.aws`. Undefined when an adopted stage names no account.
   */
  readonly awsProvider?: AwsProvider;
  /** The dev workspace id from the dev stack's outputs; undefined unless `devAccess.stack` is set. */
  readonly devWorkspaceId?: pulumi.Output<string>;
  /** The assignments of the stage's groups and service principal to the workspace; depend on it to wait for them. */
  readonly identities: WorkspaceIdentities;

  constructor(name: string, args: StageWorkspaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("databricks-mlops:workspace:StageWorkspace", name, {}, opts);
    const { config } = args;
    const named = (...purpose: string[]) => resourceName(config.stage, config.mlProject, ...purpose);
    const protectData = config.unityCatalog.protectData;

    if (config.workspace.mode === "create") {
      // The library's components are named `<stage>-<mlProject>`, so their children keep the names they were first
      // deployed with (`<stage>-<mlProject>-workspace`, ...); each alias keeps the component's own first name.
      this.created = new CreatedWorkspace(
        named(),
        { stage: config.stage, mlProject: config.mlProject, config: config.workspace, protectData },
        { parent: this, aliases: [{ name: named("created-workspace") }] },
      );
      this.workspaceId = this.created.workspaceId;
      this.workspaceUrl = this.created.workspaceUrl;
    } else {
      this.workspaceId = pulumi.output(config.workspace.id);
      this.workspaceUrl = pulumi.output(config.workspace.host);
    }
    const aws = config.workspace.aws;
    this.awsProvider =
      this.created?.awsProvider ?? (aws && stageAwsProvider(awsName(config.stage, config.mlProject, "aws"), aws, { parent: this }));

    // The provider was the stage's child before this component existed; the alias keeps existing stacks
    // from replacing it, which would replace everything it manages. A created workspace's provider depends on the
    // workspace being ready, so everything it manages waits for the metastore assignment and the settle wait; its
    // host still comes from the workspace itself (what the policy pack checks it against).
    this.provider = workspaceProvider(
      named("workspace"),
      { host: this.workspaceUrl },
      { parent: this, aliases: opts?.parent ? [{ parent: opts.parent }] : [], dependsOn: this.created ? [this.created.workspaceReady] : [] },
    );

    new WorkspaceBaseline(named(), { stage: config.stage, mlProject: config.mlProject }, { parent: this, providers: [this.provider], aliases: [{ name: named("baseline") }] });
    this.identities = new WorkspaceIdentities(
      named(),
      {
        stage: config.stage,
        mlProject: config.mlProject,
        plan: planIdentities(config),
        workspaceProvider: this.provider,
        accountProvider: config.identities.createGroups ? this.created?.accountProvider : undefined,
      },
      { parent: this, aliases: [{ name: named("identities") }] },
    );

    if (config.devAccess?.stack !== undefined) {
      // The organization is the deployed stack's own (`pulumi.getOrganization()`), so no stack file names one.
      const stack = qualifiedStackName(config.devAccess.stack, pulumi.getOrganization(), pulumi.getProject());
      const dev = new pulumi.StackReference(named("dev-stack"), { name: stack }, { parent: this });
      this.devWorkspaceId = dev.requireOutput(DEV_WORKSPACE_ID_OUTPUT).apply(String);
    }

    this.registerOutputs({ workspaceId: this.workspaceId, workspaceUrl: this.workspaceUrl });
  }
}
