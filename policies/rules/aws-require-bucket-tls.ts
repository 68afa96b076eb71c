/**
 * aws-require-bucket-tls (stack rule): every S3 bucket's policy denies any request that is not made over
 * TLS, for the bucket and every object in it.
 */
import { failingClosed } from "../lib/applicability";
import { BUCKET_TYPES, bucketsWithSettings, describeBucket, type BucketFacts, type BucketSettingFacts } from "../lib/aws-buckets";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { AWS_S3_BUCKET_POLICY } from "../lib/resource-types";

type Statement = Record<string, unknown>;

// An absent value becomes [undefined], which no caller matches: statements must be objects, actions s3:* or *,
// resources ARNs or *, principals *.
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** The statements of a policy given as JSON text or as an object; unparsable text has none. */
export function statementsOf(policy: unknown): Statement[] {
  let document = policy;
  if (typeof policy === "string") {
    try {
      document = JSON.parse(policy);
    } catch {
      return [];
    }
  }
  return asList((document as { Statement?: unknown } | undefined)?.Statement).filter(
    (s): s is Statement => typeof s === "object" && s !== null,
  );
}

function isEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  const aws = (principal as { AWS?: unknown } | undefined)?.AWS;
  return asList(aws).includes("*");
}

/** True for a statement that denies everyone every S3 action on `bucketName` and its objects without TLS. */
export function deniesInsecureTransport(statement: Statement, bucketName?: string): boolean {
  if (statement.Effect !== "Deny" || !isEveryone(statement.Principal)) return false;
  const actions = asList(statement.Action).map(String);
  if (!actions.includes("s3:*") && !actions.includes("*")) return false;
  const secure = (statement.Condition as { Bool?: Record<string, unknown> } | undefined)?.Bool?.["aws:SecureTransport"];
  if (String(secure) !== "false") return false;
  if (bucketName === undefined) return true;
  const resources = asList(statement.Resource).map(String);
  const covers = (arn: string) => resources.includes(arn) || resources.includes("*");
  return covers(`arn:aws:s3:::${bucketName}`) && covers(`arn:aws:s3:::${bucketName}/*`);
}

/** Returns a message when neither the bucket's inline policy nor a BucketPolicy of it denies requests without TLS. */
export function findTlsGaps(bucket: BucketFacts, policies: readonly BucketSettingFacts[]): string[] {
  const statements = [...statementsOf(bucket.props.policy), ...policies.flatMap((policy) => statementsOf(policy.props.policy))];
  if (statements.some((statement) => deniesInsecureTransport(statement, bucket.bucketName))) return [];
  const target = bucket.bucketName !== undefined ? `arn:aws:s3:::${bucket.bucketName} and arn:aws:s3:::${bucket.bucketName}/*` : "the bucket and its objects";
  const has = policies.length === 0 && bucket.props.policy === undefined ? "has no bucket policy" : "has a policy that allows requests without TLS";
  return [
    `${describeBucket(bucket)} ${has}; add a statement that denies "s3:*" to Principal "*" on ${target} when aws:SecureTransport is "false".`,
  ];
}

/** The rule object registered in the pack. */
export const awsRequireBucketTls: DocumentedStackPolicy = {
  name: "aws-require-bucket-tls",
  description: "Every S3 bucket's policy denies requests that are not made over TLS.",
  severity: "high",
  remediationSteps:
    "Add to the bucket's policy (aws.s3.BucketPolicy) a statement { Effect: \"Deny\", Principal: \"*\", Action: \"s3:*\", " +
    "Resource: [bucket ARN, bucket ARN + \"/*\"], Condition: { Bool: { \"aws:SecureTransport\": \"false\" } } }.",
  documentation: {
    judgedTypes: [...BUCKET_TYPES, AWS_S3_BUCKET_POLICY],
    waivers: "allowed",
    rationale:
      "Protected production data: without the deny, any principal the bucket admits could read or write workspace " +
      "data over plain HTTP, where it can be read or changed in transit.",
    controls: [
      {
        framework: "Databricks Security Reference Architecture (AWS)",
        id: "restrictive_root_bucket: AllowSSLRequestsOnly (deny when aws:SecureTransport is false)",
        url: "https://github.com/databricks/terraform-databricks-sra/blob/main/aws/tf/modules/databricks_workspace/restrictive_root_bucket/main.tf",
      },
    ],
  },
  validateStack: failingClosed((args, reportViolation) => {
    const pairs = bucketsWithSettings(args.resources, [AWS_S3_BUCKET_POLICY]);
    if (pairs.length === 0) args.notApplicable("Policy only applies to stacks that declare S3 buckets");
    for (const { bucket, settings } of pairs) {
      for (const message of findTlsGaps(bucket, settings)) reportViolation(message, bucket.urn);
    }
  }),
};
