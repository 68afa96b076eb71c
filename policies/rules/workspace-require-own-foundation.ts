/**
 * workspace-require-own-foundation (stack rule): the account-level registrations a created workspace is built from
 * (its cross-account role, its root bucket, its customer-managed keys, its network) name AWS resources this stack
 * declares. The AWS rules judge those resources (trust policy, encryption, public access, TLS, rotation, account
 * pin); a registration that names a role, bucket, key or network by a literal or through anything else puts the
 * workspace on a foundation none of them has seen, possibly in another account.
 */
import type { PolicyResource } from "@pulumi/policy";
import { failingClosed } from "../lib/applicability";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { AWS_IAM_ROLE, AWS_KMS_KEY, AWS_S3_BUCKET, AWS_S3_BUCKET_V2, typeDisplayName } from "../lib/resource-types";

const databricks = (module: string, className: string) => `databricks:index/${module}:${className}`;
export const MWS_CREDENTIALS = databricks("mwsCredentials", "MwsCredentials");
export const MWS_CUSTOMER_MANAGED_KEYS = databricks("mwsCustomerManagedKeys", "MwsCustomerManagedKeys");
export const MWS_NETWORKS = databricks("mwsNetworks", "MwsNetworks");
export const MWS_STORAGE_CONFIGURATIONS = databricks("mwsStorageConfigurations", "MwsStorageConfigurations");

/** Each registration's inputs that name an AWS resource, and the types that input must come from. */
export const FOUNDATION_INPUTS: Readonly<Record<string, readonly { input: string; from: readonly string[] }[]>> = {
  [MWS_CREDENTIALS]: [{ input: "roleArn", from: [AWS_IAM_ROLE] }],
  [MWS_CUSTOMER_MANAGED_KEYS]: [{ input: "awsKeyInfo", from: [AWS_KMS_KEY] }],
  [MWS_STORAGE_CONFIGURATIONS]: [{ input: "bucketName", from: [AWS_S3_BUCKET, AWS_S3_BUCKET_V2] }],
  [MWS_NETWORKS]: [
    { input: "vpcId", from: ["aws:ec2/vpc:Vpc"] },
    { input: "subnetIds", from: ["aws:ec2/subnet:Subnet"] },
    { input: "securityGroupIds", from: ["aws:ec2/securityGroup:SecurityGroup"] },
  ],
};

/** What the rule needs to know about one registration. */
export interface RegistrationFacts {
  urn: string;
  type: string;
  name: string;
  /** Per input of FOUNDATION_INPUTS: the types of the resources it is derived from. */
  sources: Record<string, string[]>;
}

/** Returns one finding per registration input that is not derived from a resource of its kind in this stack. */
export function findForeignFoundations(registrations: readonly RegistrationFacts[]): { urn: string; message: string }[] {
  const findings: { urn: string; message: string }[] = [];
  for (const r of registrations) {
    for (const { input, from } of FOUNDATION_INPUTS[r.type] ?? []) {
      const sources = r.sources[input] ?? [];
      if (sources.length > 0 && sources.every((t) => from.includes(t))) continue;
      const kinds = from.map(typeDisplayName).join(" or ");
      const seen = sources.length === 0 ? "a literal or nothing the stack declares" : `${[...new Set(sources)].map((t) => `'${t}'`).join(", ")}`;
      findings.push({
        urn: r.urn,
        message:
          `${typeDisplayName(r.type)} '${r.name}' takes ${input} from ${seen}, not from an AWS ${kinds} this stack declares, so the workspace ` +
          `would stand on a foundation the AWS rules never judged; derive ${input} from the stack's own ${kinds}.`,
      });
    }
  }
  return findings;
}

function registrationFacts(resource: PolicyResource): RegistrationFacts {
  const sources: Record<string, string[]> = {};
  for (const { input } of FOUNDATION_INPUTS[resource.type] ?? []) {
    sources[input] = (resource.propertyDependencies[input] ?? []).map((dependency) => dependency.type);
  }
  return { urn: resource.urn, type: resource.type, name: resource.name, sources };
}

/** The rule object registered in the pack. */
export const workspaceRequireOwnFoundation: DocumentedStackPolicy = {
  name: "workspace-require-own-foundation",
  description: "A created workspace's credentials, storage, keys and network name AWS resources this stack declares.",
  severity: "high",
  remediationSteps:
    "Build MwsCredentials.roleArn, MwsStorageConfigurations.bucketName, MwsCustomerManagedKeys.awsKeyInfo and MwsNetworks' vpcId, " +
    "subnetIds and securityGroupIds from the stack's own aws.iam.Role, aws.s3.Bucket, aws.kms.Key and aws.ec2 resources (their " +
    "outputs), as the program's AwsFoundation does. A stage that must reuse an existing foundation adopts its workspace instead.",
  documentation: {
    judgedTypes: Object.keys(FOUNDATION_INPUTS),
    waivers: "refused-on-prod",
    rationale:
      "Separate stages, judged foundations: the account-level registrations decide which role Databricks assumes, which bucket holds " +
      "the workspace's root storage, which keys encrypt it and which network its clusters run in. The AWS rules judge the role's " +
      "trust, the bucket's encryption, public access and TLS, the keys' rotation and the account pin of every AWS resource the " +
      "stack declares; a registration that names its AWS resource by a literal (another stage's bucket, a role in another " +
      "account) escapes all of them. Derivation is read from the registration's property dependencies, so it holds while the " +
      "ids are still unknown during preview.",
    controls: [],
  },
  validateStack: failingClosed((args, reportViolation) => {
    const registrations = args.resources.filter((r) => r.type in FOUNDATION_INPUTS);
    if (registrations.length === 0) args.notApplicable("Policy only applies to stacks that register a workspace's AWS foundation with the Databricks account");
    for (const finding of findForeignFoundations(registrations.map(registrationFacts))) reportViolation(finding.message, finding.urn);
  }),
};
