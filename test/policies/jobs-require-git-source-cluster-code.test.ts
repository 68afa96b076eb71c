/**
 * jobs-require-git-source over code that runs on every cluster without a job showing it: a cluster policy's
 * libraries and the attributes its definition fixes or defaults, and global init scripts.
 */
import { jobsRequireGitSource } from "../../policies/rules/jobs-require-git-source";
import { findClusterPolicyCodeGaps } from "../../policies/lib/code-sources/cluster-policy-code";
import { CLUSTER_POLICY, GLOBAL_INIT_SCRIPT } from "../../policies/lib/resource-types";
import { REPOSITORY as url } from "../pipelines/fixtures";
import { invokeRule } from "./invoke-rule";

const VOLUME = "/Volumes/prod_mlops/ml_assets/artifacts";
const prod = { allowedRepositories: [url], allowedArtifactLocations: [VOLUME], allowedPackageIndexes: [] };
const where = "ClusterPolicy 'jobs' (definition)";
const definition = (rules: Record<string, unknown>) => JSON.stringify(rules);
const policy = (props: Record<string, unknown>) => ({ type: CLUSTER_POLICY, name: "p", props: { name: "jobs", ...props } });

describe("jobs-require-git-source, cluster policies", () => {
  test("a policy whose libraries, init scripts and settings the stage allows passes, and so do values it only allows", () => {
    const props = {
      libraries: [{ whl: `${VOLUME}/churn.whl` }, { pypi: { package: "pandas==2.2.3" } }],
      definition: definition({
        "init_scripts.0.volumes.destination": { type: "fixed", value: `${VOLUME}/init.sh` },
        "init_scripts.*.workspace.destination": { type: "allowlist", values: ["/Workspace/Shared/init.sh"] },
        "spark_conf.spark.jars": { type: "forbidden" },
        "spark_conf.spark.databricks.cluster.profile": { type: "fixed", value: "singleNode" },
        "spark_env_vars.PYTHONPATH": { type: "unlimited" },
        "spark_env_vars.STAGE": { type: "fixed", value: "prod" },
        data_security_mode: { type: "fixed", value: "USER_ISOLATION" },
      }),
    };
    expect(invokeRule(jobsRequireGitSource, policy(props), prod)).toEqual({ violations: [] });
  });

  test("libraries from outside the artifact locations or unpinned are refused", () => {
    const props = { libraries: [{ jar: "dbfs:/FileStore/x.jar" }, { pypi: { package: "requests" } }] };
    expect(findClusterPolicyCodeGaps("p", { name: "jobs", ...props }, prod)).toEqual([
      `ClusterPolicy 'jobs' loads JAR 'dbfs:/FileStore/x.jar' from outside the artifact locations this stage allows (allowed: ${VOLUME}).`,
      "ClusterPolicy 'jobs' installs PyPI package 'requests' without an exact version, so each run gets whatever the index serves that day (pin it: 'name==1.2.3').",
    ]);
  });

  test("a fixed init script destination outside the artifact locations is refused", () => {
    const props = { definition: definition({ "init_scripts.0.workspace.destination": { type: "fixed", value: "/Workspace/Shared/init.sh" } }) };
    expect(findClusterPolicyCodeGaps("p", { name: "jobs", ...props }, prod)).toEqual([
      `${where} fixes 'init_scripts.0.workspace.destination' and so loads init script (workspace) '/Workspace/Shared/init.sh' from outside the artifact locations this stage allows (allowed: ${VOLUME}).`,
    ]);
  });

  test("a default init script destination is refused, whatever the rule type beside it", () => {
    const props = { definition: definition({ "init_scripts.*.s3.destination": { type: "unlimited", defaultValue: "s3://scratch/init.sh" } }) };
    expect(findClusterPolicyCodeGaps("p", { name: "jobs", ...props }, prod)).toEqual([
      `${where} defaults 'init_scripts.*.s3.destination' and so loads init script (s3) 's3://scratch/init.sh' from outside the artifact locations this stage allows (allowed: ${VOLUME}).`,
    ]);
  });

  test("a fixed code-loading Spark property is refused", () => {
    const props = { definition: definition({ "spark_conf.spark.jars.packages": { type: "fixed", value: "com.example:x:1.0" } }) };
    expect(findClusterPolicyCodeGaps("p", { name: "jobs", ...props }, prod)).toEqual([
      `${where} fixes 'spark_conf.spark.jars.packages' and so sets Spark property 'spark.jars.packages', which loads code outside the libraries this rule judges (load it as a library the stage allows).`,
    ]);
  });

  test("a default code-loading environment variable is refused", () => {
    const props = { definition: definition({ "spark_env_vars.PIP_INDEX_URL": { type: "regex", pattern: ".*", defaultValue: "https://pypi.attacker.example/simple" } }) };
    expect(findClusterPolicyCodeGaps("p", { name: "jobs", ...props }, prod)).toEqual([
      `${where} defaults 'spark_env_vars.PIP_INDEX_URL' and so sets environment variable 'PIP_INDEX_URL', which changes where pip, Python or the JVM load code from.`,
    ]);
  });

  test("a fixed container image is refused", () => {
    const props = { definition: definition({ "docker_image.url": { type: "fixed", value: "ghcr.io/attacker/spark:latest" } }) };
    expect(findClusterPolicyCodeGaps("p", { name: "jobs", ...props }, prod)).toEqual([
      `${where} fixes 'docker_image.url' and so runs in container image 'ghcr.io/attacker/spark:latest', whose contents no review of the repository saw.`,
    ]);
  });

  test("a family's overrides are judged in place of a definition", () => {
    const props = { policyFamilyId: "job-cluster", policyFamilyDefinitionOverrides: definition({ "spark_conf.spark.submit.pyFiles": { type: "fixed", value: "dbfs:/x.zip" } }) };
    expect(findClusterPolicyCodeGaps("p", { name: "jobs", ...props }, prod)).toEqual([
      "ClusterPolicy 'jobs' (policyFamilyDefinitionOverrides of family 'job-cluster') fixes 'spark_conf.spark.submit.pyFiles' and so sets Spark property 'spark.submit.pyFiles', which loads code outside the libraries this rule judges (load it as a library the stage allows).",
    ]);
  });

  test("a definition the pack cannot read is refused", () => {
    expect(findClusterPolicyCodeGaps("p", { name: "jobs", definition: "{not json" }, prod)).toEqual([
      "ClusterPolicy 'jobs' (definition) cannot be judged: its definition is not valid JSON, so the pack cannot tell whether its clusters may load code from outside the stage's reviewed sources. Give it a JSON object of attribute rules.",
    ]);
  });

  test("a definition unknown during preview fails closed", () => {
    class UnknownValueError extends Error {}
    const props = Object.defineProperty({ name: "jobs" }, "definition", {
      enumerable: true,
      get: () => {
        throw new UnknownValueError("string value at .definition can't be known during preview");
      },
    });
    expect(invokeRule(jobsRequireGitSource, { type: CLUSTER_POLICY, name: "p", props }, prod).violations).toEqual([
      expect.stringMatching(/^ClusterPolicy 'p' cannot be checked during preview: string value at \.definition can't be known during preview\. This rule fails closed/),
    ]);
  });
});

describe("jobs-require-git-source, global init scripts", () => {
  const tail = "on every cluster of the workspace, which no review of the repository's ref saw; put the init script on the clusters that need it (or fix it in their cluster policy) from the stage's artifact locations instead.";

  test("a script from a file of the deploying machine is refused, even one in a path shaped like the artifact volume", () => {
    const script = { type: GLOBAL_INIT_SCRIPT, name: "g", props: { name: "setup", source: `${VOLUME}/init.sh`, enabled: true } };
    expect(invokeRule(jobsRequireGitSource, script, prod).violations).toEqual([`GlobalInitScript 'setup' runs a script from the file '${VOLUME}/init.sh' of the deploying machine ${tail}`]);
  });

  test("an inline script is refused", () => {
    const script = { type: GLOBAL_INIT_SCRIPT, name: "g", props: { contentBase64: Buffer.from("pip install x").toString("base64") } };
    expect(invokeRule(jobsRequireGitSource, script, prod).violations).toEqual([`GlobalInitScript 'g' runs a script from inline contentBase64 ${tail}`]);
  });
});
