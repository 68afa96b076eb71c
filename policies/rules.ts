/**
 * Every rule of the pack, in catalogue order. The pack entry (`index.ts`) and the catalogue generator both
 * read this list, so a rule cannot be published without being documented or vice versa.
 */
import type { DocumentedPolicy } from "./lib/rule-documentation";
import { accessRestrictPrincipals } from "./rules/access-restrict-principals";
import { bindingsRestrictWorkspaces } from "./rules/bindings-restrict-workspaces";
import { catalogRequireIsolation } from "./rules/catalog-require-isolation";
import { catalogRestrictWorkspaceBindings } from "./rules/catalog-restrict-workspace-bindings";
import { dataRequireDeletionProtection } from "./rules/data-require-deletion-protection";
import { grantsForbidAllPrivileges } from "./rules/grants-forbid-all-privileges";
import { grantsForbidMixedKinds } from "./rules/grants-forbid-mixed-kinds";

/** The rules of the databricks-mlops policy pack. */
export const allRules: DocumentedPolicy[] = [
  accessRestrictPrincipals,
  bindingsRestrictWorkspaces,
  grantsForbidAllPrivileges,
  grantsForbidMixedKinds,
  dataRequireDeletionProtection,
  catalogRequireIsolation,
  catalogRestrictWorkspaceBindings,
];
