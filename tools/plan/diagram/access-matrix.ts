/**
 * The access matrix of a stage: who holds which privileges on which securable, read from the plan's
 * grants, ACLs, owners and workspace bindings. Pure.
 *
 * Cross-stage access: a catalog bound `BINDING_TYPE_READ_ONLY` to a workspace is readable from that
 * other stage's workspace, so the binding row and every privilege on that catalog or anything in it
 * are marked with that workspace (the privileges are usable there, for reading only).
 */
import type { PlannedStep, PlanDocument } from "../types";
import { fullName, indexSteps, shortType } from "./resource-index";

/** One principal's privileges on one securable. */
export interface AccessRow {
  principal: string;
  /** `service principal`, `group`, `user` or `workspace`. */
  principalKind: string;
  /** Kind and name, e.g. `catalog prod_mlops`, `job prod-mlops-training`. */
  securable: string;
  /** Sorted privileges, permission levels, `OWNER`, or the binding type. */
  privileges: string[];
  /** Workspaces of other stages from which these privileges are usable read-only; empty when none. */
  crossStage: string[];
  /** The resource that declares the row. */
  declaredBy: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function kindOf(principal: string): string {
  if (UUID.test(principal)) return "service principal";
  return principal.includes("@") ? "user" : "group";
}

/** Unity Catalog securable keys of `Grants`/`Grant`, in camelCase, with the word shown for each. */
const GRANT_KEYS: Record<string, string> = {
  catalog: "catalog", schema: "schema", table: "table", volume: "volume", model: "model", function: "function",
  metastore: "metastore", externalLocation: "external location", storageCredential: "storage credential",
  credential: "credential", foreignConnection: "connection", share: "share",
};

/** Types whose `owner` input makes that principal the securable's owner, with the word shown for each. */
const OWNED: Record<string, string> = {
  Catalog: "catalog", Schema: "schema", RegisteredModel: "model", SqlTable: "table", Volume: "volume",
  ExternalLocation: "external location", StorageCredential: "storage credential",
};

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}

/** The securable a `Permissions` resource guards: the object field it sets, named by its resource. */
function permissionsTarget(step: PlannedStep, nameOf: (urn: string) => string | undefined): string | undefined {
  for (const [key, value] of Object.entries(step.inputs)) {
    if (key === "accessControls" || typeof value !== "string") continue;
    const kind = key.replace(/(Id|Name|Path)$/, "").replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
    const urns = step.propertyDependencies[key] ?? [];
    const named = urns.length === 1 ? nameOf(urns[0]) : undefined;
    return `${kind} ${named ?? value}`;
  }
  return undefined;
}

/** Every access row of a plan, sorted by principal, then securable. */
export function accessMatrix(doc: PlanDocument): AccessRow[] {
  const index = indexSteps(doc.steps);
  const nameOf = (urn: string) => {
    const s = index.byUrn.get(urn);
    return s && (fullName(s.inputs) ?? s.name);
  };
  const rows: AccessRow[] = [];
  const add = (principal: string, kind: string, securable: string, privileges: string[], step: PlannedStep, catalog?: string) =>
    rows.push({ principal, principalKind: kind, securable, privileges: uniqueSorted(privileges), crossStage: catalog ? [catalog] : [], declaredBy: step.name });

  for (const s of doc.steps) {
    const t = shortType(s.type);
    if (t === "Grants" || t === "Grant") {
      const key = Object.keys(GRANT_KEYS).find((k) => str(s.inputs[k]));
      if (!key) continue;
      const name = str(s.inputs[key])!;
      const entries = t === "Grants" ? (Array.isArray(s.inputs.grants) ? s.inputs.grants : []) : [s.inputs];
      for (const g of entries as { principal?: unknown; privileges?: unknown }[]) {
        const principal = str(g.principal);
        if (!principal) continue;
        const privileges = Array.isArray(g.privileges) ? g.privileges.filter((p): p is string => typeof p === "string") : [];
        add(principal, kindOf(principal), `${GRANT_KEYS[key]} ${name}`, privileges, s, name);
      }
    } else if (t === "Permissions") {
      const target = permissionsTarget(s, nameOf);
      const acl = Array.isArray(s.inputs.accessControls) ? (s.inputs.accessControls as Record<string, unknown>[]) : [];
      for (const a of acl) {
        const principal = str(a.groupName) ?? str(a.userName) ?? str(a.servicePrincipalName);
        const level = str(a.permissionLevel);
        if (!target || !principal || !level) continue;
        const kind = str(a.groupName) ? "group" : str(a.userName) ? "user" : "service principal";
        add(principal, kind, target, [level], s);
      }
    } else if (t === "WorkspaceBinding") {
      const name = str(s.inputs.securableName) ?? str(s.inputs.catalogName);
      const workspace = str(s.inputs.workspaceId);
      if (!name || !workspace) continue;
      const binding = (str(s.inputs.bindingType) ?? "BINDING_TYPE_READ_WRITE").replace(/^BINDING_TYPE_/, "");
      add(workspace, "workspace", `${str(s.inputs.securableType) ?? "catalog"} ${name}`, [binding], s, name);
    } else if (OWNED[t] && s.type.startsWith("databricks:") && str(s.inputs.owner)) {
      const name = fullName(s.inputs);
      const owner = str(s.inputs.owner)!;
      if (name) add(owner, kindOf(owner), `${OWNED[t]} ${name}`, ["OWNER"], s, name);
    }
  }
  return merge(markCrossStage(rows)).sort((a, b) => a.principal.localeCompare(b.principal) || a.securable.localeCompare(b.securable));
}

/** One row per principal and securable: an owner's grants and ownership read as one set of privileges. */
function merge(rows: AccessRow[]): AccessRow[] {
  const byKey = new Map<string, AccessRow>();
  for (const r of rows) {
    const key = `${r.principal}\u0000${r.securable}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, r);
    else byKey.set(key, { ...seen, privileges: uniqueSorted([...seen.privileges, ...r.privileges]), declaredBy: `${seen.declaredBy}, ${r.declaredBy}` });
  }
  return [...byKey.values()];
}

/**
 * Replaces each row's provisional catalog-or-securable name with the workspaces that read it across
 * stages: the read-only bindings of the catalog it lies in.
 */
function markCrossStage(rows: AccessRow[]): AccessRow[] {
  const readOnly = new Map<string, string[]>();
  for (const r of rows) {
    if (r.principalKind === "workspace" && r.privileges.includes("READ_ONLY")) {
      const catalog = r.securable.split(" ").pop()!;
      readOnly.set(catalog, [...(readOnly.get(catalog) ?? []), r.principal]);
    }
  }
  return rows.map((r) => {
    const catalog = r.crossStage[0]?.split(".")[0];
    const workspaces = (catalog && readOnly.get(catalog)) || [];
    const crossStage = r.principalKind === "workspace" ? workspaces.filter((w) => w === r.principal) : workspaces;
    return { ...r, crossStage };
  });
}
