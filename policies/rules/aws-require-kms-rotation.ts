/**
 * aws-require-kms-rotation: every KMS key the stack declares rotates its key material automatically.
 */
import { forResourceTypes } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { AWS_KMS_KEY } from "../lib/resource-types";

/** Returns a message when the key does not set `enableKeyRotation: true`. */
export function findKeyRotationGap(resourceName: string, enableKeyRotation: unknown): string[] {
  if (enableKeyRotation === true) return [];
  const what = enableKeyRotation === undefined ? "does not set enableKeyRotation" : `sets enableKeyRotation ${JSON.stringify(enableKeyRotation)}`;
  return [`KMS key '${resourceName}' ${what}; set enableKeyRotation: true so AWS rotates its key material every year.`];
}

/** The rule object registered in the pack. */
export const awsRequireKmsRotation: DocumentedResourcePolicy = {
  name: "aws-require-kms-rotation",
  description: "Every KMS key rotates its key material automatically.",
  severity: "medium",
  remediationSteps: "Set `enableKeyRotation: true` on the aws.kms.Key.",
  documentation: {
    waivers: "allowed",
    rationale:
      "Protected production data: the workspace storage and managed-services keys encrypt everything the stage keeps. " +
      "Rotation limits how much data any one key version protects, without re-encrypting or changing the key's ARN.",
    controls: [
      {
        framework: "Databricks Security Reference Architecture (AWS)",
        id: "cmk.tf: aws_kms_key workspace_storage and managed_services, enable_key_rotation = true",
        url: "https://github.com/databricks/terraform-databricks-sra/blob/main/aws/tf/cmk.tf",
      },
    ],
  },
  validateResource: forResourceTypes([AWS_KMS_KEY], (args, reportViolation) => {
    for (const message of findKeyRotationGap(args.name, args.props.enableKeyRotation)) reportViolation(message);
  }),
};
