/**
 * URNs exactly as the Pulumi engine builds them:
 * `urn:pulumi:<stack>::<project>::<qualified type>::<name>`, where the qualified type is the
 * parent's qualified type + `$` + the type, except that children of the root stack resource
 * (`pulumi:pulumi:Stack`) use their type alone.
 */

const PREFIX = "urn:pulumi:";
const DELIMITER = "::";
/** Type of the root resource of every stack. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/** Splits a URN into its parts; the name may itself contain `::`. */
export function parseUrn(urn: string): { stack: string; project: string; qualifiedType: string; name: string } {
  if (!urn.startsWith(PREFIX)) throw new Error(`not a Pulumi URN: ${urn}`);
  const parts = urn.slice(PREFIX.length).split(DELIMITER);
  if (parts.length < 4) throw new Error(`not a Pulumi URN: ${urn}`);
  return {
    stack: parts[0],
    project: parts[1],
    qualifiedType: parts[2],
    name: parts.slice(3).join(DELIMITER),
  };
}

/** Builds a resource's URN from its parent's URN ("" for none), its type and its name. */
export function makeUrn(stack: string, project: string, parentUrn: string, type: string, name: string): string {
  let qualifiedType = type;
  if (parentUrn) {
    const parentType = parseUrn(parentUrn).qualifiedType;
    if (parentType !== ROOT_STACK_TYPE) qualifiedType = `${parentType}$${type}`;
  }
  return `${PREFIX}${stack}${DELIMITER}${project}${DELIMITER}${qualifiedType}${DELIMITER}${name}`;
}
