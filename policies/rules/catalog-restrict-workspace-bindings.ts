/**
 * catalog-restrict-workspace-bindings (stack rule): a catalog is writable from at most one workspace, and every
 * binding belongs to a catalog this stack declares. Which workspaces may be bound at all is
 * bindings-restrict-workspaces' job, per binding.
 */
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { failingClosed, readIfKnown } from "../lib/applicability";
import type { DocumentedStackPolicy } from "../lib/rule-documentation";
import { CATALOG, CATALOG_WORKSPACE_BINDING, WORKSPACE_BINDING } from "../lib/resource-types";
import { canonicalName } from "../lib/securables";
import { READ_WRITE, bindingInputs, type BindingInputs } from "./bindings-restrict-workspaces";
import type { StackFinding } from "./grants-forbid-mixed-kinds";

/** What the rule needs to know about one catalog of the stack. */
export interface CatalogFacts {
  urn: string;
  /** The Unity Catalog name; undefined when unknown during preview. */
  name?: string;
}

/** What the rule needs to know about one workspace binding of the stack. */
export interface BindingFacts extends BindingInputs {
  urn: string;
  /** URNs its `securableName` (or deprecated `catalogName`) input depends on. */
  nameDependsOn: string[];
}

/**
 * The catalog a binding targets: by name (case-insensitive, as Unity Catalog resolves names) when both names
 * are known, otherwise (preview) by the binding taking its securable name from the catalog resource (a plain
 * dependsOn, or a dependency of another input, says nothing about which catalog it binds).
 */
export function bindingTargets(binding: BindingFacts, catalog: CatalogFacts): boolean {
  if (binding.securableName !== undefined && catalog.name !== undefined) {
    return canonicalName(binding.securableName) === canonicalName(catalog.name);
  }
  return binding.nameDependsOn.includes(catalog.urn);
}

/** Checks every catalog binding of the stack against the catalogs the stack declares. */
export function findWorkspaceBindingViolations(catalogs: CatalogFacts[], bindings: BindingFacts[]): StackFinding[] {
  const findings: StackFinding[] = [];
  const catalogBindings = bindings.filter((b) => b.securableType === "catalog");
  const matched = new Set<BindingFacts>();
  for (const catalog of catalogs) {
    const own = catalogBindings.filter((b) => bindingTargets(b, catalog));
    own.forEach((b) => matched.add(b));
    const readWrite = own.filter((b) => b.bindingType === READ_WRITE);
    if (readWrite.length > 1) {
      const label = catalog.name !== undefined ? `Catalog '${catalog.name}'` : "The catalog";
      const workspaces = readWrite.map((b) => `'${b.workspaceId ?? "unknown"}'`).join(", ");
      findings.push({
        urn: catalog.urn,
        message: `${label} has ${readWrite.length} READ_WRITE workspace bindings (workspaces ${workspaces}); at most one workspace may write to it.`,
      });
    }
  }
  for (const binding of catalogBindings.filter((b) => !matched.has(b))) {
    const target =
      binding.securableName !== undefined
        ? `catalog '${binding.securableName}', which this stack does not declare`
        : "a catalog whose name is unknown and does not come from a catalog this stack declares";
    findings.push({
      urn: binding.urn,
      message:
        `Workspace binding '${binding.resourceName}' targets ${target}; ` +
        "the stack that owns a catalog must declare its bindings.",
    });
  }
  return findings;
}

/** Reads the facts of a catalog stack resource. */
export function catalogFacts(resource: PolicyResource): CatalogFacts {
  const name = readIfKnown(() => resource.props.name);
  return { urn: resource.urn, name: name.known && typeof name.value === "string" ? name.value : undefined };
}

/** Reads the facts of a workspace binding stack resource, including the URNs its securable name comes from. */
export function bindingFacts(resource: PolicyResource): BindingFacts {
  const deps = resource.propertyDependencies;
  const nameDependsOn = [...(deps.securableName ?? []), ...(deps.catalogName ?? [])].map((d) => d.urn);
  return { ...bindingInputs(resource.name, resource.props), urn: resource.urn, nameDependsOn };
}

/** The rule object registered in the pack. */
export const catalogRestrictWorkspaceBindings: DocumentedStackPolicy = {
  name: "catalog-restrict-workspace-bindings",
  description: "A catalog is writable from at most one workspace, and its bindings are declared by the stack that declares it.",
  severity: "high",
  remediationSteps:
    "Keep one BINDING_TYPE_READ_WRITE binding (the owning stage's workspace) per catalog and make the others " +
    "BINDING_TYPE_READ_ONLY; declare each binding in the stack that declares its catalog.",
  documentation: {
    judgedTypes: [CATALOG, WORKSPACE_BINDING, CATALOG_WORKSPACE_BINDING],
    waivers: "refused-on-prod",
    rationale:
      "Access model: only the owning stage's workspace writes to its catalog, and exactly one stack owns a " +
      "securable, so a binding to a catalog another stack declares is a second owner.",
    controls: [],
  },
  validateStack: failingClosed((args: StackValidationArgs, reportViolation) => {
    const isBinding = (r: PolicyResource) => r.type === WORKSPACE_BINDING || r.type === CATALOG_WORKSPACE_BINDING;
    const catalogs = args.resources.filter((r) => r.type === CATALOG);
    const bindings = args.resources.filter(isBinding);
    if (catalogs.length === 0 && bindings.length === 0) {
      args.notApplicable(`Policy only applies to resources of type '${CATALOG}', '${WORKSPACE_BINDING}', '${CATALOG_WORKSPACE_BINDING}'`);
    }
    const findings = findWorkspaceBindingViolations(catalogs.map(catalogFacts), bindings.map(bindingFacts));
    for (const finding of findings) reportViolation(finding.message, finding.urn);
  }),
};
