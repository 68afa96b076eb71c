/**
 * tokens-require-lifetime: every token the stack mints (a personal access token, an on-behalf-of token, or
 * the token block of a new workspace) expires, within the configured maximum.
 */
import { forResourceTypes } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { MWS_WORKSPACES, OBO_TOKEN, TOKEN, typeDisplayName } from "../lib/resource-types";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface TokenLifetimeConfig {
  /** The longest lifetime a token may have, in days. */
  maxLifetimeDays: number;
}

/** The default maximum: the workspace setting `maxTokenLifetimeDays` the program applies, and SAT IA-4's threshold. */
export const DEFAULT_MAX_LIFETIME_DAYS = 90;

/** Returns a message when the lifetime is missing, not positive, or longer than the maximum. */
export function findTokenLifetimeGap(subject: string, lifetimeSeconds: unknown, config: TokenLifetimeConfig): string[] {
  const max = config.maxLifetimeDays * 24 * 3600;
  if (lifetimeSeconds === undefined || lifetimeSeconds === null) {
    return [`${subject} sets no lifetimeSeconds, so it never expires; set one of at most ${max} (${config.maxLifetimeDays} days).`];
  }
  if (typeof lifetimeSeconds !== "number" || !Number.isFinite(lifetimeSeconds) || lifetimeSeconds <= 0) {
    return [`${subject} sets lifetimeSeconds ${JSON.stringify(lifetimeSeconds)}; set a positive number of at most ${max} (${config.maxLifetimeDays} days).`];
  }
  if (lifetimeSeconds > max) {
    return [`${subject} lives ${lifetimeSeconds} seconds, longer than ${max} (${config.maxLifetimeDays} days); shorten lifetimeSeconds.`];
  }
  return [];
}

/** The rule object registered in the pack. */
export const tokensRequireLifetime: DocumentedResourcePolicy = {
  name: "tokens-require-lifetime",
  description: "Every token the stack mints expires, within the configured maximum lifetime.",
  severity: "high",
  remediationSteps:
    "Prefer OAuth (service principal secrets or workload identity federation) to tokens. Where a Token, OboToken or " +
    "the MwsWorkspaces `token` block is unavoidable, set `lifetimeSeconds` to at most `maxLifetimeDays` days.",
  configSchema: {
    properties: {
      maxLifetimeDays: {
        type: "integer",
        minimum: 1,
        maximum: 730,
        default: DEFAULT_MAX_LIFETIME_DAYS,
        description: "The longest lifetime a token may have, in days. Default 90.",
      },
    },
  },
  documentation: {
    waivers: "allowed",
    rationale:
      "Deploy code, not credentials: a token that never expires outlives the person or pipeline it was made for, and " +
      "whoever finds it keeps the stage's access forever.",
    controls: [
      {
        framework: "KICS",
        id: "7d05ca25-91b4-42ee-b6f6-b06611a87ce8 (Indefinitely Databricks Token Lifetime)",
        url: "https://github.com/Checkmarx/kics/tree/master/assets/queries/terraform/databricks/indefinitely_token",
      },
      {
        framework: "KICS",
        id: "23e1f5f0-12b7-4d7e-9087-f60f42ccd514 (Indefinitely Databricks OBO Token Lifetime)",
        url: "https://github.com/Checkmarx/kics/tree/master/assets/queries/terraform/databricks/indefinitely_obo_token",
      },
      {
        framework: "Databricks Security Analysis Tool",
        id: "IA-4",
        url: "https://github.com/databricks-industry-solutions/security-analysis-tool/blob/main/configs/security_best_practices.csv",
        note: "IA-4 reports tokens without an expiry or beyond 90 days at run time; this rule refuses them before they exist.",
      },
    ],
  },
  validateResource: forResourceTypes([TOKEN, OBO_TOKEN, MWS_WORKSPACES], (args, reportViolation) => {
    const config = args.getConfig<TokenLifetimeConfig>();
    if (args.type === MWS_WORKSPACES) {
      const token = args.props.token as { lifetimeSeconds?: unknown } | undefined;
      if (token === undefined || token === null) return;
      for (const message of findTokenLifetimeGap(`The token block of workspace '${args.name}'`, token.lifetimeSeconds, config)) reportViolation(message);
      return;
    }
    for (const message of findTokenLifetimeGap(`${typeDisplayName(args.type)} '${args.name}'`, args.props.lifetimeSeconds, config)) {
      reportViolation(message);
    }
  }),
};
