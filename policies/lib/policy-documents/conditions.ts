/**
 * IAM condition operators: a base operator, an optional set qualifier (`ForAnyValue:`, `ForAllValues:`) and
 * an optional `IfExists` suffix. Whether a clause pins a value depends on all three: `IfExists` passes a request
 * that lacks the key, and `ForAllValues:` passes one whose key is empty or absent.
 */

/** The base operators IAM defines (case-sensitive, as IAM reads them). */
export const BASE_OPERATORS: readonly string[] = [
  "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
  "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
  "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
  "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
];

/** One operator, taken apart. */
export interface ConditionOperator {
  /** As written, e.g. `ForAnyValue:StringLikeIfExists`. */
  name: string;
  /** The base operator, e.g. `StringLike`. */
  base: string;
  qualifier?: "ForAnyValue" | "ForAllValues";
  ifExists: boolean;
}

/** Takes an operator name apart; undefined for a name IAM does not define. */
export function parseOperator(name: string): ConditionOperator | undefined {
  const match = /^(?:(ForAnyValue|ForAllValues):)?(.+?)(IfExists)?$/.exec(name);
  if (match === null) return undefined;
  const [, qualifier, base, ifExists] = match;
  if (!BASE_OPERATORS.includes(base)) return undefined;
  // IAM defines no `NullIfExists`.
  if (base === "Null" && ifExists !== undefined) return undefined;
  return { name, base, qualifier: qualifier as ConditionOperator["qualifier"], ifExists: ifExists !== undefined };
}

/**
 * True when a clause with this operator holds only for requests that carry the key with one of the clause's
 * values, compared exactly: `StringEquals` or `ArnEquals` with neither `IfExists` nor a set qualifier.
 */
export function pinsExactly(operator: ConditionOperator): boolean {
  return (operator.base === "StringEquals" || operator.base === "ArnEquals") && !operator.ifExists && operator.qualifier === undefined;
}

/** Like `pinsExactly`, but also admits the pattern operators (`StringLike`, `ArnLike`), whose values the caller must check. */
export function pinsByPattern(operator: ConditionOperator): boolean {
  return pinsExactly(operator) || ((operator.base === "StringLike" || operator.base === "ArnLike") && !operator.ifExists && operator.qualifier === undefined);
}
