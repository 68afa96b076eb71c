/**
 * storage-require-isolation: a stage's storage credentials and external locations are bound to its workspaces
 * (`ISOLATION_MODE_ISOLATED`), and an external location never falls back to the cluster's own credentials. An open
 * credential or location is usable from every workspace attached to the shared metastore, the other stages' included,
 * and fallback mode reaches the storage outside Unity Catalog whenever its grants do not suffice.
 */
import { forResourceTypes } from "../lib/applicability";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { EXTERNAL_LOCATION, STORAGE_CREDENTIAL, typeDisplayName } from "../lib/resource-types";

/** The isolation mode that binds a credential or location to the workspaces it is bound to (the creating one first). */
export const ISOLATED = "ISOLATION_MODE_ISOLATED";

/** Returns one message per setting that opens the storage beyond the stage. */
export function findStorageIsolationGaps(type: string, name: string, props: Record<string, unknown>): string[] {
  const subject = `${typeDisplayName(type)} '${name}'`;
  const messages: string[] = [];
  const mode = props.isolationMode;
  if (mode !== ISOLATED) {
    const shown = mode === undefined || mode === null ? "no isolationMode (the API's default is ISOLATION_MODE_OPEN)" : `isolationMode ${JSON.stringify(mode)}`;
    messages.push(`${subject} sets ${shown}, so every workspace on the shared metastore, other stages' included, may use it; set isolationMode: "${ISOLATED}".`);
  }
  if (type === EXTERNAL_LOCATION && props.fallback === true) {
    messages.push(`${subject} sets fallback: true, so access falls back to the cluster's own credentials where Unity Catalog's grants do not allow it; remove fallback.`);
  }
  return messages;
}

/** The rule object registered in the pack. */
export const storageRequireIsolation: DocumentedResourcePolicy = {
  name: "storage-require-isolation",
  description: "Storage credentials and external locations are isolated to the stage's workspaces and never fall back to cluster credentials.",
  severity: "high",
  remediationSteps:
    'Set `isolationMode: "ISOLATION_MODE_ISOLATED"` on every StorageCredential and ExternalLocation (the creating workspace is bound ' +
    "automatically; bind others with WorkspaceBinding) and leave ExternalLocation `fallback` unset.",
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "Separate stages on a shared metastore: a storage credential or external location is a metastore-level securable, so an " +
      "open one can be used from the dev workspace to read or write prod's storage wherever a grant allows it, and the " +
      "workspace binding rules never see it. Fallback mode lets access go around Unity Catalog with the cluster's own " +
      "credentials, out of reach of every grant rule.",
    controls: [],
  },
  validateResource: forResourceTypes([STORAGE_CREDENTIAL, EXTERNAL_LOCATION], (args, reportViolation) => {
    for (const message of findStorageIsolationGaps(args.type, args.name, args.props)) reportViolation(message);
  }),
};
