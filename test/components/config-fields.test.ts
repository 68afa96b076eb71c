/**
 * The fields of `unityCatalog` that name principals and locations: each accepts what Unity Catalog and
 * the access model accept, and rejects the rest with one exact line. A loosened pattern or a dropped
 * check fails here (tools/mutants lists such mutations).
 */
import { parseStageConfig } from "../../stack/config";
import { SP_PROD, rawDev } from "../support/stage-configs";
import { configProblems } from "../support/config-problems";

const PRINCIPAL = "expected a group name, a user e-mail or a service principal application id (UUID)";
const CATALOG_NAME = "expected lower-case letters, digits and '_', starting with a letter, at most 255 characters";
const STORAGE_ROOT = 'expected an S3 URL, e.g. "s3://my-bucket/catalogs/prod"';

/**
 * The dev stage with `unityCatalog` set to `unityCatalog`: dev accepts every kind of principal, so only the
 * field's own pattern decides here (what staging and prod refuse on top is in config-access.test.ts).
 */
const devWith = (unityCatalog: Record<string, unknown>) => ({ ...rawDev(), unityCatalog });

/** The problem lines for `raw` on dev, or [] when it is accepted. */
const problemsOf = (raw: Record<string, unknown>) => configProblems(raw, "dev");

/** The line for a rejected value of `key` (long values are shortened in the message, so only its start is given). */
const problem = (key: string, value: string, expected: string) =>
  value.length > 60
    ? expect.stringMatching(new RegExp(`^  - databricks-mlops:unityCatalog\\.${key.replace(/[[\]]/g, "\\$&")}: got "${value.slice(0, 60)}.*; ${expected.replace(/[().]/g, "\\$&")}$`))
    : `  - databricks-mlops:unityCatalog.${key}: got ${JSON.stringify(value)}; ${expected}`;
/** Test cases with readable titles: `[title, value]`. */
const cases = (values: string[]): [string, string][] =>
  values.map((v) => [v.length > 40 ? `"${v.slice(0, 3)}..." (${v.length} characters)` : JSON.stringify(v), v]);
/** 256 characters: one more than Unity Catalog allows in a name. */
const TOO_LONG = "a".repeat(256);

describe("unityCatalog.extraGrants[].principal", () => {
  const grantTo = (principal: string) => devWith({ extraGrants: [{ principal, privileges: ["SELECT"] }] });

  it.each(cases(["analysts", "Data Team 2", "ana@example.com", SP_PROD]))("accepts %s", (_title, principal) => {
    expect(problemsOf(grantTo(principal))).toEqual([]);
  });

  it.each(cases(["", " analysts", "analysts!", "-leading-dash", "ana@example", TOO_LONG]))("rejects %s", (_title, principal) => {
    expect(problemsOf(grantTo(principal))).toEqual([problem("extraGrants[0].principal", principal, PRINCIPAL)]);
  });
});

describe("unityCatalog.owner", () => {
  it.each(cases(["platform-admins", "ana@example.com", SP_PROD]))("accepts %s and makes it the owner", (_title, owner) => {
    expect(parseStageConfig(devWith({ owner }), "dev").unityCatalog.owner).toBe(owner);
  });

  it.each(cases(["", "owner!", " platform-admins", "ana@"]))("rejects %s", (_title, owner) => {
    expect(problemsOf(devWith({ owner }))).toEqual([problem("owner", owner, PRINCIPAL)]);
  });
});

describe("unityCatalog.catalogName", () => {
  it.each(cases(["prod_mlops", "a", "ml2", TOO_LONG.slice(1)]))("accepts %s", (_title, catalogName) => {
    expect(parseStageConfig(devWith({ catalogName }), "prod").unityCatalog.catalogName).toBe(catalogName);
  });

  it.each(cases(["", "Prod_mlops", "prod-mlops", "prod mlops", "2prod", "_prod", "prod.mlops", TOO_LONG]))("rejects %s", (_title, catalogName) => {
    expect(problemsOf(devWith({ catalogName }))).toEqual([problem("catalogName", catalogName, CATALOG_NAME)]);
  });
});

describe("unityCatalog.storageRoot", () => {
  it.each(cases(["s3://my-bucket", "s3://my-bucket/catalogs/prod", "s3://my.bucket-01/x/"]))("accepts %s", (_title, storageRoot) => {
    expect(parseStageConfig(devWith({ storageRoot }), "prod").unityCatalog.storageRoot).toBe(storageRoot);
  });

  it.each(cases(["", "my-bucket/catalogs", "https://my-bucket/catalogs", "s3://", "s3://ab", "s3://My-Bucket/x", "s3://-bucket/x", "s3a://my-bucket", "s3://my bucket/x"]))("rejects %s", (_title, storageRoot) => {
      expect(problemsOf(devWith({ storageRoot }))).toEqual([problem("storageRoot", storageRoot, STORAGE_ROOT)]);
    },
  );
});
