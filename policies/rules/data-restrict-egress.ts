/**
 * data-restrict-egress: the stage's data leaves, or outside data comes in, only through paths the policy config
 * names. Delta Sharing (a `Share`, a `Recipient`, a `MetastoreProvider`, a catalog mounted from a provider's share),
 * outside connections (a `Connection`, a foreign catalog through one), service credentials (a `Credential` whose
 * role reaches cloud services from code), and storage paths: every external location, external volume or table,
 * catalog, schema or share storage root, registered model's storage and experiment's artifact location lies under one
 * of the stage's storage locations; and served external
 * models (an endpoint's, or one a job's deployment task applies), which forward every request to an outside
 * provider. Each is refused until a security reviewer names it; the default deny refuses the types themselves until
 * admitted, and this rule is what judges them once they are.
 */
import { forResourceTypes } from "../lib/applicability";
import { type ExternalModelEntry, findExternalModelEgress } from "../lib/external-model-egress";
import { stringOf } from "../lib/jobs";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import * as types from "../lib/resource-types";

export type { ExternalModelEntry };

/** The config of this rule after the CLI merged the schema defaults in. */
export interface EgressConfig {
  /** Shares the stage may declare, by name. */
  shares: string[];
  /** Delta Sharing recipients the stage may declare, by name (keep equal to shareRecipients of access-restrict-principals). */
  recipients: string[];
  /** Delta Sharing providers (incoming shares) the stage may declare or mount a catalog from, by name. */
  providers: string[];
  /** Connections to outside systems the stage may declare or mount a foreign catalog through, by name. */
  connections: string[];
  /** Service credentials the stage may declare, by name. */
  serviceCredentials: string[];
  /** URL prefixes (e.g. `s3://<stage bucket>/`) under which every storage path of the stage must lie. */
  storageLocations: string[];
  /** External models an endpoint of the stage may serve. */
  externalModels: ExternalModelEntry[];
}

/** The defaults of the config schema: nothing is trusted. */
export const DEFAULT_EGRESS_CONFIG: EgressConfig = {
  shares: [],
  recipients: [],
  providers: [],
  connections: [],
  serviceCredentials: [],
  storageLocations: [],
  externalModels: [],
};

/** Which storage path input each type carries. */
const STORAGE_PATHS: Readonly<Record<string, string>> = {
  [types.EXTERNAL_LOCATION]: "url",
  [types.CATALOG]: "storageRoot",
  [types.SCHEMA]: "storageRoot",
  [types.SHARE]: "storageRoot",
  [types.VOLUME]: "storageLocation",
  [types.SQL_TABLE]: "storageLocation",
  /** A pipeline's `storage`: where a (Hive metastore) pipeline writes its tables and checkpoints. */
  [types.PIPELINE]: "storage",
  /** Where a registered model's versions (the trained weights, and what they memorised of the data) are kept. */
  [types.REGISTERED_MODEL]: "storageLocation",
  /** Where an experiment's runs log their artifacts (models, plots, samples of the data). */
  [types.MLFLOW_EXPERIMENT]: "artifactLocation",
};

/** Every type the rule judges. */
export const EGRESS_TYPES: readonly string[] = [
  types.SHARE,
  types.RECIPIENT,
  types.METASTORE_PROVIDER,
  types.CONNECTION,
  types.CREDENTIAL,
  ...Object.keys(STORAGE_PATHS).filter((type) => type !== types.SHARE),
  types.MODEL_SERVING,
  types.JOB,
  types.AI_GATEWAY_MODEL_PROVIDER_SERVICE,
  types.AI_GATEWAY_MODEL_SERVICE,
];

const listed = (names: readonly string[]) => (names.length > 0 ? names.map((n) => `'${n}'`).join(", ") : "none");
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** A storage path normalised for prefix comparison: trimmed, scheme in lower case, `s3a://` read as `s3://`. */
function normalisedPath(url: string): string {
  const trimmed = url.trim();
  const match = /^([a-z0-9+.-]+):\/\/(.*)$/i.exec(trimmed);
  if (!match) return trimmed;
  const scheme = match[1].toLowerCase() === "s3a" ? "s3" : match[1].toLowerCase();
  return `${scheme}://${match[2]}`;
}

/** True when `url` is one of the locations or lies under one (a prefix that ends at a `/`). */
export function underLocation(url: string, locations: readonly string[]): boolean {
  const path = normalisedPath(url);
  return locations.some((location) => {
    const prefix = normalisedPath(location).replace(/\/*$/, "/");
    return path === prefix.slice(0, -1) || path.startsWith(prefix);
  });
}

/** Returns one message per path out (or in) that the config does not name. */
export function findEgress(type: string, name: string, props: Record<string, unknown>, config: EgressConfig): string[] {
  const subject = `${types.typeDisplayName(type)} '${name}'`;
  // Read only where the name decides: an unknown name of a catalog or location must not undo the storage check.
  const named = [types.SHARE, types.RECIPIENT, types.METASTORE_PROVIDER, types.CONNECTION, types.CREDENTIAL].includes(type) ? (stringOf(props.name) ?? name) : name;
  const messages: string[] = [];
  const allowedBy = (list: readonly string[], value: string) => list.some((entry) => same(entry, value));
  if (type === types.SHARE && !allowedBy(config.shares, named)) {
    messages.push(`${subject} shares the stage's tables through Delta Sharing, but this stage's policy config names no share '${named}' (shares: ${listed(config.shares)}).`);
  }
  if (type === types.RECIPIENT && !allowedBy(config.recipients, named)) {
    messages.push(`${subject} lets '${named}' receive shares from outside the stage's workspaces, but this stage's policy config does not name it (recipients: ${listed(config.recipients)}).`);
  }
  if (type === types.METASTORE_PROVIDER && !allowedBy(config.providers, named)) {
    messages.push(`${subject} brings shares of '${named}' into the metastore, but this stage's policy config does not name it (providers: ${listed(config.providers)}).`);
  }
  if (type === types.CONNECTION && !allowedBy(config.connections, named)) {
    messages.push(`${subject} connects the stage to an outside system, but this stage's policy config does not name the connection '${named}' (connections: ${listed(config.connections)}).`);
  }
  const purpose = stringOf(props.purpose)?.trim().toUpperCase();
  if (type === types.CREDENTIAL && purpose !== "STORAGE" && !allowedBy(config.serviceCredentials, named)) {
    messages.push(
      `${subject} gives code a role to call cloud services (purpose ${purpose ?? "unset"}), a path out past Unity Catalog's storage paths, but this ` +
        `stage's policy config does not name it (serviceCredentials: ${listed(config.serviceCredentials)}).`,
    );
  }
  if (type === types.CATALOG) {
    const connection = stringOf(props.connectionName);
    if (connection !== undefined && !allowedBy(config.connections, connection)) {
      messages.push(`${subject} mounts a foreign catalog through the connection '${connection}', which this stage's policy config does not name (connections: ${listed(config.connections)}).`);
    }
    const provider = stringOf(props.providerName);
    if (provider !== undefined && !allowedBy(config.providers, provider)) {
      messages.push(`${subject} mounts a share of the provider '${provider}', which this stage's policy config does not name (providers: ${listed(config.providers)}).`);
    }
  }
  messages.push(...findExternalModelEgress(type, name, props, config.externalModels));
  const field = STORAGE_PATHS[type];
  const location = field === undefined ? undefined : props[field];
  if (location !== undefined && location !== null && (typeof location !== "string" || !underLocation(location, config.storageLocations))) {
    messages.push(
      `${subject} keeps data at ${JSON.stringify(location)} (${field}), outside the stage's storage locations (storageLocations in this stage's policy ` +
        `config: ${listed(config.storageLocations)}); data written there leaves the stage's bucket and its key.`,
    );
  }
  return messages;
}

const nameList = (description: string) => ({ type: "array" as const, items: { type: "string" as const, minLength: 1 }, default: [] as string[], description });

/** The schema of `externalModels`: entries of provider, name and, for a model whose config names an address, that address. */
const EXTERNAL_MODELS_SCHEMA = {
  type: "array" as const,
  items: {
    type: "object" as const,
    properties: {
      provider: { type: "string" as const, minLength: 1 },
      name: { type: "string" as const, minLength: 1 },
      url: { type: "string" as const, minLength: 1 },
    },
    required: ["provider", "name"],
    additionalProperties: false,
  },
  default: [] as ExternalModelEntry[],
  description:
    "External models endpoints may serve (and deployment tasks deploy): { provider, name, url? }, compared case-insensitively; `url` is the " +
    "address the model's config sends requests to (openaiApiBase, cohereApiBase, customProviderUrl, databricksWorkspaceUrl), unset for a " +
    "provider's own API. Default: none.",
};

/** The rule object registered in the pack. */
export const dataRestrictEgress: DocumentedResourcePolicy = {
  name: "data-restrict-egress",
  description:
    "Data leaves the stage (or outside data comes in) only through the shares, recipients, providers, connections, service credentials, storage locations and served external models the policy config names.",
  severity: "critical",
  remediationSteps:
    "Keep the stage's storage paths under its own bucket and share nothing. To open a path, a security reviewer names it in " +
    "policies/config/<stage>.json (`shares`, `recipients`, `providers`, `connections`, `serviceCredentials`, `storageLocations`, " +
    "`externalModels`) " +
    "in the same reviewed change that admits the type in `allowedTypes`.",
  configSchema: {
    properties: {
      shares: nameList("Delta Sharing shares the stage may declare. Default: none."),
      recipients: nameList("Delta Sharing recipients the stage may declare; keep equal to shareRecipients of access-restrict-principals. Default: none."),
      providers: nameList("Delta Sharing providers the stage may declare or mount a catalog from. Default: none."),
      connections: nameList("Connections (Lakehouse Federation and others) the stage may declare or mount a foreign catalog through. Default: none."),
      serviceCredentials: nameList("Credentials of purpose SERVICE the stage may declare. Default: none."),
      storageLocations: nameList("URL prefixes under which every external location, storage root and external storage location lies. Default: none."),
      externalModels: EXTERNAL_MODELS_SCHEMA,
    },
  },
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Data leaves only through declared paths: a share sends tables to another organisation or metastore, a connection or a " +
      "service credential lets jobs read from or write to systems outside Unity Catalog's storage, and a storage path outside the " +
      "stage's bucket puts data where the stage's key and bucket policy do not govern it. A served external model forwards every " +
      "request to its endpoint, prompts holding the stage's data included, to an outside provider (or another workspace), whatever " +
      "the endpoint's ACL says about who may call it. Grants cannot see any of these, so the reviewers name each path in the policy config.",
    controls: [],
  },
  validateResource: forResourceTypes(EGRESS_TYPES, (args, reportViolation) => {
    const config = { ...DEFAULT_EGRESS_CONFIG, ...args.getConfig<Partial<EgressConfig>>() };
    for (const message of findEgress(args.type, args.name, args.props, config)) reportViolation(message);
  }),
};
