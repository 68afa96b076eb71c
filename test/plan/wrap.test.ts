import { columns, impliedHanging, TEXT_WIDTH, wrapLines, wrapMessage, wrapText } from "../../tools/plan/wrap";

describe("wrapping the text plan's prose", () => {
  test("the text plan is 80 columns wide; columns count code points, so tree drawing counts one each", () => {
    expect(TEXT_WIDTH).toBe(80);
    expect(columns("│  ├─ a")).toBe(7);
    expect(columns("4 × 1 DBU/h …")).toBe(13);
  });

  test("breaks at word boundaries, the first line after its lead, the others at the hanging indent", () => {
    expect(wrapText("one two three four five six", "  - ", "    ", 16)).toEqual(["  - one two", "    three four", "    five six"]);
  });

  test("a line that fits comes back whole and unchanged, spacing and all: wrapping is idempotent on short lines", () => {
    const aligned = "    $408.80     $0.56       5,840         8";
    expect(wrapText(aligned.trimStart(), "    ", "      ")).toEqual([aligned]);
    expect(wrapText("exactly ten", "", "  ", 11)).toEqual(["exactly ten"]);
    const once = wrapText("alpha beta gamma delta epsilon", "", "  ", 12);
    expect(once.flatMap((l) => wrapText(l.trimStart(), /^ */.exec(l)![0], "  ", 12))).toEqual(once);
  });

  test("no line ends in a space, and a break swallows the run of spaces it falls on", () => {
    const lines = wrapText("name  create     [protect] ", "+  ", "     ", 15);
    expect(lines).toEqual(["+  name  create", "     [protect]"]);
    expect(lines.filter((l) => l !== l.trimEnd())).toEqual([]);
  });

  test("a single token longer than the width (a URL, a URN, a JSON path) stays whole on a line of its own: the only line over the width", () => {
    const url = "https://docs.databricks.com/en/admin/account-settings-e2/private-access-settings.html";
    const lines = wrapText(`see ${url} for the setting`, "      ", "        ");
    expect(lines).toEqual(["      see", `        ${url}`, "        for the setting"]);
    expect(lines.filter((l) => columns(l) > TEXT_WIDTH)).toEqual([`        ${url}`]);
    // Never cut: the token is whole even when it is the first word.
    expect(wrapText(`${url} x`, "", "  ", 20)).toEqual([url, "  x"]);
  });

  test("hanging indents keep the structure: two columns deeper than the line, which is past a bullet", () => {
    expect(impliedHanging("    - a finding")).toBe("      ");
    expect(impliedHanging("Second up: x")).toBe("  ");
    expect(wrapLines(["Heading: aaa bbb ccc", "    - ddd eee fff"], 14)).toEqual(["Heading: aaa", "  bbb ccc", "    - ddd eee", "      fff"]);
    // A bullet is never left alone on its line, even before a word wider than the width.
    expect(wrapLines(["  - a-very-long-word x"], 10)).toEqual(["  - a-very-long-word", "    x"]);
  });

  test("a multi-line message keeps its lines, each wrapped two columns deeper than the message", () => {
    expect(wrapMessage("first line here\nsecond one\n", "    ", 14)).toEqual(["    first line", "      here", "    second one"]);
  });
});
