/**
 * aws-forbid-duplicate-settings (stack rule): a setting AWS keeps once per target (a bucket's policy,
 * public-access block, encryption, versioning, ownership controls or lifecycle; a key's policy; a role's
 * inline policy of one name) is declared once. With two, the rules judge both, but AWS keeps whichever it
 * applied last, so a compliant declaration can be silently replaced by the other.
 */
import { failingClosed, undecidedMessage } from "../lib/applicability";
import { declarationsByTarget, ONCE_PER_TARGET_TYPES, SETTING_KINDS, type KindFindings, type SettingKind } from "../lib/once-per-target";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";

/** One finding: the message and the URN of the declaration it is reported on. */
export interface DuplicateFinding {
  urn: string;
  message: string;
}

/** The findings of one kind: every declaration after a target's first, and every setting whose target is unknown. */
export function findDuplicateSettings(kind: SettingKind, findings: KindFindings): DuplicateFinding[] {
  const out: DuplicateFinding[] = [];
  for (const { target, declarations } of findings.groups) {
    if (declarations.length < 2) continue;
    const all = declarations.map((d) => d.describe).join(", ");
    for (const extra of declarations.slice(1)) {
      out.push({
        urn: extra.urn,
        message:
          `${target} has ${declarations.length} declarations of its ${kind.label} (${all}); AWS keeps one per target, so whichever ` +
          `is applied last replaces the others and the one judged may not be the one in force. Declare it once (${extra.describe} is a repeat).`,
      });
    }
  }
  for (const setting of findings.unpaired) {
    out.push({
      urn: setting.urn,
      message: undecidedMessage(
        setting.describe,
        `its ${kind.nameInput === undefined ? kind.targetInput : `${kind.targetInput} or ${kind.nameInput}`} is unknown and derived from no ` +
          `${kind.targetTypes.length === 1 ? "target" : "bucket"} of the stack, so the pack cannot tell whether another ${kind.label} sets the same one`,
      ),
    });
  }
  return out;
}

/** The rule object registered in the pack. */
export const awsForbidDuplicateSettings: DocumentedStackPolicy = {
  name: "aws-forbid-duplicate-settings",
  description:
    "A setting AWS keeps once per bucket, key or role (bucket policy, public-access block, encryption, versioning, ownership controls, " +
    "lifecycle; key policy; a role's inline policy of one name) is declared once.",
  severity: "high",
  remediationSteps:
    "Keep one declaration per target: one BucketPolicy (and no inline `policy` on the bucket), one public-access block, encryption, versioning, " +
    "ownership and lifecycle resource per bucket; a key's policy either inline (`policy`) or as one KeyPolicy; one RolePolicy of a name per role. " +
    "Give each setting its target as an input of the target resource (`bucket: bucket.id`), so the pack can pair them.",
  documentation: {
    judgedTypes: ONCE_PER_TARGET_TYPES,
    waivers: "refused-on-prod",
    rationale:
      "Every AWS rule judges each declaration it sees, but AWS keeps one bucket policy, public-access block, encryption, versioning, " +
      "ownership and lifecycle configuration per bucket, one policy per key and one inline policy per name per role: a second declaration, " +
      "applied after the first, replaces it without an error. A compliant bucket policy beside a second, open one passes every document " +
      "check yet leaves the open one in force whenever it lands last. Declarations are paired to their target by the property dependency " +
      "of the input that names it, or by its known literal name; one that cannot be paired fails closed.",
    controls: [],
  },
  validateStack: failingClosed((args, reportViolation) => {
    if (!args.resources.some((r) => ONCE_PER_TARGET_TYPES.includes(r.type))) {
      args.notApplicable("Policy only applies to stacks that declare S3 buckets, KMS keys, IAM roles or their settings");
    }
    for (const kind of SETTING_KINDS) {
      for (const { urn, message } of findDuplicateSettings(kind, declarationsByTarget(args.resources, kind))) reportViolation(message, urn);
    }
  }),
};
