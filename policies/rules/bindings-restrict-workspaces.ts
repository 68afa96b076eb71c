/**
 * bindings-restrict-workspaces: a workspace binding opens a securable to exactly the workspaces the policy
 * config names: read-write only for the stage's own workspace, read-only only for the listed workspaces.
 */
import { forResourceTypes, readIfKnown } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { CATALOG_WORKSPACE_BINDING, WORKSPACE_BINDING } from "../lib/resource-types";

export const READ_WRITE = "BINDING_TYPE_READ_WRITE";
export const READ_ONLY = "BINDING_TYPE_READ_ONLY";

/** The config of this rule; an unset list allows no workspace (the rule fails closed). */
export interface BindingWorkspacesConfig {
  /** The stage's own workspace(s): the only ones that may get a READ_WRITE binding. */
  readWriteWorkspaceIds?: string[];
  /** Workspaces that may get a READ_ONLY binding to a catalog (the dev workspace on staging and prod). */
  readOnlyWorkspaceIds?: string[];
}

/** What the rule needs to know about one binding, with the provider's defaults applied. */
export interface BindingInputs {
  /** The Pulumi resource name. */
  resourceName: string;
  /** `securableName`, or the deprecated `catalogName`. */
  securableName?: string;
  /** `securableType` in the API's spelling; the provider default is `catalog`. */
  securableType: string;
  /** `bindingType` in the API's spelling; the provider default is BINDING_TYPE_READ_WRITE. */
  bindingType: string;
  workspaceId?: string;
}

/** Applies the provider's defaults and the API's spelling to a binding's raw inputs. */
export function bindingInputs(resourceName: string, props: Record<string, unknown>): BindingInputs {
  const text = (value: unknown) => (value === undefined || value === null ? undefined : String(value).trim());
  const knownText = (read: () => unknown) => {
    const value = readIfKnown(read);
    return value.known ? text(value.value) : undefined;
  };
  return {
    resourceName,
    // The name only labels messages, so an unknown one is harmless here.
    securableName: knownText(() => props.securableName) ?? knownText(() => props.catalogName),
    securableType: (text(props.securableType) ?? "catalog").toLowerCase(),
    bindingType: (text(props.bindingType) ?? READ_WRITE).toUpperCase(),
    workspaceId: text(props.workspaceId),
  };
}

function listed(ids: readonly string[] | undefined): string {
  return ids && ids.length > 0 ? ids.map((id) => `'${id}'`).join(", ") : "none";
}

/** Returns a message for each way the binding opens its securable to a workspace the config does not name. */
export function findBindingWorkspaceViolations(binding: BindingInputs, config: BindingWorkspacesConfig): string[] {
  const target = `${binding.securableType.replace(/_/g, " ")} '${binding.securableName ?? "unknown"}'`;
  const subject = `Workspace binding '${binding.resourceName}' of ${target}`;
  if (binding.bindingType !== READ_WRITE && binding.bindingType !== READ_ONLY) {
    return [`${subject} has binding type '${binding.bindingType}'; use ${READ_ONLY}, or ${READ_WRITE} for the stage's own workspace.`];
  }
  if (binding.workspaceId === undefined || binding.workspaceId === "") {
    return [`${subject} names no workspace; set workspaceId to a workspace the policy config allows.`];
  }
  const workspace = `workspace '${binding.workspaceId}'`;
  if (binding.bindingType === READ_WRITE) {
    if (config.readWriteWorkspaceIds?.includes(binding.workspaceId)) return [];
    return [
      `${subject} gives ${workspace} read-write access; only the stage's own workspace may write ` +
        `(readWriteWorkspaceIds in this stage's policy config: ${listed(config.readWriteWorkspaceIds)}).`,
    ];
  }
  if (binding.securableType !== "catalog") {
    return [`${subject} is READ_ONLY, which only catalogs support; bind it ${READ_WRITE} to the stage's own workspace or not at all.`];
  }
  if (config.readOnlyWorkspaceIds?.includes(binding.workspaceId)) return [];
  return [
    `${subject} gives ${workspace} read-only access, but only ${listed(config.readOnlyWorkspaceIds)} may read it ` +
      "(readOnlyWorkspaceIds in this stage's policy config).",
  ];
}

const workspaceIdList = (description: string) => ({
  type: "array" as const,
  items: { type: "string" as const, pattern: "^[0-9]+$" },
  description,
});

/** The rule object registered in the pack. */
export const bindingsRestrictWorkspaces: DocumentedResourcePolicy = {
  name: "bindings-restrict-workspaces",
  description: "Workspace bindings open a securable only to the workspaces the policy config names: read-write to the stage's own, read-only to the listed ones.",
  severity: "critical",
  remediationSteps:
    "Bind the stage's securables BINDING_TYPE_READ_WRITE only to the stage's own workspace and catalogs " +
    "BINDING_TYPE_READ_ONLY only to the workspaces listed in `readOnlyWorkspaceIds` (the dev workspace on staging and " +
    "prod). A new workspace is trusted by a security reviewer changing policies/config/<stage>.json, never by a stack file.",
  configSchema: {
    properties: {
      readWriteWorkspaceIds: workspaceIdList("The stage's own workspace id(s): the only workspaces that may get READ_WRITE bindings. Unset: none."),
      readOnlyWorkspaceIds: workspaceIdList("Workspace ids that may get READ_ONLY catalog bindings. Unset: none."),
    },
  },
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Access model: only the owning stage's workspace writes to its securables, and the dev workspace sees the " +
      "prod catalog read-only (\"dev read-only on prod\"). A READ_WRITE binding to the dev workspace, or a binding of " +
      "an external location or credential to it, would let dev change prod data whatever the grants say, so each " +
      "binding's workspace is checked against the policy config, which security reviewers own.",
    controls: [],
  },
  validateResource: forResourceTypes([WORKSPACE_BINDING, CATALOG_WORKSPACE_BINDING], (args, reportViolation) => {
    const config = args.getConfig<BindingWorkspacesConfig>();
    for (const message of findBindingWorkspaceViolations(bindingInputs(args.name, args.props), config)) reportViolation(message);
  }),
};
