/**
 * catalog-restrict-workspace-bindings (stack rule): a catalog is writable from at most one workspace, every
 * other binding is read-only (optionally only for listed workspaces), and every binding belongs to a
 * catalog this stack declares.
 */
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { readIfKnown } from "../lib/applicability";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { CATALOG, CATALOG_WORKSPACE_BINDING, WORKSPACE_BINDING } from "../lib/resource-types";
import type { StackFinding } from "./grants-forbid-mixed-kinds";

export const READ_WRITE = "BINDING_TYPE_READ_WRITE";
export const READ_ONLY = "BINDING_TYPE_READ_ONLY";

/** What the rule needs to know about one catalog of the stack. */
export interface CatalogFacts {
  urn: string;
  /** The Unity Catalog name; undefined when unknown during preview. */
  name?: string;
}

/** What the rule needs to know about one workspace binding of the stack. */
export interface BindingFacts {
  urn: string;
  /** The Pulumi resource name. */
  resourceName: string;
  /** `securableName` (or the deprecated `catalogName`); undefined when unknown during preview or unset. */
  securableName?: string;
  /** `securableType`; undefined means the provider default, `catalog`. */
  securableType?: string;
  /** `bindingType`; undefined means the provider default, BINDING_TYPE_READ_WRITE. */
  bindingType?: string;
  workspaceId?: string;
  /** URNs of the resources it depends on (dependencies and property dependencies). */
  dependsOn: string[];
}

/** The optional config of this rule. */
export interface WorkspaceBindingConfig {
  /** Workspaces that may get read-only bindings; unset means any workspace. */
  readOnlyWorkspaceIds?: string[];
}

/**
 * The catalog a binding targets: by name when both names are known, otherwise (preview) by the binding
 * depending on the catalog resource.
 */
export function bindingTargets(binding: BindingFacts, catalog: CatalogFacts): boolean {
  if (binding.securableName !== undefined && catalog.name !== undefined) return binding.securableName === catalog.name;
  return binding.dependsOn.includes(catalog.urn);
}

/** Checks every catalog binding of the stack against its catalog and the config. */
export function findWorkspaceBindingViolations(
  catalogs: CatalogFacts[],
  bindings: BindingFacts[],
  config: WorkspaceBindingConfig,
): StackFinding[] {
  const findings: StackFinding[] = [];
  const catalogBindings = bindings.filter((b) => (b.securableType ?? "catalog") === "catalog");
  const matched = new Set<BindingFacts>();
  for (const catalog of catalogs) {
    const own = catalogBindings.filter((b) => bindingTargets(b, catalog));
    own.forEach((b) => matched.add(b));
    findings.push(...checkCatalogBindings(catalog, own, config));
  }
  for (const binding of catalogBindings.filter((b) => !matched.has(b))) {
    const target =
      binding.securableName !== undefined
        ? `catalog '${binding.securableName}', which this stack does not declare`
        : "a catalog whose name is unknown and which it does not depend on";
    findings.push({
      urn: binding.urn,
      message:
        `Workspace binding '${binding.resourceName}' targets ${target}; ` +
        "the stack that owns a catalog must declare its bindings.",
    });
  }
  return findings;
}

function checkCatalogBindings(catalog: CatalogFacts, bindings: BindingFacts[], config: WorkspaceBindingConfig): StackFinding[] {
  const label = catalog.name !== undefined ? `catalog '${catalog.name}'` : "the catalog";
  const findings: StackFinding[] = [];
  const readWrite = bindings.filter((b) => (b.bindingType ?? READ_WRITE) === READ_WRITE);
  if (readWrite.length > 1) {
    const workspaces = readWrite.map((b) => `'${b.workspaceId ?? "unknown"}'`).join(", ");
    findings.push({
      urn: catalog.urn,
      message: `${capitalize(label)} has ${readWrite.length} READ_WRITE workspace bindings (workspaces ${workspaces}); at most one workspace may write to it.`,
    });
  }
  for (const binding of bindings) {
    const type = binding.bindingType ?? READ_WRITE;
    if (type !== READ_WRITE && type !== READ_ONLY) {
      findings.push({
        urn: binding.urn,
        message: `Workspace binding '${binding.resourceName}' of ${label} has binding type '${type}'; use ${READ_ONLY} (or ${READ_WRITE} for the owning workspace).`,
      });
    }
    const allowed = config.readOnlyWorkspaceIds;
    if (type === READ_ONLY && allowed !== undefined && !allowed.includes(binding.workspaceId ?? "")) {
      findings.push({
        urn: binding.urn,
        message:
          `Workspace binding '${binding.resourceName}' gives workspace '${binding.workspaceId ?? "unknown"}' read-only ` +
          `access to ${label}, but only workspaces ${allowed.map((id) => `'${id}'`).join(", ") || "(none)"} may get read-only bindings.`,
      });
    }
  }
  return findings;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function knownString(read: () => unknown): string | undefined {
  const value = readIfKnown(read);
  return value.known && typeof value.value === "string" ? value.value : undefined;
}

/** Reads the facts of a catalog stack resource. */
export function catalogFacts(resource: PolicyResource): CatalogFacts {
  return { urn: resource.urn, name: knownString(() => resource.props.name) };
}

/** Reads the facts of a workspace binding stack resource, including all URNs it depends on. */
export function bindingFacts(resource: PolicyResource): BindingFacts {
  const dependsOn = new Set(resource.dependencies.map((d) => d.urn));
  for (const deps of Object.values(resource.propertyDependencies)) deps.forEach((d) => dependsOn.add(d.urn));
  return {
    urn: resource.urn,
    resourceName: resource.name,
    securableName: knownString(() => resource.props.securableName) ?? knownString(() => resource.props.catalogName),
    securableType: knownString(() => resource.props.securableType),
    bindingType: knownString(() => resource.props.bindingType),
    workspaceId: knownString(() => resource.props.workspaceId),
    dependsOn: [...dependsOn],
  };
}

/** The rule object registered in the pack. */
export const catalogRestrictWorkspaceBindings: DocumentedStackPolicy = {
  name: "catalog-restrict-workspace-bindings",
  description: "A catalog is writable from at most one workspace; every other workspace binding is read-only.",
  severity: "high",
  remediationSteps:
    "Keep one BINDING_TYPE_READ_WRITE binding (the owning stage's workspace) per catalog and make the others " +
    "BINDING_TYPE_READ_ONLY; bind only the workspaces listed in `readOnlyWorkspaceIds` when it is configured; " +
    "declare each binding in the stack that declares its catalog.",
  configSchema: {
    properties: {
      readOnlyWorkspaceIds: {
        type: "array",
        items: { type: "string", pattern: "^[0-9]+$" },
        description: "Workspace ids that may get read-only bindings (unset: any workspace).",
      },
    },
  },
  documentation: {
    rationale:
      "Access model: only the owning stage's workspace writes to its catalog; the dev workspace reads the prod " +
      "catalog through a READ_ONLY binding (\"dev read-only on prod\"), and exactly one stack owns a securable, " +
      "so a binding to a catalog another stack declares is a second owner.",
    controls: [],
  },
  validateStack: (args: StackValidationArgs, reportViolation) => {
    const isBinding = (r: PolicyResource) => r.type === WORKSPACE_BINDING || r.type === CATALOG_WORKSPACE_BINDING;
    const catalogs = args.resources.filter((r) => r.type === CATALOG);
    const bindings = args.resources.filter(isBinding);
    if (catalogs.length === 0 && bindings.length === 0) {
      args.notApplicable(`Policy only applies to resources of type '${CATALOG}', '${WORKSPACE_BINDING}', '${CATALOG_WORKSPACE_BINDING}'`);
    }
    const config = args.getConfig<WorkspaceBindingConfig>();
    const findings = findWorkspaceBindingViolations(catalogs.map(catalogFacts), bindings.map(bindingFacts), config);
    for (const finding of findings) reportViolation(finding.message, finding.urn);
  },
};
