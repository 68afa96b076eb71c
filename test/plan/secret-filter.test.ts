import { filterDocument, filteredForms, secretFilter } from "../../tools/plan/secret-filter";
import { samplePlan } from "../fixtures/plan-result";

describe("secretFilter, as the CLI filters secret config values from its output", () => {
  test("every occurrence becomes [secret], longer secrets first, in one pass", () => {
    const filter = secretFilter(["ana@example.com", "ana", "MODIFY"]);
    expect(filter("ana@example.com holds MODIFY; ana again")).toBe("[secret] holds [secret]; [secret] again");
    // "[secret]" contains no secret, and a second pass changes nothing.
    expect(filter(filter("ana"))).toBe("[secret]");
  });

  test("short values and true/false are not filtered; JSON-escaped forms are", () => {
    expect(filteredForms(["ab", "true", "FALSE", 'say "hi"\n'])).toEqual(['say \\"hi\\"\\n', 'say "hi"\n']);
    expect(secretFilter(["ab"])("ab stays")).toBe("ab stays");
    expect(secretFilter(['p"w1'])(JSON.stringify({ token: 'p"w1' }))).toBe('{"token":"[secret]"}');
  });

  test("regular-expression characters in a secret are taken literally", () => {
    expect(secretFilter(["a.c(d)*"])("abc(d) a.c(d)*")).toBe("abc(d) [secret]");
  });
});

describe("filterDocument", () => {
  test("filters policy messages and diagnostics, leaves everything else as it was", () => {
    const { document } = samplePlan();
    const filtered = filterDocument(document, secretFilter(["mlops-data-scientists", "offline caveat"]));
    expect(filtered.policyViolations[0].message).toBe("Human groups must not write prod securables.\n[secret] has MODIFY | on prod_ml");
    expect(filtered.diagnostics).toEqual([{ severity: "warning", message: "an [secret]" }]);
    expect({ ...filtered, policyViolations: [], diagnostics: [] }).toEqual({ ...document, policyViolations: [], diagnostics: [] });
    expect(document.diagnostics[0].message).toBe("an offline caveat");
  });
});
