/**
 * The CI identities program: a Pulumi project of its own (`ci-identities/Pulumi.yaml`), apart from the stage
 * stacks, run by an account administrator (`pulumi -C ci-identities up`), never by a workflow. Its outputs
 * are the values of the GitHub environment variables the workflows read (docs/ci.md, "Identities").
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import { rawConfigFromPulumi } from "../stack/config-source";
import { STAGES } from "../components";
import { ACCOUNT_HOST } from "../components";
import { CI_IDENTITIES_NAMESPACE, DEPLOYED_STAGES, parseCiIdentitiesConfig } from "./config";
import { StageIdentities } from "./stage-identities";

const config = parseCiIdentitiesConfig(rawConfigFromPulumi(pulumi.runtime.allConfig(), CI_IDENTITIES_NAMESPACE), pulumi.getStack());

const accountProvider = new databricks.Provider("account", { host: ACCOUNT_HOST, accountId: config.databricksAccountId });

/** Per stage: the variables to set on its `preview-<stage>` environment and, when deployed, its `drift-<stage>` and `<stage>` environments. */
export const environments = Object.fromEntries(
  STAGES.flatMap((stage) => {
    const stageConfig = config.stages[stage];
    if (stageConfig === undefined) return [];
    const awsProvider = new AwsProvider(`aws-${stage}`, { region: stageConfig.awsRegion, allowedAccountIds: [stageConfig.awsAccountId] });
    const identities = new StageIdentities(`ci-${stage}`, {
      stage,
      repository: config.repository,
      config: stageConfig,
      deployed: DEPLOYED_STAGES.includes(stage),
      awsProvider,
      accountProvider,
    });
    return [[stage, {
      [`preview-${stage}`]: { AWS_PREVIEW_ROLE_ARN: identities.previewRoleArn, DATABRICKS_PREVIEW_CLIENT_ID: identities.previewClientId },
      ...(identities.driftRoleArn ? { [`drift-${stage}`]: { AWS_DRIFT_ROLE_ARN: identities.driftRoleArn, DATABRICKS_DRIFT_CLIENT_ID: identities.previewClientId } } : {}),
      ...(identities.deployRoleArn ? { [stage]: { AWS_DEPLOY_ROLE_ARN: identities.deployRoleArn } } : {}),
    }]];
  }),
);
