import { qualifiedNameParts, sqlTokens, tablesReadBy } from "../../policies/lib/sql-tables";

describe("tablesReadBy", () => {
  test("reads every three-part name after FROM and JOIN, in canonical form", () => {
    expect(tablesReadBy("SELECT * FROM a.b.c x LEFT JOIN `D`.e.`f``g` y ON x.k = y.k JOIN h.i ON 1=1")).toEqual(["a.b.c", "d.e.f`g"]);
  });

  test("drops comments, nested or unterminated, and string literals", () => {
    expect(tablesReadBy("SELECT 1 /* a /* b */ FROM a.b.c */ FROM d.e.f")).toEqual(["d.e.f"]);
    expect(tablesReadBy("SELECT 1 FROM d.e.f /* FROM a.b.c")).toEqual(["d.e.f"]);
    expect(tablesReadBy("SELECT 1 FROM d.e.f -- FROM a.b.c\nJOIN g.h.i")).toEqual(["d.e.f", "g.h.i"]);
    expect(tablesReadBy("SELECT 'x\\' FROM a.b.c' FROM d.e.f")).toEqual(["d.e.f"]);
  });

  test("a string literal never joins a dotted name", () => {
    expect(sqlTokens("a.'b'.c").map((t) => t.text)).toEqual(["a", ".", "'", ".", "c"]);
    expect(tablesReadBy("SELECT 1 FROM a.'b'.c")).toEqual([]);
  });
});

describe("qualifiedNameParts", () => {
  test("splits a dotted name written alone, backticks dropped, lower case", () => {
    expect(qualifiedNameParts("Prod.`ML Data`.t")).toEqual(["prod", "ml data", "t"]);
  });

  test("refuses text that is no dotted name", () => {
    expect(qualifiedNameParts("a.b c")).toBeUndefined();
    expect(qualifiedNameParts("")).toBeUndefined();
    expect(qualifiedNameParts("a..b")).toBeUndefined();
  });
});
