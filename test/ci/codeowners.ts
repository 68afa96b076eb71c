/**
 * GitHub's CODEOWNERS rules, read the way GitHub reads them: one `pattern owner...` per line, `#` comments,
 * gitignore-style patterns (a leading or inner `/` anchors to the repository root, a trailing `/` means a
 * folder and everything under it, `*` stays within one folder, `**` crosses folders), and the LAST matching
 * line wins, so a broad line after a narrow one takes the narrow one's files away.
 */

/** One rule of the file. */
export interface OwnerRule {
  pattern: string;
  owners: string[];
  line: number;
}

/** The rules of a CODEOWNERS text, in file order. */
export function parseCodeowners(text: string): OwnerRule[] {
  return text.split("\n").flatMap((raw, index) => {
    const content = raw.replace(/(^|\s)#.*$/, "").trim();
    if (content === "") return [];
    const [pattern, ...owners] = content.split(/\s+/);
    return [{ pattern, owners, line: index + 1 }];
  });
}

const escape = (c: string) => c.replace(/[.+^${}()|[\]\\]/g, "\\$&");

/** The regular expression of one pattern, over repository-relative paths without a leading `/`. */
export function patternRegExp(pattern: string): RegExp {
  const anchored = pattern.startsWith("/") || pattern.replace(/\/$/, "").includes("/");
  const folder = pattern.endsWith("/");
  const body = pattern.replace(/^\//, "").replace(/\/$/, "");
  let source = "";
  for (let i = 0; i < body.length; i++) {
    if (body.startsWith("**/", i)) {
      source += "(?:.*/)?";
      i += 2;
    } else if (body.startsWith("**", i)) {
      source += ".*";
      i += 1;
    } else if (body[i] === "*") source += "[^/]*";
    else if (body[i] === "?") source += "[^/]";
    else source += escape(body[i]);
  }
  return new RegExp(`${anchored ? "^" : "^(?:.*/)?"}${source}${folder ? "/.+" : "(?:/.+)?"}$`);
}

/** The rule that decides who owns `file` (the last one that matches), or undefined when none does. */
export function ownerRuleOf(rules: OwnerRule[], file: string): OwnerRule | undefined {
  return rules.filter((rule) => patternRegExp(rule.pattern).test(file)).at(-1);
}
