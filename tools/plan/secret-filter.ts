/**
 * Blinds secret values in text a person or CI sees, the way the Pulumi CLI filters decrypted config
 * secrets from its output (sdk/go/common/util/logging `AddGlobalSecretFilter`): every occurrence of a
 * secret, and of its JSON-escaped form, becomes "[secret]". Like the CLI, values shorter than three
 * characters and `true`/`false` are left alone, since blinding them would blind every such word.
 */
import { SECRET_MARKER } from "./property-values";
import type { Diagnostic, PlanDocument } from "./types";

/** Replaces secret values in a text; the identity when there are none. */
export type SecretFilter = (text: string) => string;

/** The strings a filter replaces for the given secret values: each value and its JSON-escaped form. */
export function filteredForms(secrets: Iterable<string>): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 3 || /^(true|false)$/i.test(secret)) continue;
    forms.add(secret);
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret) forms.add(escaped);
  }
  // Longest first, so a secret that contains another is blinded whole, not around the shorter one.
  return [...forms].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/** A filter for the given secret values; one pass, so "[secret]" itself is never rewritten. */
export function secretFilter(secrets: Iterable<string>): SecretFilter {
  const forms = filteredForms(secrets);
  if (forms.length === 0) return (text) => text;
  const pattern = new RegExp(forms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  return (text) => text.replace(pattern, SECRET_MARKER);
}

/**
 * The document with every free text filtered: policy messages (a rule may quote a secret input it
 * read) and diagnostics (the program's and the pack's logs). Structured inputs are already blinded.
 */
export function filterDocument(document: PlanDocument, filter: SecretFilter): PlanDocument {
  const diagnostic = (d: Diagnostic): Diagnostic => ({ ...d, message: filter(d.message) });
  return {
    ...document,
    policyViolations: document.policyViolations.map((v) => ({ ...v, message: filter(v.message) })),
    diagnostics: document.diagnostics.map(diagnostic),
    waivers: document.waivers.map((w) => ({ ...w, reason: filter(w.reason) })),
    ...(document.deployability && {
      deployability: { ...document.deployability, findings: document.deployability.findings.map((f) => ({ ...f, message: filter(f.message) })) },
    }),
  };
}
