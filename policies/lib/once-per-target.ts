/**
 * Settings AWS keeps once per target: a bucket's policy, public-access block, encryption, versioning,
 * ownership controls and lifecycle; a key's policy; a role's inline policy of one name. Each may be declared
 * by a separate resource or inline on the target; two declarations of one setting for one target both
 * "succeed", and whichever AWS applies last silently replaces the other, so the one a rule judged may not be
 * the one in force. Settings are paired to their target as the bucket rules pair them (lib/aws-buckets.ts):
 * by a property dependency of the input that names the target, or by the target's known literal name.
 */
import type { PolicyResource } from "@pulumi/policy";
import { readIfKnown } from "./applicability";
import {
  AWS_IAM_ROLE_POLICY,
  AWS_KMS_KEY_POLICY,
  AWS_S3_BUCKET_LIFECYCLE,
  AWS_S3_BUCKET_LIFECYCLE_V2,
  AWS_S3_BUCKET_OWNERSHIP_CONTROLS,
  AWS_S3_BUCKET_VERSIONING,
  AWS_S3_BUCKET_VERSIONING_V2,
} from "./aws-setting-types";
import {
  AWS_IAM_ROLE,
  AWS_KMS_KEY,
  AWS_S3_BUCKET,
  AWS_S3_BUCKET_POLICY,
  AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK,
  AWS_S3_BUCKET_SSE,
  AWS_S3_BUCKET_SSE_V2,
  AWS_S3_BUCKET_V2,
  typeDisplayName,
} from "./resource-types";

/** One setting AWS keeps once per target. */
export interface SettingKind {
  /** How messages name it, e.g. "bucket policy". */
  label: string;
  /** What it is set on. */
  targetTypes: readonly string[];
  /** The input of the target that names it literally (a bucket's `bucket`, a role's `name`); none for keys. */
  targetNameInput?: string;
  /** The separate resources that declare it. */
  settingTypes: readonly string[];
  /** Their input that names the target. */
  targetInput: string;
  /** The target's own inputs that declare it inline, as names of the setting (one entry per inline declaration). */
  inline?: (props: Record<string, unknown>) => (string | undefined)[];
  /** The setting's name within its target, for settings kept once per name (a role's inline policies). */
  nameInput?: string;
}

const BUCKETS = [AWS_S3_BUCKET, AWS_S3_BUCKET_V2];
const isSet = (value: unknown) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
/** A target's own input that declares the setting; one unknown during preview is set all the same (only its value is unknown). */
const inlineIf = (key: string) => (props: Record<string, unknown>) => {
  const value = readIfKnown(() => props[key]);
  return !value.known || isSet(value.value) ? [undefined] : [];
};

/** Every once-per-target setting the pack knows. */
export const SETTING_KINDS: readonly SettingKind[] = [
  { label: "bucket policy", targetTypes: BUCKETS, targetNameInput: "bucket", settingTypes: [AWS_S3_BUCKET_POLICY], targetInput: "bucket", inline: inlineIf("policy") },
  { label: "public-access block", targetTypes: BUCKETS, targetNameInput: "bucket", settingTypes: [AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK], targetInput: "bucket" },
  {
    label: "server-side encryption configuration",
    targetTypes: BUCKETS,
    targetNameInput: "bucket",
    settingTypes: [AWS_S3_BUCKET_SSE, AWS_S3_BUCKET_SSE_V2],
    targetInput: "bucket",
    inline: inlineIf("serverSideEncryptionConfiguration"),
  },
  { label: "versioning configuration", targetTypes: BUCKETS, targetNameInput: "bucket", settingTypes: [AWS_S3_BUCKET_VERSIONING, AWS_S3_BUCKET_VERSIONING_V2], targetInput: "bucket", inline: inlineIf("versioning") },
  { label: "ownership controls", targetTypes: BUCKETS, targetNameInput: "bucket", settingTypes: [AWS_S3_BUCKET_OWNERSHIP_CONTROLS], targetInput: "bucket" },
  { label: "lifecycle configuration", targetTypes: BUCKETS, targetNameInput: "bucket", settingTypes: [AWS_S3_BUCKET_LIFECYCLE, AWS_S3_BUCKET_LIFECYCLE_V2], targetInput: "bucket", inline: inlineIf("lifecycleRules") },
  { label: "key policy", targetTypes: [AWS_KMS_KEY], settingTypes: [AWS_KMS_KEY_POLICY], targetInput: "keyId", inline: inlineIf("policy") },
  {
    label: "inline policy",
    targetTypes: [AWS_IAM_ROLE],
    targetNameInput: "name",
    settingTypes: [AWS_IAM_ROLE_POLICY],
    targetInput: "role",
    nameInput: "name",
    inline: (props) =>
      Array.isArray(props.inlinePolicies) ? props.inlinePolicies.map((p) => (p as { name?: unknown } | null)?.name).filter((n): n is string => typeof n === "string" && n !== "") : [],
  },
];

/** Every type the once-per-target check reads. */
export const ONCE_PER_TARGET_TYPES: readonly string[] = [...new Set(SETTING_KINDS.flatMap((k) => [...k.targetTypes, ...k.settingTypes]))];

/** One declaration of a setting: a separate resource, or a target's own input. */
export interface Declaration {
  urn: string;
  /** `BucketPolicy 'x'`, or `Bucket 'x' (inline policy)`. */
  describe: string;
  /** Its name within the target (inline policies); undefined when the setting has none. */
  name?: string;
}

/** What one kind found: declarations grouped by target, and settings that could not be paired. */
export interface KindFindings {
  groups: { target: string; declarations: Declaration[] }[];
  unpaired: Declaration[];
}

function knownString(read: () => unknown): string | undefined {
  const value = readIfKnown(read);
  return value.known && typeof value.value === "string" && value.value !== "" ? value.value : undefined;
}

/** Groups the declarations of one setting kind by the target (and name) they set it on. */
export function declarationsByTarget(resources: readonly PolicyResource[], kind: SettingKind): KindFindings {
  const targets = resources.filter((r) => kind.targetTypes.includes(r.type));
  const literalName = (target: PolicyResource) => (kind.targetNameInput === undefined ? undefined : knownString(() => target.props[kind.targetNameInput!]));
  const describeTarget = (target: PolicyResource) => `${typeDisplayName(target.type)} '${literalName(target) ?? target.name}'`;
  const groups = new Map<string, Declaration[]>();
  const add = (key: string, declaration: Declaration) => groups.set(key, [...(groups.get(key) ?? []), declaration]);
  const withName = (target: string, name: string | undefined) => (kind.nameInput === undefined ? target : `${target} named '${name ?? ""}'`);

  for (const target of targets) {
    for (const name of kind.inline?.(target.props) ?? []) {
      add(withName(describeTarget(target), name), { urn: target.urn, describe: `${typeDisplayName(target.type)} '${target.name}' (inline)`, name });
    }
  }
  const unpaired: Declaration[] = [];
  for (const setting of resources.filter((r) => kind.settingTypes.includes(r.type))) {
    const name = kind.nameInput === undefined ? undefined : knownString(() => setting.props[kind.nameInput!]);
    // A role policy without a name gets a unique generated one: it cannot collide.
    if (kind.nameInput !== undefined && name === undefined && readIfKnown(() => setting.props[kind.nameInput!]).known) continue;
    const declaration: Declaration = { urn: setting.urn, describe: `${typeDisplayName(setting.type)} '${setting.name}'`, name };
    const dependsOn = (setting.propertyDependencies[kind.targetInput] ?? []).map((d) => d.urn);
    const literal = knownString(() => setting.props[kind.targetInput]);
    const target = targets.find((t) => dependsOn.includes(t.urn)) ?? (literal === undefined ? undefined : targets.find((t) => literalName(t) === literal));
    if (kind.nameInput !== undefined && name === undefined) unpaired.push(declaration);
    else if (target !== undefined) add(withName(describeTarget(target), name), declaration);
    else if (literal !== undefined) add(withName(`the target '${literal}'`, name), declaration);
    else unpaired.push(declaration);
  }
  return { groups: [...groups].map(([target, declarations]) => ({ target, declarations })), unpaired };
}
