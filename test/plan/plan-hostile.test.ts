/**
 * The fixture's hostile stack (test/fixtures/mini-project, mini-mlops:scenario: hostile), planned as users
 * run it with the prod policy config: a secret grants list that gives a human group write power, every way
 * to break each stack rule, and the doors around the grants (secret scopes, a Git credential, instance
 * profiles, compute entitlements, legacy data access), each on its own securable so every verdict names one resource.
 */
import type { PlanDocument } from "../../tools/plan/types";
import { renderMarkdown } from "../../tools/plan/render-markdown";
import { renderText } from "../../tools/plan/render-text";
import { CliRun, runPlanCli } from "./run-cli";
// The hostile fixture is a prod stage of another program; the shipped inventory describes the real one.
import { policyConfigWithoutInventory } from "../support/policy-config";


const HOSTILE = ["--stack", "hostile", "--cwd", "test/fixtures/mini-project", "--policy-pack", "../../../policies", "--policy-pack-config", policyConfigWithoutInventory("prod")];
/** Every value inside the hostile stack's `pulumi.secret(...)` grants list. */
const SECRET_VALUES = ["risk-analysts-7q", "MODIFY", "ALL_PRIVILEGES"];
/** The Git credential's token, a secret of its own. */
const GIT_TOKEN = "ghp-hostile-7q";
/** The AWS secret key a job cluster's Spark configuration holds as a Pulumi secret, and the key id it holds plain. */
const AWS_SECRET_KEY = "hostile-aws-secret-7q";
const AWS_KEY_ID = "AKIAHOSTILEEXAMPLE7Q";

const runs: Record<string, CliRun> = {};

beforeAll(async () => {
  runs.hostile = await runPlanCli([...HOSTILE, "--json"]);
}, 60000);

describe("the hostile stack", () => {
  const hostile = (): PlanDocument => JSON.parse(runs.hostile.stdout) as PlanDocument;
  const verdicts = (rule: string) =>
    hostile()
      .policyViolations.filter((v) => v.policyName === rule)
      .map((v) => [v.enforcementLevel, v.urn.split("::").pop(), v.message.split("\n").pop()]);

  test("exits 1, naming every broken rule with its resources on stderr", () => {
    const run = runs.hostile;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^plan of stack hostile failed: \d+ mandatory policy violations\n/);
    expect(run.stderr).toMatch(/\n {2}access-restrict-principals: .*databricks:index\/grants:Grants secret-grants/);
    expect(run.stderr).toContain("  grants-forbid-all-privileges: databricks:index/grants:Grants secret-grants\n");
    expect(run.stderr).toMatch(/\n {2}grants-forbid-mixed-kinds: .*databricks:index\/grants:Grants twin-grants-b/);
    expect(run.stderr).toMatch(/\n {2}catalog-restrict-workspace-bindings: .*databricks:index\/workspaceBinding:WorkspaceBinding stray-binding/);
    expect(run.stderr).toMatch(/\n {2}identities-forbid-escalation: .*databricks:index\/groupMember:GroupMember admins-member/);
    expect(run.stderr).toMatch(/\n {2}identities-forbid-escalation: .*databricks:index\/servicePrincipalSecret:ServicePrincipalSecret writer-secret/);
    expect(run.stderr).toMatch(/\n {2}identities-forbid-escalation: .*databricks:index\/gitCredential:GitCredential writer-git/);
    expect(run.stderr).toMatch(/\n {2}access-restrict-principals: .*databricks:index\/secretAcl:SecretAcl reader-secret-read/);
    expect(run.stderr).toMatch(/\n {2}identities-restrict-entitlements: .*databricks:index\/entitlements:Entitlements authors-clusters/);
    expect(run.stderr).toMatch(/\n {2}data-forbid-legacy-access: .*databricks:index\/sqlPermissions:SqlPermissions any-file-acl/);
    expect(run.stderr).toMatch(/\n {2}secrets-forbid-plain-aws-keys: .*databricks:index\/job:Job aws-keys-job/);
  });

  test("identities-forbid-escalation: a member put in a group, a secret minted for a service principal, a Git token, an instance profile", () => {
    expect(verdicts("identities-forbid-escalation").map(([level, name]) => [level, name]).sort()).toEqual([
      ["mandatory", "admins-member"],
      ["mandatory", "analysts-profile"],
      ["mandatory", "writer-git"],
      ["mandatory", "writer-secret"],
    ]);
    expect(verdicts("identities-forbid-escalation").find(([, name]) => name === "writer-git")?.[2]).toBe(
      "GitCredential 'writer-git' stores a Git personal access token (gitHub) in the workspace for the identity that deploys the stack (the stage's writer), " +
        "kept in the stack's state; whoever reads the state acts on Git as that identity, on the repositories the stage's jobs run from. Give jobs read access to Git " +
        "outside the stack (the Databricks GitHub App, or a credential the identity administrators set).",
    );
  });

  test("access-restrict-principals on secret scopes: READ for a reader group in another spelling, MANAGE for every user", () => {
    const scopes = verdicts("access-restrict-principals")
      .filter(([, name]) => name === "reader-secret-read" || name === "open-scope")
      .sort(([, a], [, b]) => String(b).localeCompare(String(a)));
    const trusted = "only '7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e' may hold a secret scope's ACL (writerPrincipal and adminPrincipals in this stage's policy config)";
    expect(scopes).toEqual([
      [
        "mandatory",
        "reader-secret-read",
        "SecretAcl 'reader-secret-read' gives 'MLOps-Data-Scientists' READ on secret scope 'prod-mlops'; whoever reads a scope holds the credentials in it, " +
          `and reader groups read data, never the credentials of the writer: ${trusted}.`,
      ],
      [
        "mandatory",
        "open-scope",
        "SecretScope 'open-scope' gives 'users' MANAGE on the scope from its creation (initialManagePrincipal); it is an account-wide group, so every user " +
          `would read the stage's credentials: ${trusted}. Leave initialManagePrincipal unset, so the writer that creates the scope manages it alone.`,
      ],
    ]);
  });

  test("identities-restrict-entitlements: cluster creation as a flag, instance pools as a workspace assignment's entitlement", () => {
    expect(verdicts("identities-restrict-entitlements").map(([level, name, message]) => [level, name, message?.split(";")[0]]).sort()).toEqual([
      ["mandatory", "authors-clusters", "Entitlements 'authors-clusters' lets groupId '1001' create compute (allowClusterCreate)"],
      ["mandatory", "pool-assignment", "WorkspaceIamWorkspaceAssignmentV2 'pool-assignment' lets principalId '1001' create compute (ALLOW_INSTANCE_POOL_CREATE)"],
    ]);
  });

  test("workspace-restrict-assignments: a V2 workspace assignment of an id the config does not list", () => {
    expect(verdicts("workspace-restrict-assignments").filter(([, name]) => name === "pool-assignment")).toEqual([
      [
        "mandatory",
        "pool-assignment",
        "Workspace assignment 'pool-assignment' assigns '1001' to the workspace, but only 'mlops-data-scientists', 'mlops-ml-engineers' " +
          "may be assigned (userPrincipals in this stage's policy config).",
      ],
    ]);
  });

  test("data-forbid-legacy-access: legacy ACLs on ANY FILE naming their privileges, a DBFS mount, a warehouse with an AWS role", () => {
    const legacy = verdicts("data-forbid-legacy-access").filter(([, name]) => name !== "aws-keys-job");
    expect(legacy.map(([level, name, message]) => [level, name, message?.split(" through ")[0].split(" into ")[0]]).sort()).toEqual([
      ["mandatory", "any-file-acl", "SqlPermissions 'any-file-acl' grants 'mlops-data-scientists' SELECT, READ_METADATA on ANY FILE (every file a cluster can reach, past every table ACL)"],
      ["mandatory", "profiled-warehouse", "SQL warehouse 'profiled-warehouse' runs with instance profile 'arn:aws:iam::123456789012:instance-profile/prod-data' (instanceProfileArn), so its code reaches storage with that AWS role, outside Unity Catalog's grants. Remove it; use Unity Catalog: a grant on a catalog, schema, table or volume, or an external location, judged by the access rules."],
      ["mandatory", "raw-mount", "Mount 'raw-mount' mounts s3://prod-raw-data"],
    ]);
  });

  test("AWS keys on a job cluster: refused as access outside Unity Catalog (a reference too) and, where literal, as a credential in clear text", () => {
    const where = "Job cluster 'keyed' of Job 'aws-keys-job' sets";
    const outside = "so it reaches storage outside Unity Catalog's grants. Remove it; use Unity Catalog: a grant on a catalog, schema, table or volume, or an external location, judged by the access rules.";
    // The engine sends a map's keys sorted.
    expect(verdicts("data-forbid-legacy-access").filter(([, name]) => name === "aws-keys-job")).toEqual([
      ["mandatory", "aws-keys-job", `${where} 'Spark.Hadoop.FS.S3A.AWS.Credentials.Provider' (sparkConf), which chooses the AWS identity its code runs with, ${outside}`],
      ["mandatory", "aws-keys-job", `${where} 'spark.executorEnv.AWS_ACCESS_KEY_ID' (sparkConf), which hands its code an AWS credential, ${outside}`],
      ["mandatory", "aws-keys-job", `${where} 'spark.hadoop.fs.s3a.access.key' (sparkConf), which hands its code an AWS credential, ${outside}`],
      ["mandatory", "aws-keys-job", `${where} 'spark.hadoop.fs.s3a.secret.key' (sparkConf), which hands its code an AWS credential, ${outside}`],
    ]);
    const leak =
      "to a literal value, not a {{secrets/<scope>/<key>}} reference: the AWS credential is kept in clear text in the stack's state and plan, and in the resource's settings, " +
      'which every user who can view it reads. Put it in a Databricks secret scope and write "{{secrets/<scope>/<key>}}" instead; then rotate the key, which is in the state of every earlier deployment.';
    expect(verdicts("secrets-forbid-plain-aws-keys")).toEqual([
      ["mandatory", "aws-keys-job", `${where} 'spark.executorEnv.AWS_ACCESS_KEY_ID' (sparkConf) ${leak}`],
      ["mandatory", "aws-keys-job", `${where} 'spark.hadoop.fs.s3a.secret.key' (sparkConf) ${leak}`],
    ]);
    // The secret key, given as a Pulumi secret, appears nowhere; the key id, written plain, is in the job's inputs (the leak refused) but in no message.
    expect([runs.hostile.stdout.includes(AWS_SECRET_KEY), runs.hostile.stderr.includes(AWS_SECRET_KEY)]).toEqual([false, false]);
    expect(runs.hostile.stdout).toContain(AWS_KEY_ID);
    expect(hostile().policyViolations.filter((v) => v.message.includes(AWS_KEY_ID) || v.message.includes(AWS_SECRET_KEY))).toEqual([]);
  });

  test("no value of the secret grants list appears in the JSON, on stderr, or in the text and markdown of the same plan", () => {
    // One process: the text and markdown renderers show nothing the document does not hold, so they
    // are rendered here from the very document the CLI printed.
    const result = { document: hostile(), stage: "prod", policy: { packName: "p", packVersion: "1", policyCount: 7 }, timings: { configMs: 0, programMs: 0, policyMs: 0 } };
    const outputs = { json: runs.hostile.stdout, stderr: runs.hostile.stderr, text: renderText(result), markdown: renderMarkdown(result) };
    for (const [format, output] of Object.entries(outputs)) {
      // The text wraps at spaces, so a value with a space could be split over two lines: read it unwrapped too.
      const unwrapped = output.replace(/\s+/g, " ");
      for (const secret of [...SECRET_VALUES, GIT_TOKEN, AWS_SECRET_KEY]) {
        expect({ format, leaks: output.includes(secret) || unwrapped.includes(secret) }).toEqual({ format, leaks: false });
      }
    }
    expect(outputs.markdown).toContain("Principal '[secret]' is granted write privileges [secret], [secret]");
  });

  test("the pack judges the secret grants by their real values; people see them blinded", () => {
    const step = hostile().steps.find((s) => s.name === "secret-grants");
    expect(step?.inputs).toEqual({ grants: "[secret]", schema: "prod_ml.secret_area" });
    expect(verdicts("access-restrict-principals").filter(([, name]) => name === "secret-grants")).toEqual([
      [
        "mandatory",
        "secret-grants",
        "Principal '[secret]' is granted write privileges [secret], [secret] on schema 'prod_ml.secret_area', but it is neither this stage's writer " +
          "nor one of its reader groups: only '7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e' may write (writerPrincipal in this stage's policy config), " +
          "and the reader groups are 'mlops-data-scientists', 'mlops-ml-engineers'. A stack cannot widen access by itself: change the policy config first, in a reviewed change.",
      ],
    ]);
    expect(verdicts("grants-forbid-all-privileges").map(([level, name]) => [level, name])).toEqual([["mandatory", "secret-grants"]]);
  });

  test("grants-forbid-mixed-kinds: Grants beside Grant, two Grants, two Grant for one principal", () => {
    expect(verdicts("grants-forbid-mixed-kinds")).toEqual([
      ["mandatory", "mixed-grant", "Schema 'prod_ml.mixed' is managed by both Grants 'mixed-grants' and Grant 'mixed-grant'; Grants replaces every grant on it, so they undo each other on every update."],
      ["mandatory", "twin-grants-b", "Schema 'prod_ml.twins' is managed by 2 Grants resources ('twin-grants-a', 'twin-grants-b'); each replaces the other's grants, so merge them into one."],
      ["mandatory", "dup-grant-b", "Schema 'prod_ml.dups' has 2 Grant resources for principal '7c9d2e41-8f6a-4b5c-9d0e-1f2a3b4c5d6e' ('dup-grant-a', 'dup-grant-b'); merge them into one."],
    ]);
  });

  test("catalog-restrict-workspace-bindings: two READ_WRITE bindings, a binding to an undeclared catalog", () => {
    const found = verdicts("catalog-restrict-workspace-bindings");
    expect(found).toContainEqual([
      "mandatory",
      "prod-catalog",
      "Catalog 'prod_ml' has 2 READ_WRITE workspace bindings (workspaces '1000000000000003', '1000000000000004'); at most one workspace may write to it.",
    ]);
    expect(found).toContainEqual([
      "mandatory",
      "stray-binding",
      "Workspace binding 'stray-binding' targets catalog 'someone_elses_catalog', which this stack does not declare; the stack that owns a catalog must declare its bindings.",
    ]);
  });
});

describe("the hostile stack: code that is not the reviewed Git code", () => {
  const hostile = (): PlanDocument => JSON.parse(runs.hostile.stdout) as PlanDocument;
  const verdicts = (rule: string, names: string[]) =>
    hostile()
      .policyViolations.filter((v) => v.policyName === rule && names.includes(v.urn.split("::").pop() ?? ""))
      .map((v) => [v.enforcementLevel, v.urn.split("::").pop(), v.message.split("\n").pop()]);
  /** The token test/fixtures/mini-project/hostile-sources.ts writes into two URLs. */
  const URL_TOKEN = "ghp-url-hostile-9k";
  const CASES = ["fork-job", "token-job", "library-job", "loop-job", "user-pipeline", "token-repo"];

  test("jobs-require-git-source: a fork, a wheel from DBFS, an unpinned package, a Spark submit task, a workspace notebook inside a for-each task, a pipeline from a person's folder", () => {
    const allowedNone = "from outside the artifact locations this stage allows (allowed: none).";
    expect(verdicts("jobs-require-git-source", CASES)).toEqual([
      ["mandatory", "user-pipeline", "Pipeline 'prod-user-pipeline' runs notebook '/Users/ana@example.com/Bronze' from outside the workspace folders this stage allows for pipeline source (allowed: none); deploy it into such a folder from the stage's Git ref."],
      ["mandatory", "fork-job", "Job 'fork-job' runs code from repository 'https://github.com/attacker/mlops-ml-code', which this stage does not allow (allowed repositories: https://github.com/example-org/mlops-ml-code)."],
      ["mandatory", "loop-job", "Job 'loop-job' task 'each/score' runs '/Workspace/Users/ana@example.com/Score' from the workspace; use source GIT and a path relative to the repository."],
      ["mandatory", "library-job", "Job 'library-job' task 'submit' is a Spark submit task (files named in its parameters), whose code cannot be traced to the repository's reviewed ref; run the code as a notebook, Python file, SQL file, dbt, wheel or JAR task."],
      ["mandatory", "library-job", `Job 'library-job' task 'score' loads wheel 'dbfs:/FileStore/wheels/churn.whl' ${allowedNone}`],
      ["mandatory", "library-job", "Job 'library-job' task 'score' installs PyPI package 'scikit-learn' without an exact version, so each run gets whatever the index serves that day (pin it: 'name==1.2.3')."],
    ]);
  });

  test("sources-forbid-url-credentials: a token in a job's Git URL and in a Git folder's URL, given as secrets, refused with the token masked", () => {
    const tail = "they are kept in the stack's state and shown to everyone who can read the resource's settings. Remove them and let the workspace authenticate instead.";
    expect(verdicts("sources-forbid-url-credentials", CASES)).toEqual([
      ["mandatory", "token-repo", `Repo 'token-repo' has credentials written into the URL at url ('https://***@github.com/example-org/mlops-ml-code'): ${tail}`],
      ["mandatory", "token-job", `Job 'token-job' has credentials written into the URL at gitSource.url ('https://***@github.com/example-org/mlops-ml-code'): ${tail}`],
    ]);
    expect(runs.hostile.stderr).toMatch(/\n {2}sources-forbid-url-credentials: .*databricks:index\/job:Job token-job/);
  });

  test("only the code-source rules fire on these cases, and the token appears in no output", () => {
    const rules = hostile().policyViolations.filter((v) => CASES.includes(v.urn.split("::").pop() ?? "")).map((v) => v.policyName);
    // Besides the code-source rules, the default deny refuses the types among these cases that prod does not admit.
    expect([...new Set(rules)].sort()).toEqual(["jobs-require-git-source", "resources-restrict-types", "sources-forbid-url-credentials"]);
    const result = { document: hostile(), stage: "prod", policy: { packName: "p", packVersion: "1", policyCount: 7 }, timings: { configMs: 0, programMs: 0, policyMs: 0 } };
    for (const [format, output] of Object.entries({ json: runs.hostile.stdout, stderr: runs.hostile.stderr, text: renderText(result), markdown: renderMarkdown(result) })) {
      expect({ format, leaks: output.includes(URL_TOKEN) }).toEqual({ format, leaks: false });
    }
  });
});
