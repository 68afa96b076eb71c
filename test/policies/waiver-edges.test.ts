/**
 * Edge cases of waivers (policies/lib/waivers.ts, with-waivers.ts): URNs and dates as written, malformed
 * config entries, findings about the stack as a whole, rules with several validations.
 * waivers.test.ts holds the main cases.
 */
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { type Waiver, dayStartUtc, notAppliedNote, stackOfUrn, waiversOf } from "../../policies/lib/waivers";
import { withWaivers } from "../../policies/lib/with-waivers";
import type { DocumentedPolicy } from "../../policies/lib/rule-documentation";

const NOW = new Date("2026-11-27T13:00:00Z");
const URN = "urn:pulumi:dev::databricks-mlops::databricks:index/cluster:Cluster::c";
const REASON = "Shared exploration cluster until the team moves to job clusters.";
const documentation = { rationale: "r", controls: [], waivers: "allowed" as const };

test("the stack of a URN is read only from its start", () => {
  expect(stackOfUrn(`x${URN}`)).toBe("");
  expect(stackOfUrn(URN)).toBe("dev");
});

test("a date is a calendar day written YYYY-MM-DD and nothing more", () => {
  for (const date of ["x2026-01-01", "2026-01-01x", "2026-1-01", "0000-01-01", "0099-12-31", "2026-00-10", "2026-04-31"]) {
    expect([date, dayStartUtc(date)]).toEqual([date, undefined]);
  }
  expect(dayStartUtc("2028-02-29")).toBe(Date.UTC(2028, 1, 29));
});

test("an expiry that is no date is explained", () => {
  expect(notAppliedNote("r", { urn: URN, reason: REASON, expires: "soon" }, { kind: "invalid-date" })).toBe(
    'The waiver for this resource is refused: its expiry "soon" is not a calendar date (YYYY-MM-DD).',
  );
});

test("waiversOf keeps only entries with a text urn, reason and expiry", () => {
  const good: Waiver = { urn: URN, reason: REASON, expires: "2026-12-01" };
  const config = {
    waivers: [null, "w", good, { ...good, urn: 1 }, { ...good, reason: undefined }, { ...good, expires: 20261201 }, { reason: REASON, expires: "2026-12-01" }],
  };
  expect(waiversOf(config)).toEqual([good]);
  expect(waiversOf({ waivers: "all" })).toEqual([]);
  expect(waiversOf(undefined)).toEqual([]);
});

describe("withWaivers", () => {
  const waivers = (urn: string) => ({ waivers: [{ urn, reason: REASON, expires: "2026-12-01" }] });

  test("a finding about the stack as a whole is never waived, not even by a waiver naming no resource", () => {
    const rule: StackValidationPolicy & DocumentedPolicy = {
      name: "stack-rule",
      description: "d",
      documentation,
      validateStack: (_args, report) => {
        report("about the stack");
        report("about the stack, urn empty", "");
      },
    };
    const seen: [string, string | undefined][] = [];
    const args = { resources: [], getConfig: () => waivers(""), notApplicable: () => undefined } as unknown as StackValidationArgs;
    void withWaivers(rule, () => NOW).validateStack(args, (message, urn) => seen.push([message ?? "", urn]));
    expect(seen).toEqual([
      ["about the stack", undefined],
      ["about the stack, urn empty", ""],
    ]);
  });

  test("each of several resource validations passes the waivers", () => {
    const rule: ResourceValidationPolicy & DocumentedPolicy = {
      name: "resource-rule",
      description: "d",
      documentation,
      validateResource: [(_args, report) => report("first"), (_args, report) => report("second")],
    };
    const wrapped = withWaivers(rule, () => NOW).validateResource as ((args: ResourceValidationArgs, report: (m?: string) => void) => void)[];
    const run = (urn: string) => {
      const seen: string[] = [];
      const args = { type: "t", name: "c", urn, props: {}, getConfig: () => waivers(URN) } as unknown as ResourceValidationArgs;
      for (const validate of wrapped) validate(args, (m) => seen.push(m ?? ""));
      return seen;
    };
    expect(wrapped).toHaveLength(2);
    expect(run(URN)).toEqual([]);
    expect(run(URN.replace("::c", "::other"))).toEqual(["first", "second"]);
  });

  test("the wrapper keeps the SDK's one-type marker where the validation has one, and adds none where it has not", () => {
    const typed = Object.assign((_args: ResourceValidationArgs, report: ReportViolation) => report("typed"), { __pulumiType: "databricks:index/cluster:Cluster" });
    const untyped = (_args: ResourceValidationArgs, report: ReportViolation) => report("untyped");
    const rule: ResourceValidationPolicy & DocumentedPolicy = { name: "resource-rule", description: "d", documentation, validateResource: [typed, untyped] };
    const [wrappedTyped, wrappedUntyped] = withWaivers(rule, () => NOW).validateResource as object[];
    expect((wrappedTyped as { __pulumiType?: string }).__pulumiType).toBe("databricks:index/cluster:Cluster");
    expect("__pulumiType" in wrappedUntyped).toBe(false);
  });

  test("without a clock the pack judges waivers by today's date", () => {
    const rule: ResourceValidationPolicy & DocumentedPolicy = { name: "resource-rule", description: "d", documentation, validateResource: (_args, report) => report("finding") };
    const seen: string[] = [];
    const args = { type: "t", name: "c", urn: URN, props: {}, getConfig: () => ({ waivers: [{ urn: URN, reason: REASON, expires: "2000-01-01" }] }) } as unknown as ResourceValidationArgs;
    void (withWaivers(rule).validateResource as (a: ResourceValidationArgs, r: (m?: string) => void) => void)(args, (m) => seen.push(m ?? ""));
    expect(seen).toEqual(["finding The waiver for this resource expired on 2000-01-01 and no longer applies."]);
  });

  test("a validation declared but left undefined is no validation: the rule is judged by the one it has", () => {
    const resourceRule = { name: "resource-rule", description: "d", documentation, validateStack: undefined, validateResource: (_args: ResourceValidationArgs, report: (m?: string) => void) => report("r") };
    const wrapped = withWaivers(resourceRule as unknown as ResourceValidationPolicy & DocumentedPolicy, () => NOW);
    expect(wrapped).toMatchObject({ validateStack: undefined, validateResource: expect.any(Function) });
    expect(wrapped.validateResource).not.toBe(resourceRule.validateResource);
    const remediationOnly = { name: "fix-rule", description: "d", documentation, validateResource: undefined, remediateResource: () => undefined };
    expect(withWaivers(remediationOnly as unknown as ResourceValidationPolicy & DocumentedPolicy, () => NOW)).toBe(remediationOnly);
  });
});

