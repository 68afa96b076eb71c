/**
 * The IAM policy grammar as the pack reads it: a document parsed from JSON text or an object, its statements
 * normalised (one statement or a list; every string-or-list field a list; principals and condition clauses
 * split into entries). A document AWS would reject (an unknown key, a lower-case `effect`, an `Effect` other
 * than "Allow" or "Deny", an operator IAM does not define) is reported as a problem, never guessed at: IAM's
 * keys and operator names are case-sensitive, so a key the pack does not recognise could hide anything.
 */
import { parseOperator, type ConditionOperator } from "./conditions";

/** The kinds of principal IAM knows, and `*` for everyone. */
export type PrincipalKind = "*" | "AWS" | "Service" | "Federated" | "CanonicalUser";

/** One principal a statement names. */
export interface PrincipalEntry {
  kind: PrincipalKind;
  /** As written (`*` for everyone). */
  value: string;
}

/** One `operator: { key: values }` clause of a statement's `Condition`. */
export interface ConditionClause {
  operator: ConditionOperator;
  /** The condition key, lower-cased (IAM compares condition keys without case). */
  key: string;
  /** The values, as strings (IAM accepts numbers and booleans and compares them as text). */
  values: string[];
}

/** One statement, normalised. Absent fields are undefined; present ones are lists. */
export interface Statement {
  /** How messages name it: `statement <Sid>` or `statement #<n>` (1-based). */
  label: string;
  effect: "Allow" | "Deny";
  principal?: PrincipalEntry[];
  notPrincipal?: PrincipalEntry[];
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  conditions: ConditionClause[];
}

/** A parsed document: its statements, or the first reason it cannot be read. */
export type ParsedDocument = { ok: true; statements: Statement[] } | { ok: false; problem: string };

const DOCUMENT_KEYS = ["Version", "Id", "Statement"];
const STATEMENT_KEYS = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];
const PRINCIPAL_KINDS: readonly PrincipalKind[] = ["AWS", "Service", "Federated", "CanonicalUser"];
const VERSIONS = ["2012-10-17", "2008-10-17"];

/** A problem found while reading one part of a document. */
class GrammarProblem extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A string or a non-empty list of non-empty strings, as IAM takes `Action`, `Resource` and principal values. */
function stringList(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new GrammarProblem(`${where} is an empty list`);
  return list.map((item) => {
    if (typeof item !== "string" || item.trim() === "") throw new GrammarProblem(`${where} must be a non-empty string or a list of them`);
    return item.trim();
  });
}

function principalsOf(value: unknown, where: string): PrincipalEntry[] {
  if (value === "*") return [{ kind: "*", value: "*" }];
  if (!isRecord(value)) throw new GrammarProblem(`${where} must be "*" or an object of AWS, Service, Federated or CanonicalUser`);
  const entries: PrincipalEntry[] = [];
  for (const [kind, values] of Object.entries(value)) {
    if (!PRINCIPAL_KINDS.includes(kind as PrincipalKind)) {
      throw new GrammarProblem(`${where} has the key '${kind}'; IAM knows only AWS, Service, Federated and CanonicalUser (case-sensitive)`);
    }
    for (const item of stringList(values, `${where}.${kind}`)) entries.push({ kind: item === "*" && kind === "AWS" ? "*" : (kind as PrincipalKind), value: item });
  }
  if (entries.length === 0) throw new GrammarProblem(`${where} names no principal`);
  return entries;
}

function conditionsOf(value: unknown, where: string): ConditionClause[] {
  if (!isRecord(value)) throw new GrammarProblem(`${where} must be an object of operators`);
  const clauses: ConditionClause[] = [];
  for (const [name, block] of Object.entries(value)) {
    const operator = parseOperator(name);
    if (operator === undefined) throw new GrammarProblem(`${where} uses the operator '${name}', which IAM does not define`);
    if (!isRecord(block)) throw new GrammarProblem(`${where}.${name} must be an object of condition keys`);
    for (const [key, values] of Object.entries(block)) {
      const list = Array.isArray(values) ? values : [values];
      if (list.some((v) => !["string", "number", "boolean"].includes(typeof v))) {
        throw new GrammarProblem(`${where}.${name}.${key} must be a string, number or boolean, or a list of them`);
      }
      clauses.push({ operator, key: key.toLowerCase(), values: list.map(String) });
    }
  }
  return clauses;
}

function statementOf(raw: unknown, index: number): Statement {
  const fallback = `statement #${index + 1}`;
  if (!isRecord(raw)) throw new GrammarProblem(`${fallback} is not an object`);
  const label = typeof raw.Sid === "string" && raw.Sid !== "" ? `statement ${raw.Sid}` : fallback;
  const unknown = Object.keys(raw).filter((key) => !STATEMENT_KEYS.includes(key));
  if (unknown.length > 0) {
    throw new GrammarProblem(`${label} has the key(s) ${unknown.map((k) => `'${k}'`).join(", ")}; IAM knows only ${STATEMENT_KEYS.join(", ")} (case-sensitive)`);
  }
  if (raw.Effect !== "Allow" && raw.Effect !== "Deny") throw new GrammarProblem(`${label} has no Effect "Allow" or "Deny" (case-sensitive)`);
  const pairs: [string, string][] = [["Principal", "NotPrincipal"], ["Action", "NotAction"], ["Resource", "NotResource"]];
  for (const [plain, negated] of pairs) {
    if (raw[plain] !== undefined && raw[negated] !== undefined) throw new GrammarProblem(`${label} sets both ${plain} and ${negated}`);
  }
  if (raw.Action === undefined && raw.NotAction === undefined) throw new GrammarProblem(`${label} has no Action or NotAction`);
  const optional = <T>(value: unknown, read: (v: unknown, where: string) => T, where: string): T | undefined =>
    value === undefined ? undefined : read(value, `${label} ${where}`);
  return {
    label,
    effect: raw.Effect,
    principal: optional(raw.Principal, principalsOf, "Principal"),
    notPrincipal: optional(raw.NotPrincipal, principalsOf, "NotPrincipal"),
    action: optional(raw.Action, stringList, "Action"),
    notAction: optional(raw.NotAction, stringList, "NotAction"),
    resource: optional(raw.Resource, stringList, "Resource"),
    notResource: optional(raw.NotResource, stringList, "NotResource"),
    conditions: optional(raw.Condition, conditionsOf, "Condition") ?? [],
  };
}

/**
 * True when JSON text (already valid) repeats a key within one object. `JSON.parse` keeps the last value and other
 * readers may keep the first, so `{"Effect": "Allow", "Effect": "Deny"}` could be judged as one and applied as the other.
 */
export function repeatsKey(text: string): boolean {
  const objects: (Set<string> | undefined)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "{") objects.push(new Set());
    else if (c === "[") objects.push(undefined);
    else if (c === "}" || c === "]") objects.pop();
    else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      const value = JSON.parse(text.slice(i, end + 1)) as string;
      let next = end + 1;
      while (/\s/.test(text[next] ?? "")) next++;
      // In valid JSON only a key is followed by a colon.
      const object = objects[objects.length - 1];
      if (text[next] === ":" && object !== undefined) {
        if (object.has(value)) return true;
        object.add(value);
      }
      i = end;
    }
  }
  return false;
}

/**
 * Parses a policy document given as JSON text (what the AWS provider's inputs carry) or as an object (what
 * another program may send). Never throws: a document that cannot be read is `{ ok: false }` with the reason,
 * which names the field but never echoes a value.
 */
export function parsePolicyDocument(value: unknown): ParsedDocument {
  let document = value;
  if (typeof value === "string") {
    try {
      document = JSON.parse(value);
    } catch {
      return { ok: false, problem: "it is not valid JSON" };
    }
    if (repeatsKey(value)) return { ok: false, problem: "it repeats a key within one object, which readers resolve differently" };
  }
  if (!isRecord(document)) return { ok: false, problem: "it is not a JSON object" };
  try {
    const unknown = Object.keys(document).filter((key) => !DOCUMENT_KEYS.includes(key));
    if (unknown.length > 0) throw new GrammarProblem(`it has the key(s) ${unknown.map((k) => `'${k}'`).join(", ")}; IAM knows only Version, Id and Statement`);
    if (document.Version !== undefined && !VERSIONS.includes(document.Version as string)) {
      throw new GrammarProblem(`its Version is not one IAM defines (${VERSIONS.join(" or ")})`);
    }
    const raw = document.Statement;
    if (raw === undefined) throw new GrammarProblem("it has no Statement");
    const list = Array.isArray(raw) ? raw : [raw];
    return { ok: true, statements: list.map(statementOf) };
  } catch (err) {
    if (err instanceof GrammarProblem) return { ok: false, problem: err.message };
    throw err;
  }
}
