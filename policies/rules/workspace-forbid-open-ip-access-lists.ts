/**
 * workspace-forbid-open-ip-access-lists: no IP access list allows every address (`0.0.0.0/0`, `::/0`, or any
 * other /0 block), which would turn the workspace's IP restriction into none.
 */
import { forResourceTypes } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { IP_ACCESS_LIST } from "../lib/resource-types";

/** True for a CIDR block that covers every IPv4 or IPv6 address: any address with prefix length 0. */
export function coversEveryAddress(entry: string): boolean {
  const match = /^\s*([0-9a-fA-F:.]+)\s*\/\s*0+\s*$/.exec(entry);
  return match !== null;
}

/** Returns a message naming each all-addresses entry of an ALLOW list (a list that is not BLOCK allows). */
export function findOpenIpAccessEntries(resourceName: string, props: Record<string, unknown>): string[] {
  if (String(props.listType).toUpperCase() === "BLOCK") return [];
  const entries = Array.isArray(props.ipAddresses) ? props.ipAddresses.map(String) : [];
  const open = entries.filter(coversEveryAddress);
  if (open.length === 0) return [];
  return [
    `IP access list '${resourceName}' allows every address (${open.map((e) => `'${e.trim()}'`).join(", ")}); list the networks that may reach the workspace instead.`,
  ];
}

/** The rule object registered in the pack. */
export const workspaceForbidOpenIpAccessLists: DocumentedResourcePolicy = {
  name: "workspace-forbid-open-ip-access-lists",
  description: "No IP access list allows every address (0.0.0.0/0, ::/0).",
  severity: "high",
  remediationSteps: "Replace the /0 entry of the ALLOW list with the CIDR blocks of the networks that need the workspace.",
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Separate stages: an allow list that admits every address looks like a restriction in review but lets anyone " +
      "with a stolen token reach the workspace from anywhere.",
    controls: [
      {
        framework: "KICS",
        id: "2c4fe4a9-f44b-4c70-b09b-5b75cd251805 (Unrestricted Databricks ACL)",
        url: "https://github.com/Checkmarx/kics/tree/master/assets/queries/terraform/databricks/unrestricted_acl",
      },
    ],
  },
  validateResource: forResourceTypes([IP_ACCESS_LIST], (args, reportViolation) => {
    for (const message of findOpenIpAccessEntries(args.name, args.props)) reportViolation(message);
  }),
};
