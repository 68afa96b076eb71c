/**
 * Who may assume a CI identity: the subject of GitHub's OIDC token for the one job meant to hold it. A job
 * that names an environment is issued `repo:<owner>/<name>:environment:<environment>` (GitHub's default
 * subject), whatever event started it; so the preview identities trust the `preview-<stage>` environment of
 * `pull-request.yml`'s `preview` job, the drift identities the `drift-<stage>` environment of `drift.yml`'s
 * `drift` job, and the deploy identities the `<stage>` environment of `deploy.yml`'s `deploy` job. A `pull_request` subject (`repo:<owner>/<name>:pull_request`) is never presented by a job with
 * an environment, and is the same for every stage and every job of every pull request, so nothing trusts it.
 */
import type { IamPolicyDocument } from "./iam-evaluate";
import type { Stage } from "../components";

/** The issuer of GitHub Actions' OIDC tokens (GitHub.com). */
export const GITHUB_OIDC_ISSUER = "https://token.actions.githubusercontent.com";
/** The issuer's host, as IAM names the OIDC provider and its condition keys. */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
/** The audience `aws-actions/configure-aws-credentials` requests by default. */
export const AWS_STS_AUDIENCE = "sts.amazonaws.com";

/** The jobs that get a cloud identity: a pull request's preview and the daily drift check (read-only), a branch's deploy. */
export type CiJob = "preview" | "drift" | "deploy";

/** The GitHub environment each job runs in, per stage (the workflows name the same; a test holds them to it). */
export function environmentOf(job: CiJob, stage: Stage): string {
  return job === "deploy" ? stage : `${job}-${stage}`;
}

/** The OIDC subject of `job` for `stage` in `repository` (`<owner>/<name>`). */
export function githubSubject(repository: string, job: CiJob, stage: Stage): string {
  return `repo:${repository}:environment:${environmentOf(job, stage)}`;
}

/**
 * The ARN of the account's IAM OIDC provider for GitHub Actions: one per AWS account, shared by every role
 * that trusts GitHub, so it is a prerequisite created once per account (docs/ci.md, "Identities"), not a
 * resource of this program, which would clash on an account that holds two stages.
 */
export function githubProviderArn(awsAccountId: string): string {
  return `arn:aws:iam::${awsAccountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
}

/**
 * The trust policy of a CI role: only GitHub's OIDC provider of the account, only `AssumeRoleWithWebIdentity`,
 * only a token for STS whose subject is exactly the one job's (`StringEquals`, no wildcard).
 */
export function githubTrustPolicy(args: { awsAccountId: string; repository: string; job: CiJob; stage: Stage }): IamPolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "GitHubActionsJob",
        Effect: "Allow",
        Principal: { Federated: githubProviderArn(args.awsAccountId) },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${GITHUB_OIDC_HOST}:aud`]: AWS_STS_AUDIENCE,
            [`${GITHUB_OIDC_HOST}:sub`]: githubSubject(args.repository, args.job, args.stage),
          },
        },
      },
    ],
  };
}
