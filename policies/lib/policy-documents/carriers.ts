/**
 * Which AWS resource types carry policy documents, in which inputs, and what kind of document each is: an
 * identity policy (what the role, user or group may do), a role's trust (who may assume it), or a resource
 * policy (who may use the bucket, key, endpoint or table; its `Resource: "*"` means that resource alone).
 */

/** What a document governs; decides which principals it must name and what `Resource: "*"` means. */
export type DocumentKind = "identity" | "trust" | "bucket" | "key" | "endpoint" | "table";

/** One document of a resource. */
export interface CarriedDocument {
  /** The input path, as messages name it (`policy`, `inlinePolicies[0].policy`). */
  path: string;
  kind: DocumentKind;
  /** Reads the document; may throw the SDK's unknown-value error during preview. */
  read: () => unknown;
}

const IAM_ROLE = "aws:iam/role:Role";

/** The document inputs of each type, by type token (@pulumi/aws 7). */
export const DOCUMENT_INPUTS: Readonly<Record<string, readonly { path: string; kind: DocumentKind }[]>> = {
  [IAM_ROLE]: [{ path: "assumeRolePolicy", kind: "trust" }],
  "aws:iam/rolePolicy:RolePolicy": [{ path: "policy", kind: "identity" }],
  "aws:iam/userPolicy:UserPolicy": [{ path: "policy", kind: "identity" }],
  "aws:iam/groupPolicy:GroupPolicy": [{ path: "policy", kind: "identity" }],
  "aws:iam/policy:Policy": [{ path: "policy", kind: "identity" }],
  "aws:s3/bucketPolicy:BucketPolicy": [{ path: "policy", kind: "bucket" }],
  "aws:s3/bucket:Bucket": [{ path: "policy", kind: "bucket" }],
  "aws:s3/bucketV2:BucketV2": [{ path: "policy", kind: "bucket" }],
  "aws:kms/key:Key": [{ path: "policy", kind: "key" }],
  "aws:kms/keyPolicy:KeyPolicy": [{ path: "policy", kind: "key" }],
  "aws:ec2/vpcEndpoint:VpcEndpoint": [{ path: "policy", kind: "endpoint" }],
  "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy": [{ path: "policy", kind: "endpoint" }],
  "aws:dynamodb/resourcePolicy:ResourcePolicy": [{ path: "policy", kind: "table" }],
};

/** Every type whose documents the pack reads. */
export const DOCUMENT_CARRYING_TYPES: readonly string[] = Object.keys(DOCUMENT_INPUTS);

/**
 * The documents a resource carries, present or not yet known: an absent input (AWS applies its default: the
 * key's account-only policy, an endpoint's full access through it) is not listed. A role's `inlinePolicies`
 * are identity documents too.
 */
export function documentsOf(type: string, props: Record<string, unknown>): CarriedDocument[] {
  const documents: CarriedDocument[] = [];
  for (const { path, kind } of DOCUMENT_INPUTS[type] ?? []) {
    if (props[path] === undefined || props[path] === null) continue;
    documents.push({ path, kind, read: () => props[path] });
  }
  if (type === IAM_ROLE && Array.isArray(props.inlinePolicies)) {
    props.inlinePolicies.forEach((inline: unknown, index: number) => {
      const policy = (inline as { policy?: unknown } | null)?.policy;
      if (policy === undefined || policy === null) return;
      documents.push({ path: `inlinePolicies[${index}].policy`, kind: "identity", read: () => (inline as { policy?: unknown }).policy });
    });
  }
  return documents;
}
