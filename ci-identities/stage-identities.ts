/**
 * The CI identities of one stage: for `pull-request.yml`'s preview, an AWS role and a Databricks service
 * principal that read and change nothing; on the deployed stages (staging, prod), for `drift.yml`'s daily
 * check, a second read-only AWS role that may also list buckets (a refresh needs it) and the same service
 * principal, and for `deploy.yml`'s deploy an AWS role with the stage's deploy policies and a federation
 * policy on the stage's existing deploy service principal. Each trusts GitHub's OIDC token of its one job
 * only (github-oidc.ts). Nothing here is part of a stage's stack.
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import * as iam from "@pulumi/aws/iam";
import type { Provider as AwsProvider } from "@pulumi/aws/provider";
import type { Stage } from "../components";
import { driftPolicy, previewPolicy } from "./aws-preview-policy";
import type { StageIdentitiesConfig } from "./config";
import { PREVIEW_DATABRICKS_RIGHTS } from "./databricks-preview-rights";
import { GITHUB_OIDC_ISSUER, githubSubject, githubTrustPolicy, type CiJob } from "./github-oidc";
import { evaluateAction, type IamPolicyDocument } from "./iam-evaluate";

/** Inputs of `StageIdentities`. */
export interface StageIdentitiesArgs {
  /** The stage. */
  stage: Stage;
  /** The repository whose workflows assume the identities, `<owner>/<name>`. */
  repository: string;
  /** The stage's section of the program config. */
  config: StageIdentitiesConfig;
  /** True for the stages `deploy.yml` deploys (staging, prod): they also get the deploy identities. */
  deployed: boolean;
  /** The AWS provider of the stage's account. */
  awsProvider: AwsProvider;
  /** The Databricks account-level provider. */
  accountProvider: databricks.Provider;
}

/**
 * A write the preview policy must never allow: checked before anything is declared, so a widened
 * `PREVIEW_READ_ACTIONS` stops the program instead of reaching AWS (the tests check the whole list).
 */
const CANARY_ACTIONS = ["s3:GetObject", "s3:PutObject", "kms:Decrypt", "dynamodb:Scan", "iam:PassRole", "sts:AssumeRole"];

export class StageIdentities extends pulumi.ComponentResource {
  /** The preview role's ARN: the `AWS_PREVIEW_ROLE_ARN` variable of the `preview-<stage>` environment. */
  readonly previewRoleArn: pulumi.Output<string>;
  /** The preview service principal's application id: `DATABRICKS_PREVIEW_CLIENT_ID` of `preview-<stage>`. */
  readonly previewClientId: pulumi.Output<string>;
  /** The deploy role's ARN (`AWS_DEPLOY_ROLE_ARN` of the `<stage>` environment), on deployed stages. */
  readonly deployRoleArn?: pulumi.Output<string>;
  /** The drift role's ARN (`AWS_DRIFT_ROLE_ARN` of the `drift-<stage>` environment), on deployed stages. */
  readonly driftRoleArn?: pulumi.Output<string>;

  constructor(name: string, args: StageIdentitiesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("databricks-mlops:ci:StageIdentities", name, {}, opts);
    const aws = { parent: this, provider: args.awsProvider };
    const account = { parent: this, provider: args.accountProvider };
    const trust = (job: CiJob) => JSON.stringify(githubTrustPolicy({ awsAccountId: args.config.awsAccountId, repository: args.repository, job, stage: args.stage }));

    /** A role that reads and changes nothing, for `job`: `policy` inline and as its boundary, which caps whatever is attached later. */
    const readOnlyRole = (job: "preview" | "drift", policy: IamPolicyDocument): iam.Role => {
      for (const action of CANARY_ACTIONS) {
        if (evaluateAction([policy], action).decision === "allowed") throw new Error(`the ${job} policy of ${args.stage} allows ${action}; it must read configuration only`);
      }
      const boundary = new iam.Policy(`${name}-${job}-boundary`, { name: `mlops-${args.stage}-ci-${job}-boundary`, policy: JSON.stringify(policy) }, aws);
      const role = new iam.Role(
        `${name}-${job}`,
        { name: `mlops-${args.stage}-ci-${job}`, assumeRolePolicy: trust(job), permissionsBoundary: boundary.arn, maxSessionDuration: 3600 },
        aws,
      );
      new iam.RolePolicy(`${name}-${job}-read`, { role: role.name, policy: JSON.stringify(policy) }, aws);
      return role;
    };
    this.previewRoleArn = readOnlyRole("preview", previewPolicy()).arn;

    const previewPrincipal = new databricks.ServicePrincipal(`${name}-preview`, { displayName: `mlops-${args.stage}-ci-preview` }, account);
    federate(`${name}-preview`, previewPrincipal.id, githubSubject(args.repository, "preview", args.stage), account);
    new databricks.MwsPermissionAssignment(
      `${name}-preview-workspace`,
      { workspaceId: args.config.workspaceId, principalId: previewPrincipal.id, permissions: [...PREVIEW_DATABRICKS_RIGHTS.workspacePermissions] },
      account,
    );
    this.previewClientId = previewPrincipal.applicationId;

    if (args.deployed) {
      // The drift check reads the stage as the preview does, with the same service principal.
      this.driftRoleArn = readOnlyRole("drift", driftPolicy()).arn;
      federate(`${name}-drift`, previewPrincipal.id, githubSubject(args.repository, "drift", args.stage), account);
      const deployRole = new iam.Role(`${name}-deploy`, { name: `mlops-${args.stage}-ci-deploy`, assumeRolePolicy: trust("deploy"), maxSessionDuration: 3600 }, aws);
      (args.config.deployPolicyArns ?? []).forEach((policyArn, index) => {
        new iam.RolePolicyAttachment(`${name}-deploy-${index}`, { role: deployRole.name, policyArn }, aws);
      });
      if (args.config.deployServicePrincipalId !== undefined) {
        federate(`${name}-deploy`, args.config.deployServicePrincipalId, githubSubject(args.repository, "deploy", args.stage), account);
      }
      this.deployRoleArn = deployRole.arn;
    }
    this.registerOutputs({ previewRoleArn: this.previewRoleArn, previewClientId: this.previewClientId, driftRoleArn: this.driftRoleArn, deployRoleArn: this.deployRoleArn });
  }
}

/** A federation policy letting GitHub's token with `subject` sign in as the service principal `principalId`. */
function federate(name: string, principalId: pulumi.Input<string>, subject: string, opts: pulumi.CustomResourceOptions): void {
  new databricks.ServicePrincipalFederationPolicy(
    `${name}-github`,
    {
      servicePrincipalId: pulumi.output(principalId).apply(Number),
      oidcPolicy: { issuer: GITHUB_OIDC_ISSUER, subject },
    },
    opts,
  );
}
