/**
 * The registered stack rules, called as the policy server calls them on small stacks: which resources each
 * reads, the facts it takes from them (names, dependencies, providers), the URN each finding names, and
 * when it does not apply. The checks' own cases are in each rule's test file.
 */
import * as types from "../../policies/lib/resource-types";
import { alertsRequireMonitorAlerts } from "../../policies/rules/alerts-require-monitor-alerts";
import { awsRequireBucketEncryption } from "../../policies/rules/aws-require-bucket-encryption";
import { awsRequireBucketPublicAccessBlock } from "../../policies/rules/aws-require-bucket-public-access-block";
import { awsRequireBucketTls } from "../../policies/rules/aws-require-bucket-tls";
import { catalogRestrictWorkspaceBindings } from "../../policies/rules/catalog-restrict-workspace-bindings";
import { grantsForbidMixedKinds } from "../../policies/rules/grants-forbid-mixed-kinds";
import { modelsRequireStageCatalog } from "../../policies/rules/models-require-stage-catalog";
import { monitoringRequireMonitors } from "../../policies/rules/monitoring-require-monitors";
import { permissionsRequireExplicit } from "../../policies/rules/permissions-require-explicit";
import { workspaceRequireLegacyDisabled } from "../../policies/rules/workspace-require-legacy-disabled";
import { invokeStackRule, stackResource as res } from "./invoke-stack-rule";

const urn = (type: string, name: string) => `urn:pulumi:prod::databricks-mlops::${type}::${name}`;
const unrelated = [res("aws:iam/role:Role", "role")];

/** The SDK's error for a read of a value unknown during preview, recognised by its class name. */
class UnknownValueError extends Error {}

/** Props whose `unknown` fields throw on read, as the SDK's proxy does during preview. */
function unknownProps(unknown: string[], known: Record<string, unknown> = {}): Record<string, unknown> {
  const props = { ...known };
  for (const key of unknown) {
    Object.defineProperty(props, key, {
      enumerable: true,
      get: () => {
        throw new UnknownValueError(`string value at .${key} can't be known during preview`);
      },
    });
  }
  return props;
}

describe("the S3 bucket rules", () => {
  const bucket = res(types.AWS_S3_BUCKET_V2, "data", { bucket: "prod-data" });

  const at = urn(types.AWS_S3_BUCKET_V2, "data");

  test("report each bucket's gaps at the bucket's URN, with the settings that name it", () => {
    expect(invokeStackRule(awsRequireBucketEncryption, [bucket])).toEqual({
      violations: [
        {
          urn: at,
          message: `Bucket 'prod-data' has no default encryption; declare a BucketServerSideEncryptionConfiguration with sseAlgorithm "aws:kms" and the stage's KMS key.`,
        },
      ],
    });
    const block = res(types.AWS_S3_BUCKET_PUBLIC_ACCESS_BLOCK, "pab", { bucket: "prod-data", blockPublicAcls: true });
    expect(invokeStackRule(awsRequireBucketPublicAccessBlock, [bucket, block])).toEqual({
      violations: [
        {
          urn: at,
          message: "Bucket 'prod-data': public-access block 'pab' leaves blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets off; set all four to true.",
        },
      ],
    });
    const policy = res(types.AWS_S3_BUCKET_POLICY, "pol", { policy: "{}" }, { propertyDependsOn: { bucket: [bucket] } });
    expect(invokeStackRule(awsRequireBucketTls, [bucket, policy])).toEqual({
      violations: [
        {
          urn: at,
          message:
            "Bucket 'prod-data' has a policy that allows requests without TLS; add a statement that denies \"s3:*\" to Principal \"*\" " +
            "on arn:aws:s3:::prod-data and arn:aws:s3:::prod-data/* when aws:SecureTransport is \"false\".",
        },
      ],
    });
  });

  test("do not apply to a stack without buckets", () => {
    for (const rule of [awsRequireBucketEncryption, awsRequireBucketTls]) {
      expect(invokeStackRule(rule, unrelated)).toEqual({ violations: [], notApplicable: "Policy only applies to stacks that declare S3 buckets" });
    }
    expect(invokeStackRule(awsRequireBucketPublicAccessBlock, unrelated)).toEqual({
      violations: [],
      notApplicable: "Policy only applies to stacks that declare S3 buckets or public-access blocks",
    });
  });
});

describe("catalog-restrict-workspace-bindings", () => {
  test("reads catalogs and bindings of both binding types, with their dependencies", () => {
    const catalog = res(types.CATALOG, "cat", { name: "prod_mlops", isolationMode: "ISOLATED" });
    const rw = res(types.WORKSPACE_BINDING, "rw", { securableName: "prod_mlops", workspaceId: "1", bindingType: "BINDING_TYPE_READ_WRITE" });
    const rw2 = res(types.CATALOG_WORKSPACE_BINDING, "rw2", { workspaceId: "2", bindingType: "BINDING_TYPE_READ_WRITE" }, { propertyDependsOn: { securableName: [catalog] } });
    expect(invokeStackRule(catalogRestrictWorkspaceBindings, [catalog, rw, rw2])).toEqual({
      violations: [
        {
          urn: urn(types.CATALOG, "cat"),
          message: "Catalog 'prod_mlops' has 2 READ_WRITE workspace bindings (workspaces '1', '2'); at most one workspace may write to it.",
        },
      ],
    });
  });

  test("does not apply without catalogs and bindings", () => {
    expect(invokeStackRule(catalogRestrictWorkspaceBindings, unrelated)).toEqual({
      violations: [],
      notApplicable: `Policy only applies to resources of type '${types.CATALOG}', '${types.WORKSPACE_BINDING}', '${types.CATALOG_WORKSPACE_BINDING}'`,
    });
  });
});

describe("grants-forbid-mixed-kinds", () => {
  test("reads Grants and Grant resources, with their principals", () => {
    const grants = res(types.GRANTS, "all", { catalog: "prod_mlops", grants: [] });
    const grant = res(types.GRANT, "one", { catalog: "prod_mlops", principal: " readers ", privileges: ["SELECT"] });
    expect(invokeStackRule(grantsForbidMixedKinds, [grants, grant, ...unrelated])).toEqual({
      violations: [
        {
          urn: urn(types.GRANT, "one"),
          message: "Catalog 'prod_mlops' is managed by both Grants 'all' and Grant 'one'; Grants replaces every grant on it, so they undo each other on every update.",
        },
      ],
    });
  });

  test("does not apply without grants", () => {
    expect(invokeStackRule(grantsForbidMixedKinds, unrelated)).toEqual({
      violations: [],
      notApplicable: `Policy only applies to resources of type '${types.GRANTS}', '${types.GRANT}'`,
    });
  });
});

describe("models-require-stage-catalog", () => {
  test("reads models and the catalogs the stack declares", () => {
    const catalog = res(types.CATALOG, "cat", { name: "prod_mlops" });
    const inCatalog = res(types.REGISTERED_MODEL, "ok", { name: "churn", catalogName: "prod_mlops" });
    const elsewhere = res(types.REGISTERED_MODEL, "bad", { name: "churn2", catalogName: "dev_mlops" });
    const nameless = res(types.REGISTERED_MODEL, "anon", { catalogName: 3 });
    expect(invokeStackRule(modelsRequireStageCatalog, [catalog, inCatalog, elsewhere, nameless], { catalogNames: ["prod_mlops"] })).toEqual({
      violations: [
        {
          urn: urn(types.REGISTERED_MODEL, "bad"),
          message:
            "Registered model 'churn2' is in catalog 'dev_mlops', which this stack does not declare (prod_mlops); models are registered in the stage's own catalog.",
        },
        {
          urn: urn(types.REGISTERED_MODEL, "anon"),
          message: "Registered model 'anon' names no catalog this stack declares; register it in the stage's own catalog.",
        },
      ],
    });
  });

  test("does not apply without registered models, serving endpoints or monitors", () => {
    expect(invokeStackRule(modelsRequireStageCatalog, [res(types.CATALOG, "cat", { name: "prod_mlops" })])).toEqual({
      violations: [],
      notApplicable: `Policy only applies to resources of types '${types.REGISTERED_MODEL}', '${types.MODEL_SERVING}', '${types.QUALITY_MONITOR}'`,
    });
  });
});

describe("monitoring-require-monitors", () => {
  test("reads endpoints and batch inference jobs, and the monitors on their tables", () => {
    const endpoint = res(types.MODEL_SERVING, "ep", { name: "prod-churn", aiGateway: { inferenceTableConfig: { enabled: true, catalogName: "prod_mlops", schemaName: "inference", tableNamePrefix: "churn" } } });
    const job = res(types.JOB, "batch", { name: "prod-churn-batch", tags: { purpose: "batch-inference" }, tasks: [{ taskKey: "score", notebookTask: { baseParameters: { output_table: "prod_mlops.inference.preds" } } }] });
    expect(invokeStackRule(monitoringRequireMonitors, [endpoint, job])).toEqual({
      violations: [
        {
          urn: urn(types.MODEL_SERVING, "ep"),
          message:
            "Endpoint 'prod-churn''s inference table has no Lakehouse monitor in this stack; declare a QualityMonitor on a table named prod_mlops.inference.churn*.",
        },
        {
          urn: urn(types.JOB, "batch"),
          message:
            "Predictions table 'prod_mlops.inference.preds' of Job 'prod-churn-batch' has no Lakehouse monitor in this stack; declare a QualityMonitor on 'prod_mlops.inference.preds'.",
        },
      ],
    });
    const monitor = res(types.QUALITY_MONITOR, "mon", { tableName: "prod_mlops.inference.preds" });
    expect(invokeStackRule(monitoringRequireMonitors, [endpoint, job, monitor]).violations.map((v) => v.urn)).toEqual([urn(types.MODEL_SERVING, "ep")]);
    const configured = { ...job, props: { ...job.props, tags: { kind: "scoring" }, tasks: [{ taskKey: "score", notebookTask: { baseParameters: { out: "t" } } }] } };
    expect(invokeStackRule(monitoringRequireMonitors, [configured], { purposeTag: "kind", batchInferencePurposes: ["scoring"], outputTableParameter: "out" }).violations).toHaveLength(1);
  });

  test("a monitor whose table name is unknown during preview covers the SqlTable it depends on", () => {
    const job = res(types.JOB, "batch", { tags: { purpose: "batch-inference" }, tasks: [{ taskKey: "score", notebookTask: { baseParameters: { output_table: "prod_mlops.inference.preds" } } }] });
    const table = res(types.SQL_TABLE, "preds", { catalogName: "prod_mlops", schemaName: "inference", name: "preds" });
    const monitor = res(types.QUALITY_MONITOR, "mon", unknownProps(["tableName"]), { propertyDependsOn: { tableName: [table] } });
    expect(invokeStackRule(monitoringRequireMonitors, [job, table, monitor])).toEqual({ violations: [] });
    const other = res(types.QUALITY_MONITOR, "mon", unknownProps(["tableName"]), { dependsOn: [res(types.SQL_TABLE, "x", { catalogName: "prod_mlops", schemaName: "inference", name: "x" })] });
    expect(invokeStackRule(monitoringRequireMonitors, [job, other]).violations).toHaveLength(1);
  });

  test("a SqlTable whose name is unknown during preview names no table, and stops nothing", () => {
    const job = res(types.JOB, "batch", { tags: { purpose: "batch-inference" }, tasks: [{ taskKey: "score", notebookTask: { baseParameters: { output_table: "prod_mlops.inference.preds" } } }] });
    const table = res(types.SQL_TABLE, "preds", unknownProps(["catalogName"], { schemaName: "inference", name: "preds" }));
    const monitor = res(types.QUALITY_MONITOR, "mon", unknownProps(["tableName"]), { dependsOn: [table] });
    expect(invokeStackRule(monitoringRequireMonitors, [job, table, monitor]).violations.map((v) => v.urn)).toEqual([urn(types.JOB, "batch")]);
  });

  test("does not apply without anything to monitor", () => {
    expect(invokeStackRule(monitoringRequireMonitors, unrelated)).toEqual({
      violations: [],
      notApplicable: "No endpoint with an inference table and no batch inference job in this stack",
    });
  });
});

describe("permissions-require-explicit", () => {
  test("reads jobs, clusters and endpoints, and the Permissions that name them", () => {
    const job = res(types.JOB, "job");
    const cluster = res(types.CLUSTER, "cluster");
    const endpoint = res(types.MODEL_SERVING, "ep");
    const acl = res(types.PERMISSIONS, "job-acl", { accessControls: [{ groupName: "g", permissionLevel: "CAN_VIEW" }] }, { propertyDependsOn: { jobId: [job] } });
    expect(invokeStackRule(permissionsRequireExplicit, [job, cluster, endpoint, acl])).toEqual({
      violations: [
        {
          urn: urn(types.CLUSTER, "cluster"),
          message:
            "Cluster 'cluster' has no Permissions resource; declare databricks.Permissions with clusterId set to it and an access control for each principal that may see, run or manage it.",
        },
        {
          urn: urn(types.MODEL_SERVING, "ep"),
          message:
            "ModelServing 'ep' has no Permissions resource; declare databricks.Permissions with servingEndpointId set to it and an access control for each principal that may see, run or manage it.",
        },
      ],
    });
  });

  test("does not apply without jobs, clusters or endpoints", () => {
    expect(invokeStackRule(permissionsRequireExplicit, unrelated)).toEqual({
      violations: [],
      notApplicable: "Policy only applies to stacks that declare jobs, clusters or serving endpoints",
    });
  });
});

describe("workspace-require-legacy-disabled", () => {
  test("reads workspace providers and the legacy settings on them", () => {
    const provider = res(types.DATABRICKS_PROVIDER, "workspace", { host: "https://w" });
    const account = res(types.DATABRICKS_PROVIDER, "account", { accountId: "acc" });
    const access = res(types.DISABLE_LEGACY_ACCESS_SETTING, "access", { disableLegacyAccess: { value: false } }, { provider });
    const dbfs = res(types.DISABLE_LEGACY_DBFS_SETTING, "dbfs", { disableLegacyDbfs: { value: true } }, { provider });
    expect(invokeStackRule(workspaceRequireLegacyDisabled, [provider, account, access, dbfs])).toEqual({
      violations: [
        {
          urn: urn(types.DISABLE_LEGACY_ACCESS_SETTING, "access"),
          message: "Setting 'access' sets disableLegacyAccess value false; set it to true to disable legacy access.",
        },
      ],
    });
  });

  test("does not apply to a stack without a workspace", () => {
    expect(invokeStackRule(workspaceRequireLegacyDisabled, [res(types.DATABRICKS_PROVIDER, "account", { accountId: "acc" })])).toEqual({
      violations: [],
      notApplicable: "Policy only applies to stacks that manage a Databricks workspace",
    });
  });
});

describe("alerts-require-monitor-alerts", () => {
  test("reads monitors and alerts, with their dependencies, queries and subscriptions", () => {
    const monitor = res(types.QUALITY_MONITOR, "mon", { tableName: "prod_mlops.inference.churn_payload", outputSchemaName: "prod_mlops.monitoring" });
    const silent = res(types.ALERT_V2, "silent", { displayName: "drift", queryText: "SELECT 1 FROM prod_mlops.monitoring.churn_payload_drift_metrics", evaluation: { notification: { subscriptions: [] } } });
    const linked = res(types.ALERT_V2, "linked", unknownProps(["queryText"], { evaluation: { notification: { subscriptions: [] } } }), { propertyDependsOn: { queryText: [monitor] } });
    expect(invokeStackRule(alertsRequireMonitorAlerts, [monitor, silent, linked])).toEqual({
      violations: [
        {
          urn: urn(types.ALERT_V2, "silent"),
          message: "Alert 'drift' notifies nobody; add evaluation.notification.subscriptions with a notification destination.",
        },
        {
          urn: urn(types.ALERT_V2, "linked"),
          message: "Alert 'linked' notifies nobody; add evaluation.notification.subscriptions with a notification destination.",
        },
      ],
    });
  });

  test("does not apply without monitors", () => {
    expect(invokeStackRule(alertsRequireMonitorAlerts, unrelated)).toEqual({
      violations: [],
      notApplicable: `Policy only applies to resources of type '${types.QUALITY_MONITOR}'`,
    });
  });
});
