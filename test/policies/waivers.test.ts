import * as fs from "fs";
import * as path from "path";
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { allRules, unwaivedRules } from "../../policies/rules";
import { AWS_S3_BUCKET_V2, CLUSTER, GRANTS } from "../../policies/lib/resource-types";
import { type Waiver, dayStartUtc, decideForResource, declaresProduction, stackOfUrn, waiverStatus } from "../../policies/lib/waivers";
import { withWaivers } from "../../policies/lib/with-waivers";
import { forResourceTypes } from "../../policies/lib/applicability";
import { awsRequireBucketEncryption } from "../../policies/rules/aws-require-bucket-encryption";
import { clustersRequireAutoTermination } from "../../policies/rules/clusters-require-auto-termination";
import { accessRestrictPrincipals } from "../../policies/rules/access-restrict-principals";
import { invokeRule } from "./invoke-rule";
import { invokeStackRule, stackResource } from "./invoke-stack-rule";

const NOW = new Date("2026-11-27T13:00:00Z");
const clock = () => NOW;
const devCluster = "urn:pulumi:dev::databricks-mlops::databricks:index/cluster:Cluster::dev-shared";
const prodGrants = "urn:pulumi:prod::databricks-mlops::databricks:index/grants:Grants::prod-grants";
const REASON = "Shared exploration cluster until the team moves to job clusters (ticket MLOPS-42).";
const waiver = (urn: string, expires: string): Waiver => ({ urn, reason: REASON, expires });
const UNSET_TERMINATION = "Cluster 'dev-shared' does not set autoterminationMinutes; set it between 10 and 120.";

describe("waiver decisions", () => {
  test("a waiver applies through the last minute of its expiry day (UTC) and not after", () => {
    const w = waiver(devCluster, "2026-11-27");
    expect(waiverStatus(w, "allowed", new Date("2026-11-27T23:59:59Z"), false)).toEqual({ kind: "active" });
    expect(waiverStatus(w, "allowed", new Date("2026-11-28T00:00:00Z"), false)).toEqual({ kind: "expired" });
  });

  test(`a waiver may run at most 180 days`, () => {
    expect(waiverStatus(waiver(devCluster, "2027-05-26"), "allowed", NOW, false)).toEqual({ kind: "active" });
    expect(waiverStatus(waiver(devCluster, "2027-05-27"), "allowed", NOW, false)).toEqual({ kind: "too-long", days: 181 });
  });

  test("an expiry that is not a calendar date is refused", () => {
    expect(dayStartUtc("2026-02-30")).toBeUndefined();
    expect(dayStartUtc("2026-13-01")).toBeUndefined();
    expect(dayStartUtc("2026-12-01")).toBe(Date.UTC(2026, 11, 1));
    expect(waiverStatus(waiver(devCluster, "2026-02-30"), "allowed", NOW, false)).toEqual({ kind: "invalid-date" });
  });

  test("a refused-on-prod rule refuses waivers on a stage its config declares production, and on a stack named prod, however far the expiry", () => {
    expect(stackOfUrn(prodGrants)).toBe("prod");
    expect(stackOfUrn("not-a-urn")).toBe("");
    const stagingGrants = prodGrants.replace(":prod::", ":staging::");
    const liveGrants = prodGrants.replace(":prod::", ":live::");
    expect(waiverStatus(waiver(liveGrants, "2026-12-01"), "refused-on-prod", NOW, true)).toEqual({ kind: "refused-on-prod", stack: "live" });
    expect(waiverStatus(waiver(stagingGrants, "2026-12-01"), "refused-on-prod", NOW, false)).toEqual({ kind: "active" });
    expect(waiverStatus(waiver(prodGrants, "2026-12-01"), "refused-on-prod", NOW, false)).toEqual({ kind: "refused-on-prod", stack: "prod" });
    expect(waiverStatus(waiver(prodGrants, "2026-12-01"), "allowed", NOW, true)).toEqual({ kind: "active" });
    const upperCase = prodGrants.replace(":prod::", ":Prod::");
    expect(waiverStatus(waiver(upperCase, "2026-12-01"), "refused-on-prod", NOW, false)).toEqual({ kind: "refused-on-prod", stack: "Prod" });
  });

  test("a config is production unless it says false", () => {
    expect([undefined, {}, { production: true }, { production: "false" }, { production: 0 }].map(declaresProduction)).toEqual([true, true, true, true, true]);
    expect(declaresProduction({ production: false })).toBe(false);
  });

  test("a waiver for another resource does nothing; one in force wins over an expired one for the same resource", () => {
    expect(decideForResource("r", [waiver(prodGrants, "2026-12-01")], devCluster, "allowed", NOW, false)).toEqual({ kind: "none" });
    const expired = waiver(devCluster, "2026-01-01");
    const current = waiver(devCluster, "2026-12-01");
    expect(decideForResource("r", [expired, current], devCluster, "allowed", NOW, false)).toEqual({ kind: "waived", waiver: current });
    expect(decideForResource("r", [expired], devCluster, "allowed", NOW, false)).toEqual({
      kind: "annotate",
      note: "The waiver for this resource expired on 2026-01-01 and no longer applies.",
    });
  });
});

describe("a resource rule with waivers", () => {
  const rule = withWaivers(clustersRequireAutoTermination, clock);
  const cluster = { type: CLUSTER, name: "dev-shared", urn: devCluster, props: {} };
  const config = (waivers: Waiver[]) => ({ maxIdleMinutes: 120, waivers });

  test("without a waiver the violation stands", () => {
    expect(invokeRule(rule, cluster, config([])).violations).toEqual([UNSET_TERMINATION]);
  });

  test("a waiver in force lifts the violations of the resource it names, and only of it", () => {
    expect(invokeRule(rule, cluster, config([waiver(devCluster, "2026-12-31")])).violations).toEqual([]);
    const other = { ...cluster, name: "other", urn: devCluster.replace("dev-shared", "other") };
    expect(invokeRule(rule, other, config([waiver(devCluster, "2026-12-31")])).violations).toEqual([
      "Cluster 'other' does not set autoterminationMinutes; set it between 10 and 120.",
    ]);
  });

  test("an expired waiver leaves the violation and says so", () => {
    expect(invokeRule(rule, cluster, config([waiver(devCluster, "2026-11-26")])).violations).toEqual([
      `${UNSET_TERMINATION} The waiver for this resource expired on 2026-11-26 and no longer applies.`,
    ]);
  });

  test("a waiver longer than 180 days leaves the violation and says so", () => {
    expect(invokeRule(rule, cluster, config([waiver(devCluster, "2027-11-27")])).violations).toEqual([
      `${UNSET_TERMINATION} The waiver for this resource is refused: it expires 2027-11-27, 365 days ahead; waivers may run at most 180 days.`,
    ]);
  });

  test("the wrapper keeps the single-type marker the SDK uses to skip other types", () => {
    // The idle-time rule judges clusters and cluster policies; a rule of one type carries the marker.
    const singleType = withWaivers({ ...clustersRequireAutoTermination, validateResource: forResourceTypes([CLUSTER], () => undefined) }, clock);
    expect((singleType.validateResource as { __pulumiType?: string }).__pulumiType).toBe(CLUSTER);
    expect(invokeRule(singleType, { type: GRANTS, urn: prodGrants }, config([])).notApplicable).toBe(
      `Policy only applies to resources of type '${CLUSTER}'`,
    );
  });
});

describe("a refused-on-prod rule", () => {
  const rule = withWaivers(accessRestrictPrincipals, clock);
  const grants = (urn: string) => ({
    type: GRANTS,
    name: "prod-grants",
    urn,
    props: { catalog: "prod_mlops", grants: [{ principal: "someone@example.com", privileges: ["MODIFY"] }] },
  });
  const config = (urn: string) => ({ writerPrincipal: "7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e", waivers: [waiver(urn, "2026-12-31")] });

  test("refuses a waiver on prod and says why", () => {
    const { violations } = invokeRule(rule, grants(prodGrants), config(prodGrants));
    expect(violations.length).toBeGreaterThan(0);
    for (const v of violations) {
      expect(v).toMatch(/ The waiver for this resource is refused: access-restrict-principals may never be waived on a production stage \(stack 'prod'\)\.$/);
    }
  });

  test("refuses it on a production stage deployed under another stack name, since its config does not say otherwise", () => {
    const live = prodGrants.replace(":prod::", ":live::");
    const { violations } = invokeRule(rule, grants(live), config(live));
    expect(violations.length).toBeGreaterThan(0);
    for (const v of violations) expect(v).toMatch(/ may never be waived on a production stage \(stack 'live'\)\.$/);
    expect(invokeRule(rule, grants(live), { ...config(live), production: true }).violations).toEqual(violations);
  });

  test("honours the same waiver on staging, whose config declares it no production stage", () => {
    const staging = prodGrants.replace(":prod::", ":staging::");
    expect(invokeRule(rule, grants(staging), {}).violations.length).toBeGreaterThan(0);
    expect(invokeRule(rule, grants(staging), { ...config(staging), production: false }).violations).toEqual([]);
    expect(invokeRule(rule, grants(prodGrants), { ...config(prodGrants), production: false }).violations.length).toBeGreaterThan(0);
  });

  test("only rules that refuse waivers on production take the production property", () => {
    expect(Object.keys(rule.configSchema?.properties ?? {})).toEqual([...Object.keys(accessRestrictPrincipals.configSchema?.properties ?? {}), "waivers", "production"]);
    expect(Object.keys(withWaivers(clustersRequireAutoTermination).configSchema?.properties ?? {})).not.toContain("production");
  });
});

describe("a stack rule with waivers", () => {
  const rule = withWaivers(awsRequireBucketEncryption, clock) as StackValidationPolicy;
  const bucketUrn = "urn:pulumi:staging::databricks-mlops::aws:s3/bucketV2:BucketV2::staging-root";
  const bucket = { ...stackResource(AWS_S3_BUCKET_V2, "staging-root"), urn: bucketUrn } as PolicyResource;
  const run = (config: object) => invokeStackRule(rule, [bucket], config).violations;

  test("lifts the findings about the waived resource and annotates an expired waiver", () => {
    const findings = run({});
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.urn === bucketUrn)).toBe(true);
    expect(run({ waivers: [waiver(bucketUrn, "2026-12-31")] })).toEqual([]);
    expect(run({ waivers: [waiver(bucketUrn, "2026-11-01")] })).toEqual(
      findings.map((f) => ({ ...f, message: `${f.message} The waiver for this resource expired on 2026-11-01 and no longer applies.` })),
    );
  });
});

describe("the pack's rules", () => {
  test("every rule that judges resources accepts waivers in its config; remediation-only rules refuse them", () => {
    for (const rule of allRules) {
      const judges = "validateStack" in rule || ("validateResource" in rule && rule.validateResource !== undefined);
      expect([rule.name, rule.configSchema?.properties?.waivers !== undefined]).toEqual([rule.name, judges]);
    }
    expect(allRules.map((r) => r.name)).toEqual(unwaivedRules.map((r) => r.name));
  });

  test("the wrapper keeps each rule's own config schema and its kind of validation", () => {
    const wrapped = withWaivers(clustersRequireAutoTermination);
    expect(Object.keys(wrapped.configSchema?.properties ?? {})).toEqual(["maxIdleMinutes", "waivers"]);
    expect(wrapped.configSchema?.properties?.maxIdleMinutes).toBe(clustersRequireAutoTermination.configSchema?.properties?.maxIdleMinutes);
    const stack = withWaivers(awsRequireBucketEncryption);
    expect(["validateStack" in stack, "validateResource" in stack]).toEqual([true, false]);
    expect(Object.keys(stack.configSchema?.properties ?? {})).toEqual(["waivers"]);
  });

  test("the promises of the design cannot be waived on prod", () => {
    const refused = allRules.filter((r) => r.documentation.waivers === "refused-on-prod").map((r) => r.name);
    expect(refused).toEqual(
      expect.arrayContaining([
        "access-restrict-principals",
        "bindings-restrict-workspaces",
        "catalog-require-isolation",
        "catalog-restrict-workspace-bindings",
        "data-require-deletion-protection",
        "grants-forbid-all-privileges",
        "jobs-require-service-principal-run-as",
      ]),
    );
  });
});

describe("the shipped policy configs and waivers on prod", () => {
  const configOf = (stage: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(__dirname, "../../policies/config", `${stage}.json`), "utf8"));

  test.each(["dev", "staging"])("%s declares itself no production stage for every rule that refuses waivers on prod and can block there", (stage) => {
    const config = configOf(stage);
    const undeclared = unwaivedRules
      .filter((rule) => rule.documentation.waivers === "refused-on-prod")
      .filter((rule) => !["disabled", "remediate"].includes(String(config[rule.name])))
      .filter((rule) => (config[rule.name] as { production?: unknown } | undefined)?.production !== false)
      .map((rule) => rule.name);
    // Without `production: false` a waiver that the reviewers granted on dev or staging would be refused as on prod.
    expect(undeclared).toEqual([]);
  });

  test("prod never declares itself a non-production stage", () => {
    const config = configOf("prod");
    expect(Object.entries(config).filter(([, entry]) => (entry as { production?: unknown } | null)?.production === false).map(([name]) => name)).toEqual([]);
  });
});
