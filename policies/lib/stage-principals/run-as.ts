/** A job's run-as identity: what a job writes, that identity writes. */
import { canonicalPrincipal } from "../principals";
import { type StagePrincipalsConfig, writerPhrase } from "./config";

/**
 * Returns a message when a job runs as a service principal other than the writer: what a job writes, its
 * run-as identity writes, so another service principal (another stage's, say) would become a second writer.
 * A job that runs as a person or as nobody is jobs-require-service-principal-run-as' finding.
 */
export function findRunAsViolations(name: string, props: Record<string, unknown>, config: StagePrincipalsConfig): string[] {
  const runAs = props.runAs;
  if (runAs === null || typeof runAs !== "object") return [];
  const principal = (runAs as Record<string, unknown>).servicePrincipalName;
  if (typeof principal !== "string") return [];
  if (config.writerPrincipal !== undefined && canonicalPrincipal(principal) === canonicalPrincipal(config.writerPrincipal)) return [];
  return [`Job '${name}' runs as '${principal.trim()}', so everything it writes is written by that principal, and ${writerPhrase(config)}.`];
}

/**
 * Returns a message when a pipeline or an alert runs as anyone but the writer: a pipeline writes its tables, and an
 * alert runs its query, as its run-as identity (`runAs.servicePrincipalName`, `runAs.userName`, or the older
 * `runAsUserName`). Unset, each runs as its owner, the identity that deploys it (the writer on staging and prod).
 * Unlike a job, no other rule judges a person here, so a user is refused too.
 */
export function findObjectRunAsViolations(typeName: string, name: string, props: Record<string, unknown>, config: StagePrincipalsConfig): string[] {
  const runAs = props.runAs !== null && typeof props.runAs === "object" ? (props.runAs as Record<string, unknown>) : {};
  const named = [runAs.servicePrincipalName, runAs.userName, props.runAsUserName].filter((p): p is string => typeof p === "string" && p.trim() !== "");
  const writer = config.writerPrincipal === undefined ? undefined : canonicalPrincipal(config.writerPrincipal);
  const isWriter = (principal: string) => principal === runAs.servicePrincipalName && canonicalPrincipal(principal) === writer;
  return named
    .filter((principal) => !isWriter(principal))
    .map((principal) => `${typeName} '${name}' runs as '${principal.trim()}', so it acts with that principal's access, and ${writerPhrase(config)}.`);
}
