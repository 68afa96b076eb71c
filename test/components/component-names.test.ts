/**
 * Every public component as a library user builds it by hand: its children are named from its own name, so two
 * instances never share a URN; bad args fail before anything is declared, naming the argument; and the options it
 * is given (providers, protect) reach its children. (ServingEndpoint has its own file: test/serving.)
 */
import * as pulumi from "@pulumi/pulumi";
import * as databricks from "@pulumi/databricks";
import { Provider as AwsProvider } from "@pulumi/aws/provider";
import {
  AwsFoundation,
  CatalogStorage,
  ComponentArgsError,
  CreatedWorkspace,
  MlProject,
  OnlineStore,
  ProjectMonitoring,
  StageCatalog,
  WorkspaceBaseline,
  WorkspaceIdentities,
  projectJobContext,
  resolveOnlineStore,
} from "../../components";
import { parseStageConfig } from "../../stack/config";
import { planIdentities } from "../../stack/identity-plan";
import { recordProgram } from "../support/record-stage";
import type { PlannedStep } from "../../tools/plan/types";
import { rawProject, stageWith } from "../pipelines/fixtures";
import { STORE } from "../online-store/fixtures";
import { SP_PROD, rawCreated } from "../support/stage-configs";

const created = parseStageConfig(rawCreated("prod"), "prod");
const createdWorkspace = created.workspace.mode === "create" ? created.workspace : undefined!;
const monitored = stageWith("prod", rawProject({ monitoring: { problemType: "regression" }, alerts: {} }));
const project = monitored.mlProjects[0];
const groups = monitored.groups;

/** One component under test: how to build it with valid args, how to break them and the reason it must give. */
interface Case {
  component: string;
  type: string;
  build: (name: string, opts?: pulumi.ComponentResourceOptions, broken?: boolean) => pulumi.ComponentResource;
  /** The argument the broken args get wrong, and the reason given for it. */
  refusal: string;
}

const cases: Case[] = [
  {
    component: "StageCatalog",
    type: "databricks-mlops:catalog:StageCatalog",
    build: (name, opts, broken) =>
      new StageCatalog(
        name,
        {
          stage: "prod",
          mlProject: "mlops",
          catalogName: broken ? "Prod-MLOps" : "prod_mlops",
          schemas: [{ name: "features", comment: "Features." }],
          access: { catalogGrants: [{ principal: "ds", privileges: ["USE_CATALOG"] }], schemaGrants: [], bindings: [] },
        },
        opts,
      ),
    refusal: "catalogName: lower-case letters, digits and '_', starting with a letter, at most 255 characters",
  },
  {
    component: "MlProject",
    type: "databricks-mlops:pipelines:MlProject",
    build: (name, opts, broken) =>
      new MlProject(name, { stage: "prod", project, catalogName: "prod_mlops", groups, ...(broken ? {} : { servicePrincipal: SP_PROD }) }, opts),
    refusal: "servicePrincipal: required on prod; jobs there run as the stage's service principal",
  },
  {
    component: "ProjectMonitoring",
    type: "databricks-mlops:monitoring:ProjectMonitoring",
    build: (name, opts, broken) =>
      new ProjectMonitoring(
        name,
        {
          stage: "prod",
          project: { ...project, monitoring: { ...project.monitoring!, ...(broken ? { timestampColumn: "when" } : {}) } },
          jobContext: projectJobContext("prod", project, "prod_mlops", SP_PROD),
          catalogName: "prod_mlops",
          schemas: { inference: "inference", monitoring: "monitoring" },
          owner: SP_PROD,
          servicePrincipal: SP_PROD,
          groups,
          warehouse: new databricks.SqlEndpoint(`${name}-given-warehouse`, { clusterSize: "2X-Small" }),
          trainingJob: new databricks.Job(`${name}-given-training`, {}),
        },
        opts,
      ),
    refusal: `project.monitoring.timestampColumn: column "when" is not among monitoring.columns (scored_at, model_version, prediction, label); the monitor would fail to start`,
  },
  {
    component: "OnlineStore",
    type: "databricks-mlops:online-store:OnlineStore",
    build: (name, opts, broken) =>
      new OnlineStore(name, { stage: "prod", project: "churn", store: { ...resolveOnlineStore(STORE), ...(broken ? { pointInTimeRecovery: false } : {}) } }, opts),
    refusal: "store.pointInTimeRecovery: must be true on prod: published predictions are restored from backups, not recomputed under load",
  },
  {
    component: "CatalogStorage",
    type: "databricks-mlops:catalog:CatalogStorage",
    build: (name, opts, broken) =>
      new CatalogStorage(name, { stage: "prod", mlProject: "mlops", aws: { accountId: broken ? "1234" : "123456789012", region: "us-east-1" }, writer: SP_PROD }, opts),
    refusal: 'aws.accountId: the 12-digit AWS account id as a quoted string, e.g. "123456789012"',
  },
  {
    component: "WorkspaceBaseline",
    type: "databricks-mlops:workspace:WorkspaceBaseline",
    build: (name, opts, broken) => new WorkspaceBaseline(name, { stage: broken ? ("qa" as "dev") : "prod" }, opts),
    refusal: 'stage: one of "dev", "staging", "prod"',
  },
  {
    component: "WorkspaceIdentities",
    type: "databricks-mlops:workspace:WorkspaceIdentities",
    build: (name, opts, broken) => {
      const plan = planIdentities(created);
      return new WorkspaceIdentities(name, { plan: broken ? { ...plan, groups: [...plan.groups, plan.groups[0]] } : plan }, opts);
    },
    refusal: "plan.groups.2.purpose: \"data-scientists\" is given twice; each group's purpose names its resources",
  },
  {
    component: "AwsFoundation",
    type: "databricks-mlops:workspace:AwsFoundation",
    build: (name, opts, broken) =>
      new AwsFoundation(name, { stage: "prod", mlProject: "mlops", databricksAccountId: broken ? "acme" : createdWorkspace.databricksAccountId, aws: createdWorkspace.aws }, opts),
    refusal: 'databricksAccountId: the Databricks account id, a UUID, e.g. "0d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b"',
  },
  {
    component: "CreatedWorkspace",
    type: "databricks-mlops:workspace:CreatedWorkspace",
    build: (name, opts, broken) =>
      new CreatedWorkspace(name, { stage: "prod", mlProject: "mlops", config: { ...createdWorkspace, aws: { ...createdWorkspace.aws, region: broken ? "mars" : "us-east-1" } } }, opts),
    refusal: 'config.aws.region: an AWS region, e.g. "us-east-1"',
  },
];

/** What `declare` registers in a consumer's prod stack. */
const record = (declare: () => void) => recordProgram("consumer", "prod", declare);

/** The steps declared inside a component of `type` (its children and theirs). */
const inside = (steps: PlannedStep[], type: string) => steps.filter((step) => step.urn.split("::")[2].split("$").slice(0, -1).includes(type));

describe.each(cases)("$component", ({ type, build, refusal, component }) => {
  it("names its children from its own name: two instances, no shared URN", async () => {
    const steps = await record(() => {
      build("alpha");
      build("beta");
    });
    const children = inside(steps, type);
    const urns = steps.map((step) => step.urn);
    expect(new Set(urns).size).toBe(urns.length);
    expect(children.length).toBeGreaterThan(0);
    for (const child of children) expect(child.name).toMatch(/^(alpha|beta)(-|$)/);
    expect(children.filter((child) => child.name.startsWith("alpha")).length).toBe(children.filter((child) => child.name.startsWith("beta")).length);
  });

  it("refuses a bad argument, naming it, before declaring anything", async () => {
    let thrown: unknown;
    const steps = await record(() => {
      try {
        build("alpha", undefined, true);
      } catch (error) {
        thrown = error;
      }
    });
    expect(thrown).toBeInstanceOf(ComponentArgsError);
    expect((thrown as Error).message).toContain(`invalid args of ${component} "alpha":\n  - ${refusal}`);
    expect(steps.filter((step) => step.type === type || inside([step], type).length > 0)).toEqual([]);
  });

  it("passes its options on: protect reaches every child, and no child falls back to a default provider", async () => {
    const steps = await record(() => {
      const workspace = new databricks.Provider("ws", { host: "https://dbc-1.cloud.databricks.com" });
      const aws = new AwsProvider("aws", { region: "us-east-1", allowedAccountIds: ["123456789012"] });
      build("alpha", { providers: [workspace, aws], protect: true });
    });
    const children = inside(steps, type).filter((step) => step.custom && !step.type.startsWith("pulumi:providers:"));
    expect(children.length).toBeGreaterThan(0);
    for (const child of children) {
      expect([child.name, child.protect]).toEqual([child.name, true]);
      // Either a provider given in the options or one the component declares itself (`alpha-...`).
      expect([child.name, child.provider]).toEqual([child.name, expect.stringMatching(/::(ws|aws|alpha-[a-z-]+)::/)]);
    }
  });
});
