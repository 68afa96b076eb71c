/**
 * Which tables a SQL query reads, named as Unity Catalog resolves them: three-part names after FROM or
 * JOIN, outside comments and string literals, backticks removed and compared without regard to case. A
 * rule that matched table names as substrings of the text would count `..._metrics_old`, a comment or a
 * string literal as a read.
 */

/** One lexical token of a query: a word (keyword or bare identifier), a quoted identifier, or a symbol. */
type Token = { kind: "word" | "quoted"; text: string } | { kind: "symbol"; text: string };

/** Index just past a bracketed comment starting at `start` (`/*`); Databricks SQL nests them. Unterminated: the end. */
function skipBracketedComment(query: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < query.length) {
    if (query.startsWith("/*", i)) {
      depth += 1;
      i += 2;
    } else if (query.startsWith("*/", i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else {
      i += 1;
    }
  }
  return i;
}

/** Index just past a string literal opened by the quote at `start`; a backslash escapes the next character. */
function skipString(query: string, start: number): number {
  const quote = query[start];
  let i = start + 1;
  while (i < query.length && query[i] !== quote) i += query[i] === "\\" ? 2 : 1;
  return i + 1;
}

/** Splits a query into tokens, dropping whitespace, comments and string literals. */
export function sqlTokens(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (query.startsWith("--", i)) {
      const end = query.indexOf("\n", i);
      i = end === -1 ? query.length : end + 1;
    } else if (query.startsWith("/*", i)) {
      i = skipBracketedComment(query, i);
    } else if (c === "'" || c === '"') {
      i = skipString(query, i);
      // A literal is a value, never a name: a symbol keeps it from joining a dotted name around it.
      tokens.push({ kind: "symbol", text: "'" });
    } else if (c === "`") {
      // A doubled backtick inside a quoted identifier is one backtick of the name.
      let text = "";
      i += 1;
      while (i < query.length && !(query[i] === "`" && query[i + 1] !== "`")) {
        text += query[i];
        i += query[i] === "`" ? 2 : 1;
      }
      i += 1;
      tokens.push({ kind: "quoted", text });
    } else if (/\s/.test(c)) {
      i += 1;
    } else {
      const word = /^[A-Za-z0-9_]+/.exec(query.slice(i))?.[0];
      tokens.push(word ? { kind: "word", text: word } : { kind: "symbol", text: c });
      i += word ? word.length : 1;
    }
  }
  return tokens;
}

/** The canonical form of a table name's parts: Unity Catalog resolves names without regard to case. */
function canonical(parts: readonly string[]): string {
  return parts.map((part) => part.toLowerCase()).join(".");
}

/** The dotted name starting at token `start`, as its parts, and the index after it. */
function dottedName(tokens: readonly Token[], start: number): { parts: string[]; next: number } {
  const parts: string[] = [];
  let i = start;
  while (i < tokens.length && tokens[i].kind !== "symbol") {
    parts.push(tokens[i].text);
    if (tokens[i + 1]?.text !== "." || tokens[i + 1]?.kind !== "symbol") return { parts, next: i + 1 };
    i += 2;
  }
  return { parts, next: i };
}

/**
 * The canonical `catalog.schema.table` names a query reads after FROM or JOIN. Two-part or one-part names
 * resolve against a default catalog the query does not state, so they name no table here; a table in a
 * comma-separated FROM list after the first is not seen either (write it as a JOIN).
 */
export function tablesReadBy(query: string): string[] {
  const tokens = sqlTokens(query);
  const tables: string[] = [];
  tokens.forEach((token, i) => {
    if (token.kind !== "word" || !/^(from|join)$/i.test(token.text)) return;
    const { parts } = dottedName(tokens, i + 1);
    if (parts.length === 3) tables.push(canonical(parts));
  });
  return tables;
}

/** The canonical parts of a dotted name written alone (`a.b.c`, with or without backticks), or undefined. */
export function qualifiedNameParts(name: string): string[] | undefined {
  const tokens = sqlTokens(name);
  const { parts, next } = dottedName(tokens, 0);
  if (parts.length === 0 || next !== tokens.length) return undefined;
  return parts.map((part) => part.toLowerCase());
}
