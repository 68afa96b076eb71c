/**
 * Whether the securable a Grants or Grant resource targets is one the same stack declares. Grants is authoritative,
 * so the stack that declares a securable owns its grants: a grant on another stage's catalog from this stack would be
 * revoked by that stage's Grants on its next `up` (and revoke them on this one's), and on prod it is how a stage's
 * writer would gain write access to another stage's data.
 */
import { readIfKnown } from "./applicability";
import * as types from "./resource-types";
import { SECURABLE_KEYS, type Securable, type SecurableKind, canonicalName, describeSecurable, securableOf } from "./securables";

/** The types that declare each kind of securable; a kind without one (metastore, services) is never the stack's. */
const DECLARING_TYPES: Partial<Record<SecurableKind, readonly string[]>> = {
  catalog: [types.CATALOG],
  schema: [types.SCHEMA],
  table: [types.SQL_TABLE],
  volume: [types.VOLUME],
  model: [types.REGISTERED_MODEL],
  externalLocation: [types.EXTERNAL_LOCATION],
  storageCredential: [types.STORAGE_CREDENTIAL],
  credential: [types.CREDENTIAL],
  foreignConnection: [types.CONNECTION],
  share: [types.SHARE],
  recipient: [types.RECIPIENT],
  pipeline: [types.PIPELINE],
};

/** Kinds named `catalog.schema[.object]`: one inside a catalog the stack declares is the stack's. */
const IN_CATALOG: readonly SecurableKind[] = ["schema", "table", "volume", "model", "function"];

/** Every type that declares a securable. */
export const SECURABLE_DECLARING_TYPES: readonly string[] = [...new Set(Object.values(DECLARING_TYPES).flat())];

/** A resource of the stack that declares a securable. */
export interface DeclaredSecurable {
  urn: string;
  type: string;
  /** Its `name`, when known. */
  name?: string;
}

/** What the check needs to know about one Grants or Grant resource. */
export interface GrantTargetFacts {
  urn: string;
  /** `Grants 'prod-catalog-grants'`. */
  label: string;
  securable?: Securable;
  securableUnknown: boolean;
  /** URNs the securable's input depends on. */
  securableDependsOn: string[];
}

/** Returns one finding per grant whose securable this stack does not declare. */
export function findForeignSecurables(grants: readonly GrantTargetFacts[], declared: readonly DeclaredSecurable[]): { urn: string; message: string }[] {
  const catalogNames = new Set(declared.filter((d) => d.type === types.CATALOG && d.name !== undefined).map((d) => canonicalName(d.name!)));
  const findings: { urn: string; message: string }[] = [];
  for (const grant of grants) {
    const allowedTypes = grant.securable === undefined ? SECURABLE_DECLARING_TYPES : (DECLARING_TYPES[grant.securable.kind] ?? []);
    const fromDeclared = declared.some((d) => allowedTypes.includes(d.type) && grant.securableDependsOn.includes(d.urn));
    if (fromDeclared) continue;
    // An unknown securable already fails closed in findMixedGrantKinds (which grants it shares a securable with cannot be told).
    if (grant.securable === undefined && grant.securableUnknown) continue;
    if (grant.securable === undefined) {
      findings.push({ urn: grant.urn, message: `${grant.label} names no securable, so whose grants it declares cannot be told; name the securable this stack declares.` });
      continue;
    }
    const { kind, name } = grant.securable;
    if (IN_CATALOG.includes(kind) && catalogNames.has(canonicalName(name.split(".")[0]))) continue;
    if (declared.some((d) => allowedTypes.includes(d.type) && d.name !== undefined && canonicalName(d.name) === canonicalName(name))) continue;
    findings.push({
      urn: grant.urn,
      message:
        `${grant.label} grants on ${describeSecurable(grant.securable)}, which this stack does not declare; declare a securable's grants in the ` +
        "stack that declares it (its authoritative Grants would revoke these, and a stage's writer would gain access to another stage's data).",
    });
  }
  return findings;
}

/** Reads the facts of a Grants or Grant stack resource. */
export function grantTargetFacts(resource: { urn: string; name: string; type: string; props: Record<string, unknown>; propertyDependencies: Record<string, { urn: string }[]> }): GrantTargetFacts {
  const securable = readIfKnown(() => securableOf(resource.props));
  return {
    urn: resource.urn,
    label: `${resource.type === types.GRANTS ? "Grants" : "Grant"} '${resource.name}'`,
    securable: securable.known ? securable.value : undefined,
    securableUnknown: !securable.known,
    securableDependsOn: SECURABLE_KEYS.flatMap((key) => (resource.propertyDependencies[key] ?? []).map((d) => d.urn)),
  };
}

/** Reads a resource of the stack that may declare a securable. */
export function declaredSecurable(resource: { urn: string; type: string; props: Record<string, unknown> }): DeclaredSecurable {
  const name = readIfKnown(() => resource.props.name);
  return { urn: resource.urn, type: resource.type, name: name.known && typeof name.value === "string" ? name.value : undefined };
}
