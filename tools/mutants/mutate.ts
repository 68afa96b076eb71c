/** Pure parts of the mutation run: checking entries against the tree and applying one. */
import type { Mutation } from "./mutations";

/** Why an entry cannot run, or undefined when it can. */
export function staleReason(mutation: Mutation, source: string | undefined): string | undefined {
  if (source === undefined) return `${mutation.file} does not exist`;
  if (mutation.find === "") return "find-text is empty";
  if (mutation.find === mutation.replace) return "replacement equals the find-text";
  const count = source.split(mutation.find).length - 1;
  if (count === 0) return `find-text not found in ${mutation.file}: ${JSON.stringify(mutation.find)}`;
  if (count > 1) return `find-text occurs ${count} times in ${mutation.file}; make it unique: ${JSON.stringify(mutation.find)}`;
  if (mutation.tests.length === 0) return "names no test file";
  return undefined;
}

/** The file's text with the mutation applied; the entry must not be stale. */
export function applyMutation(mutation: Mutation, source: string): string {
  const at = source.indexOf(mutation.find);
  return source.slice(0, at) + mutation.replace + source.slice(at + mutation.find.length);
}

/** Duplicate ids: each must be unique so reports and CI logs are unambiguous. */
export function duplicateIds(mutations: readonly Mutation[]): string[] {
  const seen = new Set<string>();
  return [...new Set(mutations.filter((m) => seen.has(m.id) || !seen.add(m.id)).map((m) => m.id))];
}
