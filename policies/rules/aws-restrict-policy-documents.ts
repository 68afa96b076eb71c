/**
 * aws-restrict-policy-documents: every AWS policy document the stack carries (a role's trust and inline
 * policies, bucket, key, VPC endpoint and DynamoDB resource policies, IAM policies) is read for what it allows:
 * whom it lets in, what it lets them do, and under which conditions. It supersedes the former
 * aws-restrict-cross-account-trust, whose external-id check it keeps for every trust document.
 */
import { forResourceTypes } from "../lib/applicability";
import { ATTACHING_TYPES, findAttachmentGaps } from "../lib/policy-documents/attachments";
import { documentsOf, DOCUMENT_CARRYING_TYPES, type DocumentKind } from "../lib/policy-documents/carriers";
import { parsePolicyDocument } from "../lib/policy-documents/grammar";
import { judgeStatement, type DocumentTrust } from "../lib/policy-documents/judge";
import { canonicalAwsPrincipal } from "../lib/policy-documents/principals";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { typeDisplayName } from "../lib/resource-types";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface PolicyDocumentsConfig {
  /** The stage's AWS account (12 digits), as aws-require-pinned-provider's; unset: no account is trusted. */
  accountId?: string;
  /** The stage's Databricks account id; unset: Databricks' control plane is trusted for no account. */
  databricksAccountId?: string;
  /** Principals of Databricks' AWS account the stage may name; default none. */
  databricksPrincipals?: string[];
  /** AWS service principals the stage may name; default none. */
  servicePrincipals?: string[];
}

/** The trust a config states, normalised (blank values are unset; principals canonical). */
export function trustOf(config: PolicyDocumentsConfig): DocumentTrust {
  const text = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value.trim());
  return {
    accountId: text(config.accountId),
    databricksAccountId: text(config.databricksAccountId),
    databricksPrincipals: (config.databricksPrincipals ?? []).map((p) => canonicalAwsPrincipal(p.trim())),
    servicePrincipals: (config.servicePrincipals ?? []).map((s) => s.trim()),
  };
}

/** The findings of one document of a resource; `subject` names the resource and the input. */
export function findDocumentGaps(subject: string, kind: DocumentKind, document: unknown, trust: DocumentTrust): string[] {
  const parsed = parsePolicyDocument(document);
  if (!parsed.ok) return [`${subject} cannot be read as an IAM policy document: ${parsed.problem}. A document the pack cannot read is refused.`];
  return parsed.statements.flatMap((statement) => judgeStatement(statement, kind, trust).map((message) => `${subject}: ${message}`));
}

/** The findings of every document a resource of `type` carries in `props`. */
export function findResourceDocumentGaps(type: string, name: string, props: Record<string, unknown>, config: PolicyDocumentsConfig): string[] {
  const trust = trustOf(config);
  const subject = `${typeDisplayName(type)} '${name}'`;
  return [
    ...documentsOf(type, props).flatMap((doc) => findDocumentGaps(`${subject} ${doc.path}`, doc.kind, doc.read(), trust)),
    ...findAttachmentGaps(type, subject, props, trust.accountId),
  ];
}

/** Every type the rule judges: those that carry documents, and those that attach managed policies by ARN. */
export const POLICY_DOCUMENT_TYPES: readonly string[] = [...new Set([...DOCUMENT_CARRYING_TYPES, ...ATTACHING_TYPES])];

/** The rule object registered in the pack. */
export const awsRestrictPolicyDocuments: DocumentedResourcePolicy = {
  name: "aws-restrict-policy-documents",
  description:
    "Every AWS policy document (role trust and inline policies, bucket, key, VPC endpoint and table policies) allows only the stage's " +
    "account and the Databricks principals and services the policy config names, pins Databricks to the stage's Databricks account, " +
    "and grants no wildcard over data services.",
  severity: "critical",
  remediationSteps:
    "Name principals of the stage's AWS account, or a principal listed in databricksPrincipals or servicePrincipals of this rule's policy config; " +
    "give a statement that trusts Databricks' control plane (arn:aws:iam::414351767826:root) the condition StringEquals sts:ExternalId (in a role's " +
    "trust) or aws:PrincipalTag/DatabricksAccountId (in a bucket or key policy) = the stage's Databricks account id, and a statement that trusts " +
    "Unity Catalog's role StringEquals sts:ExternalId = the storage credential's external id; replace Principal \"*\" with the principals, or pin it " +
    "with StringEquals aws:PrincipalAccount; list actions instead of NotAction, NotPrincipal, NotResource, '*' or 's3:*'/'kms:*'/'dynamodb:*'/'iam:*', " +
    "and name the resources of an action family ('s3:Get*'); attach no AWS-managed or other account's policy by ARN (declare an aws.iam.Policy); " +
    "make the document a literal or built from known values, so it is known at preview.",
  configSchema: {
    properties: {
      accountId: {
        type: "string",
        pattern: "^[0-9]{12}$",
        description: "The stage's AWS account id (12 digits), the same as aws-require-pinned-provider's. Unset: no account is trusted.",
      },
      databricksAccountId: {
        type: "string",
        description: "The stage's Databricks account id: the external id and principal tag Databricks' control plane must present. Unset: none passes.",
      },
      databricksPrincipals: {
        type: "array",
        items: { type: "string" },
        description:
          "Principals of Databricks' AWS account that documents may name (control plane root, Unity Catalog's master role), as ARNs; a bare " +
          "12-digit id means that account's root. Default none.",
        default: [],
      },
      servicePrincipals: {
        type: "array",
        items: { type: "string" },
        description: "AWS service principals documents may name (e.g. logs.amazonaws.com). Default none: the program names none.",
        default: [],
      },
    },
  },
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Separate stages, protected production data: a policy document decides who outside Pulumi's view reaches the stage's buckets, keys, " +
      "tables and roles. A principal of another account, everyone (\"*\"), a Databricks principal that does not prove it acts for this " +
      "stage's Databricks account (the confused-deputy problem: Databricks' control plane and Unity Catalog's master role are shared by every " +
      "customer), NotPrincipal or NotAction (everything but a list), or a wildcard over a data service each hands the stage's data to someone " +
      "the access model never named. Documents are parsed and normalised (single statements and lists, every principal form, condition " +
      "operators with IfExists and set qualifiers, actions compared without case and with wildcards), never matched as text; a document " +
      "the pack cannot read, AWS would reject, or that is unknown during preview is refused, and so is a managed policy attached by ARN that is " +
      "not a customer-managed policy of the stage's account (AdministratorAccess attached to a role allows everything without a document to read).",
    controls: [
      {
        framework: "Databricks Security Reference Architecture (AWS)",
        id: "credential.tf: cross-account role trust with external_id = Databricks account id",
        url: "https://github.com/databricks/terraform-databricks-sra/blob/main/aws/tf/credential.tf",
      },
    ],
  },
  validateResource: forResourceTypes(POLICY_DOCUMENT_TYPES, (args, reportViolation) => {
    for (const message of findResourceDocumentGaps(args.type, args.name, args.props, args.getConfig<PolicyDocumentsConfig>())) reportViolation(message);
  }),
};
