/** Adopted stages with an online store, for the online store tests. */
import type { Stage } from "../../components/stages";
import { rawStageWith } from "../pipelines/fixtures";
import { AWS_ACCOUNT_ID } from "../support/stage-configs";

/** A project's `onlineStore` block as a stack file gives it. */
export const STORE = { keyColumn: { name: "customer_id" }, ttlAttribute: "expires_at", publisherRoleName: "prod-churn-batch-inference" };

/** The `workspace.aws` of an adopted stage: the account the shipped policy configs pin, and a region. */
export const ADOPTED_AWS = { accountId: AWS_ACCOUNT_ID, region: "us-east-1" };

/** The raw config of an adopted `stage` with the given projects, naming its AWS account as an online store needs on staging and prod. */
export function rawAdoptedWithAws(stage: Stage, ...projects: Record<string, unknown>[]): Record<string, unknown> {
  const raw = rawStageWith(stage, ...projects);
  return { ...raw, workspace: { ...(raw.workspace as Record<string, unknown>), aws: { ...ADOPTED_AWS } } };
}
