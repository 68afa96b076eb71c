/**
 * workspace-restrict-conf: a WorkspaceConf sets only the workspace configuration keys the pack knows, each to a value
 * that keeps the stage's controls. The keys are a free-form map the provider passes to the workspace-conf API, so a
 * key the pack does not know changes something no rule has judged; the known ones are those the provider documents
 * (docs/resources/workspace_conf.md).
 */
import { forResourceTypes } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { WORKSPACE_CONF } from "../lib/resource-types";

/** The config of this rule after the CLI merged the schema defaults in. */
export interface WorkspaceConfConfig {
  /** The longest token lifetime the workspace may allow, in days. */
  maxTokenLifetimeDays: number;
}

/** The default: the lifetime tokens-require-lifetime allows and the program sets. */
export const DEFAULT_MAX_TOKEN_LIFETIME_DAYS = 90;

/** The workspace-conf API takes strings; a boolean or number sent by another program reads the same. */
const asText = (value: unknown): string => (typeof value === "string" ? value.trim().toLowerCase() : JSON.stringify(value));

/** Each known key: the problem with a value, or undefined when the value keeps the stage's controls. */
const KNOWN_KEYS: Readonly<Record<string, (value: string, config: WorkspaceConfConfig) => string | undefined>> = {
  maxTokenLifetimeDays: (value, config) => {
    const days = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
    return days >= 1 && days <= config.maxTokenLifetimeDays
      ? undefined
      : `lets new tokens live ${JSON.stringify(value)} days; set 1 to ${config.maxTokenLifetimeDays} (maxTokenLifetimeDays in this stage's policy config)`;
  },
  enableIpAccessLists: (value) => (value === "false" ? "turns IP access lists off, lifting every network restriction they declare; leave it unset or true" : undefined),
  enableTokensConfig: (value) => (value === "true" || value === "false" ? undefined : `sets ${JSON.stringify(value)}; use true or false`),
  enableDeprecatedClusterNamedInitScripts: (value) => (value === "false" ? undefined : "enables legacy cluster-named init scripts, code every matching cluster runs unreviewed; set false"),
  enableDeprecatedGlobalInitScripts: (value) => (value === "false" ? undefined : "enables legacy global init scripts, code every cluster runs unreviewed; set false"),
};

/** The keys the rule knows, in the provider's documented order. */
export const KNOWN_CONF_KEYS: readonly string[] = Object.keys(KNOWN_KEYS);

/** Returns one message per key the pack does not know or whose value weakens a control. */
export function findConfGaps(name: string, customConfig: unknown, config: WorkspaceConfConfig): string[] {
  if (typeof customConfig !== "object" || customConfig === null) return [];
  const messages: string[] = [];
  for (const [key, raw] of Object.entries(customConfig as Record<string, unknown>)) {
    const judge = KNOWN_KEYS[key];
    if (judge === undefined) {
      messages.push(`WorkspaceConf '${name}' sets '${key}', a workspace configuration key this pack does not know, so no rule judges what it changes; remove it, or extend workspace-restrict-conf to judge it in a reviewed change.`);
      continue;
    }
    const problem = judge(asText(raw), config);
    if (problem !== undefined) messages.push(`WorkspaceConf '${name}' ${key} ${problem}.`);
  }
  return messages;
}

/** The rule object registered in the pack. */
export const workspaceRestrictConf: DocumentedResourcePolicy = {
  name: "workspace-restrict-conf",
  description: "A workspace's configuration map sets only known keys, to values that keep the stage's controls.",
  severity: "high",
  remediationSteps:
    `Set only ${KNOWN_CONF_KEYS.map((k) => `\`${k}\``).join(", ")} in WorkspaceConf.customConfig: a token lifetime of at most ` +
    "`maxTokenLifetimeDays`, IP access lists not turned off, legacy init scripts off. A new key needs this rule extended to judge it.",
  configSchema: {
    properties: {
      maxTokenLifetimeDays: {
        type: "integer",
        minimum: 1,
        maximum: 730,
        default: DEFAULT_MAX_TOKEN_LIFETIME_DAYS,
        description: "The longest token lifetime the workspace may allow, in days. Default 90, as tokens-require-lifetime.",
      },
    },
  },
  documentation: {
    waivers: "allowed",
    rationale:
      "Default deny inside a type: WorkspaceConf is a free-form map of workspace settings, and some keys switch controls off " +
      "(IP access lists, the token lifetime limit, legacy init scripts that run unreviewed code on every cluster). The keys " +
      "the provider documents are judged by value; any other key is refused until a reviewed change teaches the rule what it does.",
    controls: [],
  },
  validateResource: forResourceTypes([WORKSPACE_CONF], (args, reportViolation) => {
    for (const message of findConfGaps(args.name, args.props.customConfig, args.getConfig<WorkspaceConfConfig>())) reportViolation(message);
  }),
};
