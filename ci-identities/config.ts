/**
 * The configuration of the CI identities program (`ci-identities/Pulumi.<stack>.yaml`, namespace
 * `databricks-mlops-ci-identities`): the repository whose workflows assume the identities, the Databricks
 * account, and per stage the AWS account, the workspace and what the deploy role may do. Each problem names
 * the key and what is allowed, never the value of a secret (there are none here).
 */
import { z } from "zod";
import { describeIssues, StageConfigError } from "../stack/config-errors";
import { strictObject, text, workspaceIdSchema } from "../components";
import type { Stage } from "../components";

/** The config namespace of this program (its Pulumi project name). */
export const CI_IDENTITIES_NAMESPACE = "databricks-mlops-ci-identities";

const ALLOWED = {
  repository: 'the GitHub repository as <owner>/<name>, e.g. "acme/databricks-mlops"',
  uuid: 'the Databricks account id, a UUID, e.g. "0d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b"',
  awsAccountId: 'the 12-digit AWS account id as a quoted string, e.g. "123456789012"',
  region: 'an AWS region, e.g. "us-east-1"',
  policyArns: 'a non-empty list of IAM policy ARNs, e.g. ["arn:aws:iam::123456789012:policy/mlops-staging-deploy"]',
  servicePrincipalId: 'the numeric id of the stage\'s existing deploy service principal as a quoted string, e.g. "1234567890"',
} as const;

const stageIdentities = strictObject({
  /** The AWS account of the stage's resources; its roles are created there. */
  awsAccountId: text(ALLOWED.awsAccountId, /^[0-9]{12}$/),
  /** The region of the AWS provider (IAM is global; the provider needs one). */
  awsRegion: text(ALLOWED.region, /^[a-z]{2}(-gov)?-[a-z]+-[0-9]$/),
  /** The stage's workspace, which the preview service principal joins as a user. */
  workspaceId: workspaceIdSchema,
  /** The policies of the deploy role (written by the platform team for the stage's resource types); required for staging and prod. */
  deployPolicyArns: z.array(text(ALLOWED.policyArns, /^arn:aws:iam::([0-9]{12}|aws):policy\/[\w+=,.@/-]+$/), { error: ALLOWED.policyArns }).min(1, { error: ALLOWED.policyArns }).optional(),
  /** The existing deploy service principal (account-level id), which gets a federation policy for the deploy job. */
  deployServicePrincipalId: text(ALLOWED.servicePrincipalId, /^[0-9]{1,19}$/).optional(),
});

/** The raw program config, namespace stripped. */
export const ciIdentitiesConfigSchema = strictObject({
  /** The repository whose workflows assume the identities, `<owner>/<name>`. */
  repository: text(ALLOWED.repository, /^[A-Za-z0-9-]+\/[A-Za-z0-9_.-]+$/),
  /** The Databricks account of the service principals. */
  databricksAccountId: text(ALLOWED.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
  /** The stages whose identities this stack declares; a stage left out gets none. */
  stages: strictObject({ dev: stageIdentities.optional(), staging: stageIdentities.optional(), prod: stageIdentities.optional() }),
});

/** The parsed config. */
export type CiIdentitiesConfig = z.infer<typeof ciIdentitiesConfigSchema>;
/** The identities of one stage. */
export type StageIdentitiesConfig = z.infer<typeof stageIdentities>;

/** The stages that are deployed by `deploy.yml` and so get a deploy identity. */
export const DEPLOYED_STAGES: readonly Stage[] = ["staging", "prod"];

/** The parsed config, or a `StageConfigError` naming every bad key of `stack`. */
export function parseCiIdentitiesConfig(raw: Record<string, unknown>, stack: string): CiIdentitiesConfig {
  const result = ciIdentitiesConfigSchema.safeParse(raw);
  const problems = result.success ? [] : describeIssues(result.error.issues, raw, CI_IDENTITIES_NAMESPACE);
  if (result.success) {
    for (const stage of DEPLOYED_STAGES) {
      const identities = result.data.stages[stage];
      if (identities === undefined) continue;
      for (const key of ["deployPolicyArns", "deployServicePrincipalId"] as const) {
        if (identities[key] === undefined) {
          problems.push({ key: `${CI_IDENTITIES_NAMESPACE}:stages.${stage}.${key}`, reason: `required for ${stage}, which deploy.yml deploys: ${ALLOWED[key === "deployPolicyArns" ? "policyArns" : "servicePrincipalId"]}` });
        }
      }
    }
  }
  if (problems.length > 0) throw new StageConfigError(stack, problems);
  return result.data!;
}
