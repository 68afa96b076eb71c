/**
 * Values of the right type that the schema refuses by definition, by key (`[*]` for any index): each
 * breaks the key's pattern, range or membership rule whatever the rest of the config says.
 */
const GROUPS = ["users", "Account Users", "6f1c2a9e-3b4d-4c5e-8f70-1a2b3c4d5e6f", " padded", "-lead", "a/b", ""];
const WORKSPACE_IDS = ["12a4", "", "12345678901234567890", "-1"];
const UUIDS = ["not-a-uuid", "0d1f2a3b4c5d4e6f8a7b9c0d1e2f3a4b", ""];
const UC_NAMES = ["Prod", "1cat", "cat-name", "a.b", ""];
const CRONS = ["* * *", "0 0 25 * * ?", "0 0 3 * *", "bad", ""];
const TIME_ZONES = ["utc", "Mars/Olympus", ""];
// Any served version is refused: the stack no longer names one (the deployment task serves the aliases).
const VERSIONS = [1, "3", 0, "v1", ""];
const COLUMNS = ["1col", "bad-col", ""];
const ATTRIBUTES = ["", "bad attr", "a/b"];
const EMAILS = ["not-an-email", "a@b", ""];
const REFS = ["a..b", "/main", "main/", "", "has space"];
const NON_BLANK = ["", "has space"];
const PERCENTAGES = [101, -1, 50.5];
const CALLS = [0, -5, 2.5];

/** Pattern -> refused values. */
export const MALFORMED: Record<string, readonly unknown[]> = {
  stage: ["production", "Dev", ""],
  mlProject: ["Mlops", "1mlops", "a".repeat(31), "ml_ops", ""],
  "workspace.host": ["http://dbc-1.cloud.databricks.com", "https://dbc-1.cloud.databricks.com/path", "dbc-1.cloud.databricks.com", "https://DBC.example.com"],
  "workspace.id": WORKSPACE_IDS,
  "workspace.databricksAccountId": UUIDS,
  "workspace.metastoreId": UUIDS,
  "workspace.aws.accountId": ["12345678901", "1234567890123", "12345678901a"],
  "workspace.aws.region": ["useast1", "US-EAST-1", "us-east"],
  "workspace.aws.vpcCidr": ["10.4.0.0/24", "10.4.0.0/15", "256.4.0.0/16", "10.4.0.0"],
  "workspace.aws.availabilityZones": [["us-east-1a"], []],
  "workspace.aws.privateLink.workspaceServiceName": ["vpce-svc-123", "com.amazonaws.vpce.us-east-1.vpce-svc-XYZ"],
  "workspace.aws.privateLink.relayServiceName": ["vpce-svc-123", "com.amazonaws.vpce.us-east-1.vpce-svc-XYZ"],
  "groups.dataScientists": GROUPS,
  "groups.mlEngineers": GROUPS,
  "servicePrincipal.applicationId": UUIDS,
  "devAccess.workspaceId": WORKSPACE_IDS,
  "devAccess.stack": ["acme/dev", "acme/databricks-mlops/dev/x", ""],
  "devAccess.readerGroups[*]": GROUPS,
  "unityCatalog.catalogName": UC_NAMES,
  "unityCatalog.storageRoot": ["https://bucket/x", "s3://B/x", "s3://ab"],
  "unityCatalog.owner": ["", " ", "a/b", "-x"],
  "unityCatalog.extraSchemas[*].name": UC_NAMES,
  "unityCatalog.extraGrants[*].principal": ["", " ", "a/b", "-x"],
  "unityCatalog.extraGrants[*].privileges": [[]],
  "unityCatalog.extraGrants[*].privileges[*]": ["ALL_PRIVILEGES", "all privileges", "FLY"],
  "unityCatalog.extraGrants[*].schema": ["no_such_schema_zz", "Bad-Schema"],
  "identities.servingConsumers": GROUPS,
  "identities.breakGlassAdmins": GROUPS,
  "mlProjects[*].name": ["Churn", "1churn", "churn_model", "a".repeat(31), ""],
  "mlProjects[*].repository.url": ["http://github.com/x/y", "git@github.com:x/y.git", "https://github.com", "https://github.com/ x"],
  "mlProjects[*].repository.branch": REFS,
  "mlProjects[*].repository.tag": REFS,
  "mlProjects[*].code.root": ["/abs", "../up", "a//b", ""],
  "mlProjects[*].code.notebooks.deploy": ["/Workspace/Deploy", "deployment/../../x", "./Deploy", "https://example.com/Deploy", "s3://b/Deploy"],
  "mlProjects[*].owner": ["", "-x", "a/b"],
  "mlProjects[*].model.name": UC_NAMES,
  "mlProjects[*].model.scoringGroups": [[]],
  "mlProjects[*].model.scoringGroups[*]": GROUPS,
  "mlProjects[*].featureTable": UC_NAMES,
  "mlProjects[*].predictionTable": UC_NAMES,
  "mlProjects[*].notifications.emails[*]": EMAILS,
  "mlProjects[*].notifications.destinationIds[*]": ["dest-1", ""],
  "mlProjects[*].schedules.features.cron": CRONS,
  "mlProjects[*].schedules.training.cron": CRONS,
  "mlProjects[*].schedules.batchInference.cron": CRONS,
  "mlProjects[*].schedules.features.timezone": TIME_ZONES,
  "mlProjects[*].schedules.training.timezone": TIME_ZONES,
  "mlProjects[*].schedules.batchInference.timezone": TIME_ZONES,
  "mlProjects[*].retraining.metricsTable": UC_NAMES,
  "mlProjects[*].retraining.driftThreshold": [0, -0.5],
  "mlProjects[*].compute.existingClusterId": ["bad id!", ""],
  "mlProjects[*].compute.policyId": NON_BLANK,
  "mlProjects[*].compute.sparkVersion": NON_BLANK,
  "mlProjects[*].compute.nodeTypeId": NON_BLANK,
  "mlProjects[*].compute.numWorkers": [-1, 1001, 1.5],
  "mlProjects[*].training.extraTasks[*].key": ["bad key", ""],
  "mlProjects[*].training.extraTasks[*].notebook": ["/abs/path", "../up", ""],
  "mlProjects[*].integrationTest.sampleFraction": [0, -0.1, 1.5],
  "mlProjects[*].integrationTest.maxIterations": [0, 1001, 2.5],
  "mlProjects[*].serving.endpointName": ["bad name", "-x", "a".repeat(64)],
  "mlProjects[*].serving.champion.version": VERSIONS,
  "mlProjects[*].serving.challenger.version": VERSIONS,
  "mlProjects[*].serving.traffic.champion": PERCENTAGES,
  "mlProjects[*].serving.traffic.challenger": PERCENTAGES,
  "mlProjects[*].serving.rateLimits.callsPerMinute": CALLS,
  "mlProjects[*].serving.rateLimits.callsPerUserPerMinute": CALLS,
  "mlProjects[*].serving.consumerGroups[*]": GROUPS,
  "mlProjects[*].serving.inferenceTablePrefix": ["Bad", "a".repeat(101)],
  "mlProjects[*].monitoring.columns": [[]],
  "mlProjects[*].monitoring.timestampColumn": COLUMNS,
  "mlProjects[*].monitoring.modelIdColumn": COLUMNS,
  "mlProjects[*].monitoring.predictionColumn": COLUMNS,
  "mlProjects[*].monitoring.labelColumn": COLUMNS,
  "mlProjects[*].monitoring.granularities": [[]],
  "mlProjects[*].monitoring.slicingExprs[*]": ["", "   "],
  "mlProjects[*].monitoring.baselineTable": ["table_only", "Schema.table"],
  "mlProjects[*].monitoring.customMetrics[*].name": COLUMNS,
  "mlProjects[*].monitoring.customMetrics[*].definition": ["", "  "],
  "mlProjects[*].monitoring.customMetrics[*].inputColumns": [[]],
  "mlProjects[*].monitoring.schedule.cron": CRONS,
  "mlProjects[*].monitoring.schedule.timezone": TIME_ZONES,
  "mlProjects[*].alerts.schedule.cron": CRONS,
  "mlProjects[*].alerts.schedule.timezone": TIME_ZONES,
  "mlProjects[*].alerts.destinations[*].name": ["Bad", "1x", "a".repeat(41)],
  "mlProjects[*].alerts.destinations[*].addresses": [[]],
  "mlProjects[*].alerts.destinations[*].addresses[*]": EMAILS,
  "mlProjects[*].alerts.destinations[*].urlSecret": ["bad secret!", "missing_entry_zz"],
  "mlProjects[*].onlineStore.keyColumn.name": ATTRIBUTES,
  "mlProjects[*].onlineStore.ttlAttribute": ATTRIBUTES,
  "mlProjects[*].onlineStore.publisherRoleName": ["", "bad role!", "a".repeat(65)],
};
