/**
 * Managed policies attached by ARN: the document behind the ARN is not in the stack, so the pack cannot read
 * what it allows. A customer-managed policy of the stage's account can be declared in the stack (an
 * `aws.iam.Policy`, whose document the pack judges); an AWS-managed policy (`arn:aws:iam::aws:policy/...`,
 * e.g. AdministratorAccess) or another account's never can.
 */

/** The inputs that attach managed policies, by type token (@pulumi/aws 7). */
export const ATTACHMENT_INPUTS: Readonly<Record<string, string>> = {
  "aws:iam/role:Role": "managedPolicyArns",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "policyArn",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment": "policyArn",
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": "policyArn",
  "aws:iam/policyAttachment:PolicyAttachment": "policyArn",
  "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": "policyArns",
  "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": "policyArns",
  "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": "policyArns",
};

/** Every type that attaches managed policies. */
export const ATTACHING_TYPES: readonly string[] = Object.keys(ATTACHMENT_INPUTS);

const CUSTOMER_POLICY = /^arn:aws(?:-[a-z-]+)?:iam::([0-9]{12}):policy\/[^*?]+$/;

/** One message per attached ARN that is not a customer-managed policy of `account`; `subject` names the resource. */
export function findAttachmentGaps(type: string, subject: string, props: Record<string, unknown>, account: string | undefined): string[] {
  const input = ATTACHMENT_INPUTS[type];
  if (input === undefined) return [];
  const value = props[input];
  if (value === undefined || value === null) return [];
  const arns = Array.isArray(value) ? value : [value];
  return arns
    .filter((arn) => typeof arn !== "string" || account === undefined || CUSTOMER_POLICY.exec(arn)?.[1] !== account)
    .map(
      (arn) =>
        `${subject} ${input} attaches ${typeof arn === "string" ? `'${arn}'` : "a value that is not an ARN"}, which is not a customer-managed policy ` +
        `of the stage's AWS account${account === undefined ? " (this stage's policy config names no accountId)" : ` '${account}'`}: its document is ` +
        "not in the stack, so what it allows cannot be judged; declare an aws.iam.Policy (or an inline policy) with the actions it needs.",
    );
}
