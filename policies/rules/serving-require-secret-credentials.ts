/**
 * serving-require-secret-credentials: a served model reaches outside services only with credentials kept in a
 * Databricks secret scope. An external model's `*Plaintext` credential fields, a credential field that holds
 * anything but a secret reference (`{{secrets/<scope>/<key>}}`), and an environment variable named like a
 * credential with a literal value are refused, whether an endpoint declares the served entity or a job's
 * deployment task applies it at run time; so is an AI gateway provider service's `plaintext` credential. No value is
 * ever echoed.
 */
import { describeService, providerBlocks } from "../lib/ai-gateway";
import { forResourceTypes } from "../lib/applicability";
import { type ServedEntity, deploymentEntities, endpointEntities, externalModelBlockOf, plaintextFields, unreferencedCredentials, unreferencedVariables } from "../lib/external-models";
import type { DocumentedResourcePolicy } from "../lib/rule-documentation";
import { AI_GATEWAY_MODEL_PROVIDER_SERVICE, JOB, MODEL_SERVING } from "../lib/resource-types";

/** The types whose served entities the rule reads. */
export const CREDENTIAL_TYPES: readonly string[] = [MODEL_SERVING, JOB, AI_GATEWAY_MODEL_PROVIDER_SERVICE];

/** One message per credential of a served entity that is not a secret reference; values are never shown. */
export function findEntityCredentials({ subject, entity }: ServedEntity): string[] {
  const block = externalModelBlockOf(entity);
  const external = block === undefined ? [] : [...plaintextFields(block).map((field) => ({ field, plaintext: true })), ...unreferencedCredentials(block).map((field) => ({ field, plaintext: false }))];
  return [
    ...external.map(({ field, plaintext }) =>
      plaintext
        ? `${subject} sets ${field} of its external model: a credential in plain text, kept in the stack's state and shown by previews ` +
          "(the value is not shown here). Store it in a secret scope and set the field without `Plaintext` to `{{secrets/<scope>/<key>}}`."
        : `${subject} sets ${field} of its external model to something other than a secret reference (the value is not shown here): ` +
          "this field takes `{{secrets/<scope>/<key>}}`, and anything else is the credential itself, kept in the state. Store it in a secret scope and reference it.",
    ),
    ...unreferencedVariables(entity).map(
      (variable) =>
        `${subject} sets the environment variable ${variable}, named like a credential, to something other than a secret reference (the value is not shown here); ` +
        "set it to `{{secrets/<scope>/<key>}}`.",
    ),
  ];
}

/**
 * One message per plain-text credential of an AI gateway provider service. Its direct authentication takes the
 * credential only as `plaintext` (no secret reference), so only a service credential or relayed authentication passes.
 */
export function findProviderServiceCredentials(name: string, props: Record<string, unknown>): string[] {
  const subject = describeService(AI_GATEWAY_MODEL_PROVIDER_SERVICE, name, props, "modelProviderServiceId");
  return plaintextFields(providerBlocks(props)).map(
    (field) =>
      `${subject} sets config.${field}: a credential in plain text, kept in the stack's state and shown by previews (the value is not shown here). ` +
      "This service takes no secret reference: reach the provider through a service credential (`serviceCredential`) or relayed authentication where it offers one, or leave the service out of the stack.",
  );
}

/** One message per plain credential among the served entities a resource declares or deploys, or of a provider service. */
export function findPlainCredentials(type: string, name: string, props: Record<string, unknown>): string[] {
  if (type === MODEL_SERVING) return endpointEntities(name, props).flatMap(findEntityCredentials);
  if (type === AI_GATEWAY_MODEL_PROVIDER_SERVICE) return findProviderServiceCredentials(name, props);
  const { entities, unreadable } = deploymentEntities(name, props);
  return [
    ...unreadable.map(
      ({ job, where }) => `${job} passes serving_config in ${where}, but not as JSON with served_entities, so whether it carries a credential cannot be judged; pass the JSON the program builds.`,
    ),
    ...entities.flatMap(findEntityCredentials),
  ];
}

/** The rule object registered in the pack. */
export const servingRequireSecretCredentials: DocumentedResourcePolicy = {
  name: "serving-require-secret-credentials",
  description:
    "Served models reach outside services only with credentials from a Databricks secret scope: no `*Plaintext` (or AI gateway `plaintext`) credential field, no literal in a credential field or a credential-named environment variable.",
  severity: "critical",
  remediationSteps:
    "Put the credential into a Databricks secret scope (outside the stack, or as a `databricks.Secret` whose value comes from a " +
    "secret stack config key), then set the external model's field without `Plaintext` (e.g. `openaiApiKey`) or the environment " +
    "variable to `{{secrets/<scope>/<key>}}`, and give the endpoint's identity READ on the scope.",
  documentation: {
    waivers: "refused-on-prod",
    rationale:
      "An external model calls its provider with a credential of the organisation. Written in plain text (a `*Plaintext` field, a " +
      "literal key in the field that takes a secret reference, or a literal in an environment variable of the served entity), it " +
      "comes from the program or a stack file, and the engine stores the nested input unencrypted in the stack's state and shows " +
      "it in previews (the SDK wraps only top-level secret inputs); in a deployment task's `serving_config` it is a job parameter " +
      "every viewer of the job reads. An AI gateway provider service takes its direct credential only in plain text. A secret " +
      "reference keeps the credential in a secret scope, whose ACL decides who reads it. " +
      "The same leak on every stage, so dev blocks too.",
    controls: [],
  },
  validateResource: forResourceTypes(CREDENTIAL_TYPES, (args, reportViolation) => {
    for (const message of findPlainCredentials(args.type, args.name, args.props)) reportViolation(message);
  }),
};
