/**
 * Random valid stack configurations (namespace stripped, as a stack file gives them), for the property
 * tests of the whole config: every section, every optional block on or off, names that stay unique so
 * the cross-field checks have nothing to refuse. A generated config the program refuses is a failure of
 * the property, so a value goes in here only when the config's own rules call it valid.
 */
import fc from "fast-check";
import { CATALOG_GRANTABLE_PRIVILEGES, READ_PRIVILEGES, SCHEMA_GRANTABLE_PRIVILEGES } from "../../components/privileges";
import { STANDARD_SCHEMAS } from "../../stack/config";
import type { Stage } from "../../components/stages";
import { GIT_PROVIDERS } from "../../components/pipelines/project-config";
import { GRANULARITIES, PROBLEM_TYPES } from "../../components/monitoring/monitoring-config";
import { QUALITY_METRICS, type QualityMetric } from "../../components/monitoring/alerts-config";
import { WORKLOAD_SIZES } from "../../components/serving/serving-config";

/** A generated stack config and which of its top-level keys the stack file holds as secrets. */
export interface GeneratedConfig {
  raw: Record<string, unknown>;
  secretKeys: string[];
}

type Raw = Record<string, unknown>;

/** Drops the keys whose value is undefined, as a stack file that never mentions them. */
function defined(object: Raw): Raw {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

/** An optional value: absent about half the time. */
const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined });

const BROAD = ["users", "account users"];
export const groupName = fc.stringMatching(/^[a-z][a-z0-9._-]{0,14}[a-z0-9]$/).filter((name) => !BROAD.includes(name));
const email = fc.stringMatching(/^[a-z][a-z0-9.]{0,8}[a-z0-9]$/).map((local) => `${local}@example.com`);
const workspaceId = fc.stringMatching(/^[1-9][0-9]{15}$/);
const ucName = (prefix: string) => fc.stringMatching(/^[a-z0-9_]{0,12}$/).map((rest) => `${prefix}${rest}`);
const CRONS = ["0 0 3 * * ?", "0 30 4 ? * MON", "0 0 */6 * * ?", "0 15 10 ? * MON-FRI", "0 0 12 1 * ?", "0 0 0 ? * SUN"];
const TIME_ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"];
const schedule = fc.record({ cron: maybe(fc.constantFrom(...CRONS)), timezone: maybe(fc.constantFrom(...TIME_ZONES)) }).map(defined);

const region = fc.constantFrom("us-east-1", "eu-west-2", "ap-southeast-1");
const awsAccountId = fc.stringMatching(/^[0-9]{12}$/);

/**
 * The workspace section of `stage` in `mode`, once the workspace id is known and whether the stage needs its AWS
 * account (an adopted staging or prod stage with an online store must name it; elsewhere it is optional).
 */
function workspace(stage: Stage, mode: "adopt" | "create"): fc.Arbitrary<(id: string, needsAws: boolean) => Raw> {
  if (mode === "adopt") {
    return fc
      .record({
        host: fc.stringMatching(/^[a-z0-9]{1,10}$/).map((h) => `https://dbc-${h}.cloud.databricks.com`),
        trailingSlash: fc.boolean(),
        explicitMode: fc.boolean(),
        aws: maybe(fc.record({ accountId: awsAccountId, region })),
        fallbackAws: fc.record({ accountId: awsAccountId, region }),
      })
      .map(({ host, trailingSlash, explicitMode, aws, fallbackAws }) => (id: string, needsAws: boolean) =>
        defined({ mode: explicitMode ? "adopt" : undefined, host: trailingSlash ? `${host}/` : host, id, aws: aws ?? (needsAws ? fallbackAws : undefined) }),
      );
  }
  return fc
    .record({
      databricksAccountId: fc.uuid(),
      metastoreId: fc.uuid(),
      region,
      accountId: awsAccountId,
      vpcCidr: maybe(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 16, max: 23 })).map(([octet, prefix]) => `10.${octet}.0.0/${prefix}`)),
      zones: maybe(fc.constantFrom(["a", "b"], ["a", "b", "c"], ["b", "c"])),
      rootBucketVersioning: maybe(fc.boolean()),
      // Prod requires customer-managed keys; false is refused there.
      customerManagedKeys: maybe(stage === "prod" ? fc.constant(true) : fc.boolean()),
      privateLink: fc.boolean(),
    })
    .map((w) => () =>
      ({
        mode: "create",
        databricksAccountId: w.databricksAccountId,
        metastoreId: w.metastoreId,
        aws: defined({
          accountId: w.accountId,
          region: w.region,
          vpcCidr: w.vpcCidr,
          availabilityZones: w.zones?.map((zone) => `${w.region}${zone}`),
          rootBucketVersioning: w.rootBucketVersioning,
          customerManagedKeys: w.customerManagedKeys,
          privateLink: w.privateLink
            ? { workspaceServiceName: `com.amazonaws.vpce.${w.region}.vpce-svc-0a1b2c3d4e5f60718`, relayServiceName: `com.amazonaws.vpce.${w.region}.vpce-svc-0f1e2d3c4b5a69788` }
            : undefined,
        }),
      }),
    );
}

/** Extra grants the access model accepts on `stage`, once the service principal and schemas are known. */
type GrantsMaker = (servicePrincipal: string | undefined, schemas: readonly string[]) => Raw[];

/** Anything grantable to the own service principal; on dev to anyone named, elsewhere read privileges to groups. */
function extraGrants(stage: Stage): fc.Arbitrary<GrantsMaker> {
  const automated = stage !== "dev";
  const readSchema = READ_PRIVILEGES.filter((p) => (SCHEMA_GRANTABLE_PRIVILEGES as readonly string[]).includes(p));
  const grant = fc.record({
    who: fc.constantFrom(...(automated ? ["group", "sp"] : ["group", "sp", "person"])),
    group: groupName,
    person: fc.oneof(email, fc.uuid()),
    onSchema: fc.boolean(),
    schema: fc.nat(),
    privileges: fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 1, maxLength: 3 }),
  });
  return fc.array(grant, { maxLength: 3 }).map((grants): GrantsMaker => (servicePrincipal, schemas) =>
    grants
      .filter((g) => g.who !== "sp" || servicePrincipal !== undefined)
      .map((g) => {
        const reader = automated && g.who === "group";
        const allowed: readonly string[] = g.onSchema ? (reader ? readSchema : SCHEMA_GRANTABLE_PRIVILEGES) : reader ? READ_PRIVILEGES : CATALOG_GRANTABLE_PRIVILEGES;
        // Any spelling the config normalizes: upper case with '_' or lower case with spaces.
        const privileges = g.privileges.map(([index, lower]) => (lower ? allowed[index % allowed.length].toLowerCase().replace(/_/g, " ") : allowed[index % allowed.length]));
        const principal = g.who === "sp" ? servicePrincipal! : g.who === "group" ? g.group : g.person;
        return defined({ principal, privileges, schema: g.onSchema ? schemas[g.schema % schemas.length] : undefined });
      }),
  );
}

function serving(stage: Stage): fc.Arbitrary<Raw> {
  return fc
    .record({
      champion: fc.boolean(),
      challenger: fc.boolean(),
      challengerSize: maybe(fc.constantFrom(...WORKLOAD_SIZES)),
      challengerShare: fc.integer({ min: 0, max: 100 }),
      explicitTraffic: fc.boolean(),
      entitySize: maybe(fc.constantFrom(...WORKLOAD_SIZES)),
      workloadSize: maybe(fc.constantFrom(...WORKLOAD_SIZES)),
      endpointName: fc.boolean(),
      scaleToZero: maybe(stage === "prod" ? fc.constant(false) : fc.boolean()),
      rateLimits: maybe(fc.record({ callsPerMinute: maybe(fc.integer({ min: 1, max: 100000 })), callsPerUserPerMinute: maybe(fc.integer({ min: 1, max: 1000 })) }).map(defined)),
      consumerGroups: maybe(fc.uniqueArray(groupName, { minLength: 1, maxLength: 2 })),
      inferenceTablePrefix: fc.boolean(),
    })
    .map((s) => {
      const traffic = !s.explicitTraffic ? undefined : s.challenger ? { champion: 100 - s.challengerShare, challenger: s.challengerShare } : { champion: 100 };
      return defined({
        endpointName: s.endpointName ? "named" : undefined,
        champion: s.champion ? defined({ workloadSize: s.entitySize }) : undefined,
        challenger: s.challenger ? defined({ workloadSize: s.challengerSize }) : undefined,
        traffic,
        workloadSize: s.workloadSize,
        scaleToZero: s.scaleToZero,
        rateLimits: s.rateLimits,
        consumerGroups: s.consumerGroups,
        inferenceTablePrefix: s.inferenceTablePrefix ? "named" : undefined,
      });
    });
}

const METRICS_BY_TYPE = (problemType: string) => (Object.keys(QUALITY_METRICS) as QualityMetric[]).filter((m) => QUALITY_METRICS[m].problemType === problemType);

/** Monitoring, and alerts on it (alerts need a monitor), with destinations whose URL secrets exist. */
function monitoringAndAlerts(): fc.Arbitrary<(secretNames: readonly string[]) => { monitoring: Raw; alerts?: Raw }> {
  return fc.oneof(...PROBLEM_TYPES.map((problemType) =>
    fc
      .record({
        granularities: maybe(fc.subarray([...GRANULARITIES], { minLength: 1, maxLength: 3 })),
        slicingExprs: maybe(fc.constantFrom(["model_version"], ["prediction IS NULL", "model_version"]).map((exprs) => [...exprs])),
        schedule: maybe(schedule),
        dashboard: maybe(fc.boolean()),
        customMetric: fc.boolean(),
        alerts: fc.boolean(),
        quality: maybe(fc.record({ metric: fc.constantFrom(...METRICS_BY_TYPE(problemType)), fraction: fc.double({ min: 0, max: 1, noNaN: true }) })),
        alertSchedule: maybe(schedule),
        destinations: maybe(
          fc.uniqueArray(
            fc.record({ name: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), kind: fc.constantFrom("email", "slack", "webhook"), secret: fc.nat(), addresses: fc.array(email, { minLength: 1, maxLength: 2 }) }),
            { minLength: 1, maxLength: 3, selector: (d) => d.name },
          ),
        ),
      })
      .map((m) => (secretNames: readonly string[]) => ({
        monitoring: defined({
          problemType,
          granularities: m.granularities,
          slicingExprs: m.slicingExprs,
          schedule: m.schedule,
          dashboard: m.dashboard,
          customMetrics: m.customMetric ? [{ name: "null_predictions", type: "aggregate", definition: "sum(CASE WHEN {{input_column}} IS NULL THEN 1 ELSE 0 END)", inputColumns: ["prediction"] }] : undefined,
        }),
        alerts: !m.alerts
          ? undefined
          : defined({
              // Error metrics (RMSE, MAE) have no upper bound; the others lie between 0 and 1.
              quality: m.quality && { metric: m.quality.metric, threshold: QUALITY_METRICS[m.quality.metric].bad === "above" ? m.quality.fraction * 10 : m.quality.fraction },
              schedule: m.alertSchedule,
              // Slack and webhook destinations need a URL secret; without any, a destination is an e-mail one.
              destinations: m.destinations?.map((d) =>
                d.kind === "email" || secretNames.length === 0
                  ? { name: d.name, type: "email", addresses: d.addresses }
                  : { name: d.name, type: d.kind, urlSecret: secretNames[d.secret % secretNames.length] },
              ),
            }),
      })),
  ));
}

const HOSTS: [string, string | undefined][] = [
  ["github.com", undefined],
  ["gitlab.com", undefined],
  ["bitbucket.org", undefined],
  ["dev.azure.com", undefined],
  ["git.example.com", "gitLabEnterpriseEdition"],
];

/** A project of the stage, once named (names are unique in the stage, so job, model and endpoint names are too). */
type ProjectMaker = (name: string, secretNames: readonly string[]) => Raw;

/** One ML project of `stage`; built once per stage, since building arbitraries costs more than drawing from them. */
function mlProject(stage: Stage): fc.Arbitrary<ProjectMaker> {
  return fc
    .record({
      host: fc.constantFrom(...HOSTS),
      provider: maybe(fc.constantFrom(...GIT_PROVIDERS)),
      ref: fc.constantFrom("none", "branch", "tag"),
      code: maybe(fc.record({ layout: maybe(fc.constantFrom("default", "mlops-stacks")), root: fc.boolean(), deploy: maybe(fc.constantFrom("ops/Promote", "src/deploy/Deploy.py")) })),
      owner: maybe(fc.oneof(groupName, email)),
      modelName: fc.boolean(),
      scoringGroups: maybe(fc.uniqueArray(groupName, { minLength: 1, maxLength: 2 })),
      tables: fc.boolean(),
      emails: fc.array(email, { maxLength: 2 }),
      destinationIds: fc.array(fc.uuid(), { maxLength: 1 }),
      schedules: maybe(fc.record({ features: maybe(schedule), training: maybe(fc.record({ cron: maybe(fc.constantFrom(...CRONS)), paused: maybe(fc.boolean()) }).map(defined)), batchInference: maybe(schedule) }).map(defined)),
      driftThreshold: maybe(fc.double({ min: 0.01, max: 5, noNaN: true })),
      metricsTable: fc.boolean(),
      compute: fc.constantFrom(...(stage === "dev" ? ["serverless", "jobCluster", "existingCluster"] : ["serverless", "jobCluster"])),
      numWorkers: maybe(fc.integer({ min: 0, max: 1000 })),
      extraTasks: fc.array(fc.record({ after: fc.constantFrom("train", "validate", "previous"), gatesDeploy: maybe(fc.boolean()) }), { maxLength: 3 }),
      integrationTest: maybe(fc.record({ sampleFraction: maybe(fc.double({ min: 0.001, max: 1, noNaN: true })), maxIterations: maybe(fc.integer({ min: 1, max: 1000 })) }).map(defined)),
      serving: maybe(serving(stage)),
      operations: maybe(monitoringAndAlerts()),
      onlineStore: maybe(
        fc.record({ type: maybe(fc.constantFrom("S", "N")), ttl: fc.boolean(), pitr: maybe(stage === "prod" ? fc.constant(true) : fc.boolean()) }),
      ),
    })
    .map((p): ProjectMaker => (name, secretNames) => {
      const [host, provider] = p.host;
      const operations = p.operations?.(secretNames);
      const emails = p.emails.length + p.destinationIds.length === 0 ? [`${name}-team@example.com`] : p.emails;
      return defined({
        name,
        repository: defined({
          url: `https://${host}/example-org/${name}-ml`,
          provider: provider ?? p.provider,
          branch: p.ref === "branch" ? "feature/x-1" : undefined,
          tag: p.ref === "tag" ? "v1.2.3" : undefined,
        }),
        // root only with the mlops-stacks layout: elsewhere it is refused.
        code:
          p.code &&
          defined({
            layout: p.code.layout,
            root: p.code.root && p.code.layout === "mlops-stacks" ? `${name.replace(/-/g, "_")}_ml` : undefined,
            notebooks: p.code.deploy === undefined ? undefined : { deploy: p.code.deploy },
          }),
        owner: p.owner,
        model: p.modelName || p.scoringGroups ? defined({ name: p.modelName ? `${name.replace(/-/g, "_")}_registered` : undefined, scoringGroups: p.scoringGroups }) : undefined,
        featureTable: p.tables ? `${name.replace(/-/g, "_")}_feature_set` : undefined,
        predictionTable: p.tables ? `${name.replace(/-/g, "_")}_scores` : undefined,
        notifications: defined({ emails: emails.length > 0 ? emails : undefined, destinationIds: p.destinationIds.length > 0 ? p.destinationIds : undefined }),
        schedules: p.schedules,
        // The trigger watches the monitor's own table when there is monitoring; a metrics table is refused then.
        retraining: p.driftThreshold !== undefined || (p.metricsTable && !operations) ? defined({ driftThreshold: p.driftThreshold, metricsTable: p.metricsTable && !operations ? `${name.replace(/-/g, "_")}_drift` : undefined }) : undefined,
        compute:
          p.compute === "serverless"
            ? undefined
            : p.compute === "existingCluster"
              ? { existingClusterId: "0123-456789-abcdefgh" }
              : defined({ policyId: "E0123456789ABCDE", sparkVersion: "15.4.x-cpu-ml-scala2.12", nodeTypeId: "i3.xlarge", numWorkers: p.numWorkers }),
        training:
          p.extraTasks.length === 0
            ? undefined
            : {
                extraTasks: p.extraTasks.map((task, index) =>
                  defined({
                    key: `extra_${index}`,
                    notebook: `training/notebooks/Extra${index}`,
                    dependsOn: [task.after === "previous" && index > 0 ? `extra_${index - 1}` : task.after === "previous" ? "train" : task.after],
                    parameters: { model_uri: "{{tasks.train.values.model_uri}}" },
                    gatesDeploy: task.gatesDeploy,
                  }),
                ),
              },
        integrationTest: p.integrationTest,
        // Names from the project's own: endpoints and inference tables are unique in a workspace and schema.
        serving:
          p.serving &&
          defined({
            ...p.serving,
            endpointName: p.serving.endpointName === undefined ? undefined : `${name}-endpoint`,
            inferenceTablePrefix: p.serving.inferenceTablePrefix === undefined ? undefined : `${name}_served`,
          }),
        monitoring: operations?.monitoring,
        alerts: operations?.alerts,
        onlineStore: p.onlineStore && defined({ keyColumn: defined({ name: "customer_id", type: p.onlineStore.type }), ttlAttribute: p.onlineStore.ttl ? "expires_at" : undefined, publisherRoleName: `${stage}-${name}-scoring`, pointInTimeRecovery: p.onlineStore.pitr }),
      });
    });
}

/** The config of one stage; built once per stage, since building arbitraries costs more than drawing from them. */
function stageConfig(stage: Stage): fc.Arbitrary<GeneratedConfig> {
  const automated = stage !== "dev";
  return fc
    .record({
      mlProject: maybe(fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/)),
      workspace: fc.oneof(workspace(stage, "adopt"), workspace(stage, "create")),
      ids: fc.uniqueArray(workspaceId, { minLength: 2, maxLength: 2 }),
      groups: fc.uniqueArray(groupName, { minLength: 2, maxLength: 2 }),
      servicePrincipal: fc.uuid(),
      devServicePrincipal: fc.boolean(),
      projectNames: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/), { maxLength: 3 }),
      projects: fc.array(mlProject(stage), { minLength: 3, maxLength: 3 }),
      secretNames: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_-]{0,10}$/), { maxLength: 2 }),
      secretValues: fc.array(fc.stringMatching(/^[a-z0-9]{8,16}$/).map((token) => `https://hooks.example.com/services/${token}`), { minLength: 2, maxLength: 2 }),
      extraSchemas: fc.uniqueArray(ucName("extra_"), { maxLength: 2 }),
      extraGrants: extraGrants(stage),
      devAccessByStack: fc.boolean(),
      readerGroups: fc.boolean(),
      catalogName: maybe(ucName("cat_")),
      storageRoot: maybe(fc.constant("s3://example-bucket/catalogs/stage")),
      ownerIsSp: fc.boolean(),
      protectData: fc.boolean(),
      createGroups: maybe(fc.boolean()),
      servingConsumers: maybe(groupName),
      breakGlassAdmins: maybe(groupName),
      schemaComment: fc.boolean(),
    })
    .map((c): GeneratedConfig => {
      const sp = automated || c.devServicePrincipal ? c.servicePrincipal : undefined;
      const schemas = [...STANDARD_SCHEMAS.map((s) => s.name), ...c.extraSchemas];
      const grants = c.extraGrants(sp, schemas);
      const projects = c.projectNames.map((name, index) => c.projects[index](name, c.secretNames));
      const ws = c.workspace(c.ids[0], projects.some((project) => project.onlineStore !== undefined));
      const raw = defined({
        stage,
        mlProject: c.mlProject,
        workspace: ws,
        groups: { dataScientists: c.groups[0], mlEngineers: c.groups[1] },
        servicePrincipal: sp === undefined ? undefined : { applicationId: sp },
        devAccess: automated
          ? defined({
              ...(c.devAccessByStack ? { stack: "acme/databricks-mlops/dev" } : { workspaceId: c.ids[1] }),
              readerGroups: c.readerGroups ? [c.groups[0]] : undefined,
            })
          : undefined,
        unityCatalog: defined({
          catalogName: c.catalogName,
          storageRoot: c.storageRoot,
          // Staging and prod accept only their own service principal as owner.
          owner: c.ownerIsSp ? sp : automated ? undefined : c.groups[1],
          protectData: stage === "prod" ? (c.protectData ? true : undefined) : c.protectData,
          extraSchemas: c.extraSchemas.length === 0 ? undefined : c.extraSchemas.map((name) => defined({ name, comment: c.schemaComment ? `Holds ${name}.` : undefined })),
          extraGrants: grants.length === 0 ? undefined : grants,
        }),
        identities: defined({
          createGroups: ws.mode === "create" ? c.createGroups : undefined,
          servingConsumers: c.servingConsumers,
          breakGlassAdmins: c.breakGlassAdmins,
        }),
        mlProjects: projects.length === 0 ? undefined : projects,
        notificationSecrets: c.secretNames.length === 0 ? undefined : Object.fromEntries(c.secretNames.map((name, i) => [name, c.secretValues[i]])),
      });
      return { raw, secretKeys: raw.notificationSecrets === undefined ? [] : ["notificationSecrets"] };
    });
}

const byStage = new Map<Stage, fc.Arbitrary<GeneratedConfig>>();

/**
 * A valid stack config of one of `stages`: adopted or created workspace, random groups, ids and names,
 * zero to three ML projects with every optional block on or off.
 */
export function validStageConfig(stages: readonly Stage[] = ["dev", "staging", "prod"]): fc.Arbitrary<GeneratedConfig> {
  for (const stage of stages) if (!byStage.has(stage)) byStage.set(stage, stageConfig(stage));
  return fc.oneof(...stages.map((stage) => byStage.get(stage)!));
}
