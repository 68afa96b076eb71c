/** What a Databricks provider points at, read from its `host` input. */
import type { PlannedStep } from "../types";

/** `account`: an accounts host; `workspace`: any other host; `unknown`: computed during preview; `none`: no host. */
export type HostKind = "account" | "workspace" | "unknown" | "none";

/**
 * Databricks SDK `config.Config.HostType` (config/config.go): a host starting with `https://accounts.` or
 * `https://accounts-dod.` (the scheme added when missing) is an account host, anything else a workspace.
 */
export function hostKind(provider: PlannedStep): HostKind {
  const host = provider.inputs.host;
  if (host === undefined || host === "") return "none";
  if (typeof host !== "string" || host === "[unknown]" || host === "[secret]") return "unknown";
  const normalized = host.includes("://") ? host : `https://${host}`;
  return normalized.startsWith("https://accounts.") || normalized.startsWith("https://accounts-dod.") ? "account" : "workspace";
}

/** True for a Databricks provider step whose host is not an accounts host (workspace, or computed). */
export function isWorkspaceProvider(provider: PlannedStep | undefined): provider is PlannedStep {
  if (provider === undefined || provider.type !== "pulumi:providers:databricks") return false;
  const kind = hostKind(provider);
  return kind === "workspace" || kind === "unknown";
}
