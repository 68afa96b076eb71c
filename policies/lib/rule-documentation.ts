/**
 * The metadata every rule of this pack carries beyond what the policy SDK knows, so that the generated
 * rule catalogue and security reviewers can see why a rule exists and which known control it implements.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { WaiverPolicy } from "./waivers";

/** A control of a published security framework that a rule implements (fully or in part). */
export interface ControlReference {
  /** The framework, e.g. "Databricks Security Analysis Tool" or "Databricks Security Reference Architecture". */
  framework: string;
  /** The control's identifier in that framework, e.g. the SAT check id "IA-7". */
  id: string;
  /** Where a reader can check the control. */
  url: string;
  /** How the rule relates to the control, when it is not a one-to-one match. */
  note?: string;
}

/** Why a rule exists; shown in the rule catalogue. */
export interface RuleDocumentation {
  /** Which part of the MLOps reference design the rule protects. */
  rationale: string;
  /** Known controls the rule implements; empty when none could be verified. */
  controls: ControlReference[];
  /**
   * Whether a per-resource waiver may lift the rule (see waivers.ts). Every rule states it, so the
   * catalogue shows a reviewer which promises no waiver can break on prod.
   */
  waivers: WaiverPolicy;
}

/** A resource rule of this pack: an SDK policy plus its documentation. */
export type DocumentedResourcePolicy = ResourceValidationPolicy & { documentation: RuleDocumentation };

/**
 * A stack rule of this pack: an SDK policy plus its documentation. A stack rule sees every resource, so it states
 * the types it judges (`judgedTypes`), as a resource rule does through `forResourceTypes`: the catalogue's table
 * of admitted types and the rules that judge them reads both (lib/judged-types.ts).
 */
export type DocumentedStackPolicy = StackValidationPolicy & { documentation: RuleDocumentation & { judgedTypes: readonly string[] } };

/** Any rule of this pack. */
export type DocumentedPolicy = DocumentedResourcePolicy | DocumentedStackPolicy;
