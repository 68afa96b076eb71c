/**
 * Settings that load code into a cluster or pipeline without a library block: Spark properties that add
 * JARs, Python files or Maven packages to the class path, and environment variables that point pip, Python
 * or the JVM elsewhere. Each is another way to run code that bypasses the library checks, so it is refused
 * on a stage that runs reviewed code only; load the code as a library the stage allows instead.
 */

/** Spark properties that fetch or put code on the class or Python path (compared in lower case, trimmed). */
const CODE_LOADING_SPARK_PROPERTIES = new Set([
  "spark.jars",
  "spark.jars.packages",
  "spark.jars.repositories",
  "spark.jars.ivy",
  "spark.jars.ivysettings",
  "spark.jars.excludes",
  "spark.submit.pyfiles",
  "spark.files",
  "spark.archives",
  "spark.driver.extraclasspath",
  "spark.executor.extraclasspath",
  "spark.driver.extralibrarypath",
  "spark.executor.extralibrarypath",
]);

/** JVM options that load an agent (arbitrary code) into the driver or the executors. */
const JAVA_OPTIONS_PROPERTIES = new Set(["spark.driver.extrajavaoptions", "spark.executor.extrajavaoptions"]);
const JAVA_AGENT = /-(javaagent|agentpath|agentlib):/i;

/** Environment variables that change where pip, Python or the JVM load code from. */
const CODE_LOADING_VARIABLES = /^(PIP_.*|PYTHONPATH|PYTHONSTARTUP|PYTHONUSERBASE|PYTHONHOME|PYSPARK_PYTHON|PYSPARK_DRIVER_PYTHON|JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS|CLASSPATH|LD_PRELOAD|LD_LIBRARY_PATH)$/i;

const entries = (value: unknown): [string, unknown][] =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? Object.entries(value as Record<string, unknown>) : [];

/** The Spark properties (`sparkConf`, a pipeline's `configuration`) that load code, one phrase each. */
export function sparkPropertyGaps(properties: unknown): string[] {
  return entries(properties)
    .filter(([key, value]) => {
      const name = key.trim().toLowerCase();
      return CODE_LOADING_SPARK_PROPERTIES.has(name) || (JAVA_OPTIONS_PROPERTIES.has(name) && JAVA_AGENT.test(String(value)));
    })
    .map(([key]) => `sets Spark property '${key}', which loads code outside the libraries this rule judges (load it as a library the stage allows)`);
}

/** The environment variables (`sparkEnvVars`) that change where code is loaded from, one phrase each. */
export function environmentVariableGaps(variables: unknown): string[] {
  return entries(variables)
    .filter(([key]) => CODE_LOADING_VARIABLES.test(key.trim()))
    .map(([key]) => `sets environment variable '${key}', which changes where pip, Python or the JVM load code from`);
}
