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
