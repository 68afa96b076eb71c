import { awsKeyKind, isLiteralCredential, isSecretReference } from "../../policies/lib/aws-keys";

describe("AWS key settings, matched by pattern", () => {
  test.each([
    "spark.hadoop.fs.s3a.access.key",
    "spark.hadoop.fs.s3a.secret.key",
    "spark.hadoop.fs.s3a.session.token",
    "fs.s3a.access.key",
    "spark.hadoop.fs.s3a.bucket.prod-raw-data.access.key",
    "spark.hadoop.fs.s3a.bucket.prod.raw.data.secret.key",
    "spark.hadoop.fs.s3n.awsAccessKeyId",
    "spark.hadoop.fs.s3n.awsSecretAccessKey",
    "fs.s3.awsSecretAccessKey",
    " Spark.Hadoop.FS.S3A.Secret.Key ",
    "spark.hadoop.fs.s3a. secret .key",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "aws_session_token",
    "AWS_SECURITY_TOKEN",
    "AWS_SECRET_KEY",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "spark.executorEnv.AWS_SECRET_ACCESS_KEY",
    "spark.yarn.appMasterEnv.AWS_ACCESS_KEY_ID",
    "spark.kubernetes.driverEnv.AWS_SESSION_TOKEN",
  ])("%s carries a credential", (key) => {
    expect(awsKeyKind(key)).toBe("carries");
  });

  test.each([
    "spark.hadoop.fs.s3a.aws.credentials.provider",
    "spark.hadoop.fs.s3a.bucket.prod-raw-data.aws.credentials.provider",
    "spark.hadoop.fs.s3a.assumed.role.arn",
    "fs.s3a.credentialsType",
    "spark.hadoop.fs.s3a.stsAssumeRole.arn",
    "spark.hadoop.fs.s3a.security.credential.provider.path",
    "spark.hadoop.hadoop.security.credential.provider.path",
    "AWS_ROLE_ARN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_PROFILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_CONFIG_FILE",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "spark.executorEnv.AWS_ROLE_ARN",
  ])("%s selects an identity", (key) => {
    expect(awsKeyKind(key)).toBe("selects");
  });

  test.each([
    "spark.databricks.cluster.profile",
    "spark.hadoop.fs.s3a.server-side-encryption.key",
    "spark.hadoop.fs.s3a.endpoint",
    "spark.hadoop.fs.s3a.bucket.prod-raw-data.endpoint.region",
    "spark.executorEnv.AWS_REGION",
    "AWS_DEFAULT_REGION",
    "MLFLOW_TRACKING_URI",
    "spark.hadoop.fs.azure.account.key.store.dfs.core.windows.net",
    "ANSI_MODE",
  ])("%s does nothing with an AWS identity", (key) => {
    expect(awsKeyKind(key)).toBeUndefined();
  });
});

describe("secret references", () => {
  test.each(["{{secrets/prod-mlops/aws-secret-key}}", "{{secrets/scope.with.dots/key_1}}"])("%s is a reference", (value) => {
    expect(isSecretReference(value)).toBe(true);
    expect(isLiteralCredential(value)).toBe(false);
  });

  test.each([
    ["a key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"],
    ["a reference with text around it", "x{{secrets/s/k}}"],
    ["a reference padded with spaces", " {{secrets/s/k}}"],
    ["a reference without a key", "{{secrets/s}}"],
    ["a number", 12345],
  ])("%s is a literal", (_, value) => {
    expect(isSecretReference(value)).toBe(false);
    expect(isLiteralCredential(value)).toBe(true);
  });

  test.each([["nothing", undefined], ["null", null], ["an empty string", " "]])("%s puts no credential in the settings", (_, value) => {
    expect(isLiteralCredential(value)).toBe(false);
  });
});
