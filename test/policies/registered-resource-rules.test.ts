/**
 * The registered resource rules, called as the policy server calls them: each reports exactly what its
 * check finds for the input it reads (the right property, the resource's name, the merged config), and only
 * for its own types. The checks' cases are in each rule's own test file; this file holds the wiring.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import * as types from "../../policies/lib/resource-types";
import { awsRequireKmsRotation, findKeyRotationGap } from "../../policies/rules/aws-require-kms-rotation";
import { awsForbidDataExpiry, findDataExpiry } from "../../policies/rules/aws-forbid-data-expiry";
import { awsRestrictPolicyDocuments, findResourceDocumentGaps } from "../../policies/rules/aws-restrict-policy-documents";
import { catalogRequireIsolation, findIsolationGap } from "../../policies/rules/catalog-require-isolation";
import { clustersRequireAutoTermination, findAutoTerminationGap } from "../../policies/rules/clusters-require-auto-termination";
import { clustersRequireUcAccessMode, findAccessModeGaps, jobClusterDefinitions } from "../../policies/rules/clusters-require-uc-access-mode";
import { findComputeGaps, jobsForbidAllPurposeClusters } from "../../policies/rules/jobs-forbid-all-purpose-clusters";
import { findPausedRetraining, jobsForbidPausedRetraining } from "../../policies/rules/jobs-forbid-paused-retraining";
import { findMissingFailureNotifications, jobsRequireFailureNotifications } from "../../policies/rules/jobs-require-failure-notifications";
import { DEFAULT_GIT_SOURCE_CONFIG, findGitSourceGaps, jobsRequireGitSource } from "../../policies/rules/jobs-require-git-source";
import { findRunAsGap, jobsRequireServicePrincipalRunAs } from "../../policies/rules/jobs-require-service-principal-run-as";
import { DEFAULT_VALIDATION_CONFIG, findUnvalidatedDeploys, jobsRequireValidationBeforeDeploy } from "../../policies/rules/jobs-require-validation-before-deploy";
import { findScaleToZero, servingForbidScaleToZero } from "../../policies/rules/serving-forbid-scale-to-zero";
import { findMissingInferenceTables, servingRequireInferenceTables } from "../../policies/rules/serving-require-inference-tables";
import { findShortTimeouts, servingRequireLongTimeouts } from "../../policies/rules/serving-require-long-timeouts";
import { findMissingRateLimits, servingRequireRateLimits } from "../../policies/rules/serving-require-rate-limits";
import { findTokenLifetimeGap, tokensRequireLifetime } from "../../policies/rules/tokens-require-lifetime";
import { findOpenIpAccessEntries, workspaceForbidOpenIpAccessLists } from "../../policies/rules/workspace-forbid-open-ip-access-lists";
import { findCustomerManagedKeyGaps, workspaceRequireCustomerManagedKeys } from "../../policies/rules/workspace-require-customer-managed-keys";
import { findCustomerNetworkGap, workspaceRequireCustomerManagedNetwork } from "../../policies/rules/workspace-require-customer-managed-network";
import { findMetastoreMismatch, workspaceRequireSharedMetastore } from "../../policies/rules/workspace-require-shared-metastore";
import { findAssignmentViolations, workspaceRestrictAssignments } from "../../policies/rules/workspace-restrict-assignments";
import { findPrivateAccessGaps, workspaceRestrictPrivateAccess } from "../../policies/rules/workspace-restrict-private-access";
import { invokeRule } from "./invoke-rule";
import { allRules } from "../../policies/rules";
import { judgesType } from "../../policies/lib/judged-types";
import { prodEndpoint } from "./serving-fixtures";

const NAME = "r";
const JOB_WITHOUT_ANYTHING = { name: "prod-churn-training", tasks: [{ taskKey: "deploy", notebookTask: { notebookPath: "deploy" } }] };
const SERVING = { name: "prod-churn", config: { servedEntities: [{ entityName: "m", entityVersion: "1", scaleToZeroEnabled: true, workloadSize: "Small" }] } };

interface Case {
  rule: ResourceValidationPolicy;
  type: string;
  props: Record<string, unknown>;
  config?: object;
  customTimeouts?: Record<string, number>;
  /** What the check itself finds for the same input; must not be empty. */
  expected: string[];
}

const cases: [string, Case][] = [
  ["aws-require-kms-rotation", { rule: awsRequireKmsRotation, type: types.AWS_KMS_KEY, props: { enableKeyRotation: false }, expected: findKeyRotationGap(NAME, false) }],
  (() => {
    const policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::414351767826:root" }, Action: "sts:AssumeRole" }] });
    const props = { assumeRolePolicy: policy };
    return ["aws-restrict-policy-documents, a role's trust", { rule: awsRestrictPolicyDocuments, type: types.AWS_IAM_ROLE, props, expected: findResourceDocumentGaps(types.AWS_IAM_ROLE, NAME, props, {}) }] as [string, Case];
  })(),
  (() => {
    const props = { policy: JSON.stringify({ Statement: { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" } }) };
    const config = { accountId: "123456789012" };
    return ["aws-restrict-policy-documents, a bucket policy", { rule: awsRestrictPolicyDocuments, type: types.AWS_S3_BUCKET_POLICY, props, config, expected: findResourceDocumentGaps(types.AWS_S3_BUCKET_POLICY, NAME, props, config) }] as [string, Case];
  })(),
  (() => {
    const props = { name: "t", ttl: { enabled: true, attributeName: "expires_at" } };
    return ["aws-forbid-data-expiry, a table", { rule: awsForbidDataExpiry, type: types.AWS_DYNAMODB_TABLE, props, expected: findDataExpiry(types.AWS_DYNAMODB_TABLE, NAME, props, {}) }] as [string, Case];
  })(),
  ["catalog-require-isolation", { rule: catalogRequireIsolation, type: types.CATALOG, props: { name: "prod_mlops", isolationMode: "OPEN" }, expected: findIsolationGap({ resourceName: NAME, catalogName: "prod_mlops", isolationMode: "OPEN" }) }],
  ["catalog-require-isolation, a name that is no string", { rule: catalogRequireIsolation, type: types.CATALOG, props: { name: 7, isolationMode: "OPEN" }, expected: findIsolationGap({ resourceName: NAME, catalogName: undefined, isolationMode: "OPEN" }) }],
  ["clusters-require-auto-termination", { rule: clustersRequireAutoTermination, type: types.CLUSTER, props: { autoterminationMinutes: 120 }, config: { maxIdleMinutes: 60 }, expected: findAutoTerminationGap(NAME, 120, { maxIdleMinutes: 60 }) }],
  ["clusters-require-uc-access-mode, a cluster", { rule: clustersRequireUcAccessMode, type: types.CLUSTER, props: { dataSecurityMode: "NONE" }, expected: findAccessModeGaps([{ where: `Cluster '${NAME}'`, dataSecurityMode: "NONE" }]) }],
  (() => {
    const props = { jobClusters: [{ jobClusterKey: "main", newCluster: { dataSecurityMode: "NONE" } }] };
    return ["clusters-require-uc-access-mode, a job", { rule: clustersRequireUcAccessMode, type: types.JOB, props, expected: findAccessModeGaps(jobClusterDefinitions(NAME, props)) }] as [string, Case];
  })(),
  ["jobs-forbid-all-purpose-clusters, a job", { rule: jobsForbidAllPurposeClusters, type: types.JOB, props: { tasks: [{ taskKey: "t", existingClusterId: "0101-abc" }] }, expected: findComputeGaps(types.JOB, NAME, { tasks: [{ taskKey: "t", existingClusterId: "0101-abc" }] }, { allowAllPurposeClusters: false }) }],
  ["jobs-forbid-all-purpose-clusters, a cluster", { rule: jobsForbidAllPurposeClusters, type: types.CLUSTER, props: {}, expected: findComputeGaps(types.CLUSTER, NAME, {}, { allowAllPurposeClusters: false }) }],
  ["jobs-forbid-paused-retraining", { rule: jobsForbidPausedRetraining, type: types.JOB, props: { tags: { purpose: "training" } }, expected: findPausedRetraining(NAME, { tags: { purpose: "training" } }, { purposeTag: "purpose", retrainingPurposes: ["training"] }) }],
  ["jobs-forbid-paused-retraining, a configured tag", { rule: jobsForbidPausedRetraining, type: types.JOB, props: { tags: { kind: "retrain" } }, config: { purposeTag: "kind", retrainingPurposes: ["retrain"] }, expected: findPausedRetraining(NAME, { tags: { kind: "retrain" } }, { purposeTag: "kind", retrainingPurposes: ["retrain"] }) }],
  ["jobs-require-failure-notifications", { rule: jobsRequireFailureNotifications, type: types.JOB, props: JOB_WITHOUT_ANYTHING, expected: findMissingFailureNotifications(NAME, JOB_WITHOUT_ANYTHING) }],
  ["jobs-require-git-source", { rule: jobsRequireGitSource, type: types.JOB, props: JOB_WITHOUT_ANYTHING, expected: findGitSourceGaps(NAME, JOB_WITHOUT_ANYTHING, DEFAULT_GIT_SOURCE_CONFIG) }],
  ["jobs-require-service-principal-run-as", { rule: jobsRequireServicePrincipalRunAs, type: types.JOB, props: JOB_WITHOUT_ANYTHING, expected: findRunAsGap(NAME, JOB_WITHOUT_ANYTHING) }],
  ["jobs-require-validation-before-deploy", { rule: jobsRequireValidationBeforeDeploy, type: types.JOB, props: JOB_WITHOUT_ANYTHING, expected: findUnvalidatedDeploys(NAME, JOB_WITHOUT_ANYTHING, DEFAULT_VALIDATION_CONFIG) }],
  (() => {
    const props = { tasks: [{ taskKey: "ship" }] };
    return ["jobs-require-validation-before-deploy, a configured pattern", { rule: jobsRequireValidationBeforeDeploy, type: types.JOB, props, config: { deployTaskPattern: "^ship" }, expected: findUnvalidatedDeploys(NAME, props, { ...DEFAULT_VALIDATION_CONFIG, deployTaskPattern: "^ship" }) }] as [string, Case];
  })(),
  ["serving-forbid-scale-to-zero", { rule: servingForbidScaleToZero, type: types.MODEL_SERVING, props: SERVING, expected: findScaleToZero(NAME, SERVING) }],
  ["serving-require-inference-tables", { rule: servingRequireInferenceTables, type: types.MODEL_SERVING, props: SERVING, expected: findMissingInferenceTables(NAME, SERVING) }],
  ["serving-require-long-timeouts", { rule: servingRequireLongTimeouts, type: types.MODEL_SERVING, props: SERVING, customTimeouts: { createSeconds: 600, updateSeconds: 0 }, expected: findShortTimeouts(NAME, SERVING, { createSeconds: 600, updateSeconds: 0 }, { minimumMinutes: 45 }) }],
  ["serving-require-long-timeouts, a configured minimum", { rule: servingRequireLongTimeouts, type: types.MODEL_SERVING, props: SERVING, customTimeouts: { createSeconds: 3000, updateSeconds: 3000 }, config: { minimumMinutes: 60 }, expected: findShortTimeouts(NAME, SERVING, { createSeconds: 3000, updateSeconds: 3000 }, { minimumMinutes: 60 }) }],
  ["serving-require-rate-limits", { rule: servingRequireRateLimits, type: types.MODEL_SERVING, props: SERVING, expected: findMissingRateLimits(NAME, SERVING) }],
  ["tokens-require-lifetime, a token", { rule: tokensRequireLifetime, type: types.TOKEN, props: {}, config: { maxLifetimeDays: 90 }, expected: findTokenLifetimeGap(`Token '${NAME}'`, undefined, { maxLifetimeDays: 90 }) }],
  ["tokens-require-lifetime, an on-behalf-of token", { rule: tokensRequireLifetime, type: types.OBO_TOKEN, props: { lifetimeSeconds: 0 }, config: { maxLifetimeDays: 90 }, expected: findTokenLifetimeGap(`OboToken '${NAME}'`, 0, { maxLifetimeDays: 90 }) }],
  ["tokens-require-lifetime, a workspace's token block", { rule: tokensRequireLifetime, type: types.MWS_WORKSPACES, props: { token: { lifetimeSeconds: 86400 * 2 } }, config: { maxLifetimeDays: 1 }, expected: findTokenLifetimeGap(`The token block of workspace '${NAME}'`, 86400 * 2, { maxLifetimeDays: 1 }) }],
  ["workspace-forbid-open-ip-access-lists", { rule: workspaceForbidOpenIpAccessLists, type: types.IP_ACCESS_LIST, props: { listType: "ALLOW", ipAddresses: ["0.0.0.0/0"] }, expected: findOpenIpAccessEntries(NAME, { listType: "ALLOW", ipAddresses: ["0.0.0.0/0"] }) }],
  ["workspace-require-customer-managed-keys", { rule: workspaceRequireCustomerManagedKeys, type: types.MWS_WORKSPACES, props: {}, expected: findCustomerManagedKeyGaps(NAME, {}) }],
  ["workspace-require-customer-managed-network", { rule: workspaceRequireCustomerManagedNetwork, type: types.MWS_WORKSPACES, props: {}, expected: findCustomerNetworkGap(NAME, {}) }],
  ["workspace-require-shared-metastore", { rule: workspaceRequireSharedMetastore, type: types.METASTORE_ASSIGNMENT, props: { metastoreId: "other" }, config: { metastoreId: "shared" }, expected: findMetastoreMismatch(NAME, "other", { metastoreId: "shared" }) }],
  ["workspace-restrict-assignments", { rule: workspaceRestrictAssignments, type: types.PERMISSION_ASSIGNMENT, props: { principalId: "123", permissions: ["ADMIN"] }, config: { userPrincipals: [] }, expected: findAssignmentViolations(NAME, { principalId: "123", permissions: ["ADMIN"] }, { userPrincipals: [] }) }],
  ["workspace-restrict-assignments, account level", { rule: workspaceRestrictAssignments, type: types.MWS_PERMISSION_ASSIGNMENT, props: { principalId: "123", permissions: ["USER"] }, config: {}, expected: findAssignmentViolations(NAME, { principalId: "123", permissions: ["USER"] }, {}) }],
  ["workspace-restrict-private-access", { rule: workspaceRestrictPrivateAccess, type: types.MWS_PRIVATE_ACCESS_SETTINGS, props: { publicAccessEnabled: true }, expected: findPrivateAccessGaps(NAME, { publicAccessEnabled: true }) }],
];

describe("the registered resource rules", () => {
  test.each(cases)("%s reports what its check finds", (_label, c) => {
    expect(c.expected.length).toBeGreaterThan(0);
    const call = invokeRule(c.rule, { type: c.type, name: NAME, props: c.props, customTimeouts: c.customTimeouts }, c.config ?? {});
    expect(call).toEqual({ violations: c.expected });
  });

  test.each(cases)("%s does not apply to another type", (_label, c) => {
    const call = invokeRule(c.rule, { type: "aws:ec2/vpc:Vpc", name: NAME, props: c.props }, c.config ?? {});
    expect(call.violations).toEqual([]);
    expect(call.notApplicable).toMatch(/^Policy only applies to resources of type '/);
  });

  test("a workspace without a token block mints no token", () => {
    expect(invokeRule(tokensRequireLifetime, { type: types.MWS_WORKSPACES, props: {} }, { maxLifetimeDays: 90 })).toEqual({ violations: [] });
    expect(invokeRule(tokensRequireLifetime, { type: types.MWS_WORKSPACES, props: { token: null } }, { maxLifetimeDays: 90 })).toEqual({ violations: [] });
  });

  test("a workspace is judged by its token block, not by a lifetime beside it", () => {
    const props = { lifetimeSeconds: 60, token: { lifetimeSeconds: 0 } };
    expect(invokeRule(tokensRequireLifetime, { type: types.MWS_WORKSPACES, name: "w", props }, { maxLifetimeDays: 90 }).violations).toEqual(
      findTokenLifetimeGap("The token block of workspace 'w'", 0, { maxLifetimeDays: 90 }),
    );
  });

  test("all-purpose clusters pass when the config allows them", () => {
    expect(invokeRule(jobsForbidAllPurposeClusters, { type: types.CLUSTER, props: {} }, { allowAllPurposeClusters: true })).toEqual({ violations: [] });
  });

  test("an endpoint declared without config (the deployment task sets its served versions) breaks no rule that judges endpoints", () => {
    const { config: _served, ...endpoint } = prodEndpoint();
    const judging = allRules.filter((rule) => "validateResource" in rule && rule.name !== "resources-restrict-types" && judgesType(rule, types.MODEL_SERVING));
    expect(judging.map((rule) => rule.name)).toEqual([
      "data-restrict-egress",
      "serving-require-inference-tables",
      "serving-require-rate-limits",
      "serving-forbid-scale-to-zero",
      "serving-require-long-timeouts",
      "serving-require-secret-credentials",
      "alerts-restrict-destinations",
    ]);
    for (const rule of judging) {
      const call = invokeRule(rule as ResourceValidationPolicy, { type: types.MODEL_SERVING, name: NAME, props: endpoint, customTimeouts: { createSeconds: 3600, updateSeconds: 3600 } }, { minimumMinutes: 45 });
      expect([rule.name, call]).toEqual([rule.name, { violations: [] }]);
    }
  });
});
