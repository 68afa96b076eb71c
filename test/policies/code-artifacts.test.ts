/**
 * The judges of code a job or pipeline loads besides its Git source (policies/lib/code-sources/code-artifacts.ts) and
 * the masking of URL credentials (policies/lib/code-sources/url-credentials.ts), called directly.
 */
import { artifactGap, initScriptGap, isInAllowedLocation, libraryGaps, pythonPackageGap, requirementLineGap } from "../../policies/lib/code-sources/code-artifacts";
import { hasUrlCredentials, maskUrlCredentials } from "../../policies/lib/code-sources/url-credentials";

const VOLUME = "/Volumes/prod_mlops/ml_assets/artifacts";
const config = { allowedArtifactLocations: [VOLUME], allowedPackageIndexes: ["https://pypi.example.com/simple/"] };
const none = { allowedArtifactLocations: [], allowedPackageIndexes: [] };
const outside = (kind: string, path: string) => `loads ${kind} '${path}' from outside the artifact locations this stage allows (allowed: ${VOLUME})`;

describe("artifact locations", () => {
  test("a file inside an allowed volume folder passes, at any depth, with or without a trailing slash in the config", () => {
    expect(isInAllowedLocation(`${VOLUME}/churn-1.2.0-py3-none-any.whl`, [VOLUME])).toBe(true);
    expect(isInAllowedLocation(`${VOLUME}/churn/1.2.0/churn.whl`, [`${VOLUME}/`])).toBe(true);
  });

  test("a sibling folder with a longer name, the folder itself, another case, or a way out through dot segments is outside", () => {
    for (const path of [
      `${VOLUME}-evil/x.whl`,
      VOLUME,
      "/Volumes/PROD_MLOPS/ml_assets/artifacts/x.whl",
      `${VOLUME}/../../../dev_mlops/scratch/x/x.whl`,
      `${VOLUME}/./x.whl`,
      `${VOLUME}//x.whl`,
      `${VOLUME}/%2e%2e/%2E%2E/other/x.whl`,
      `${VOLUME}/a%2fb.whl`,
      `${VOLUME}/%zz.whl`,
      `${VOLUME}\\..\\x.whl`,
      `dbfs:${VOLUME}/x.whl`,
    ]) {
      expect({ path, allowed: isInAllowedLocation(path, [VOLUME]) }).toEqual({ path, allowed: false });
    }
    expect(isInAllowedLocation(`${VOLUME}/x.whl`, ["/"])).toBe(false);
  });

  test("the message names the file, the kind and the allowed folders, or none", () => {
    expect(artifactGap("wheel", "dbfs:/FileStore/jars/churn.whl", config)).toBe(outside("wheel", "dbfs:/FileStore/jars/churn.whl"));
    expect(artifactGap("JAR", "s3://scratch/x.jar", none)).toBe("loads JAR 's3://scratch/x.jar' from outside the artifact locations this stage allows (allowed: none)");
    expect(artifactGap("wheel", ` ${VOLUME}/x.whl `, config)).toBeUndefined();
  });
});

describe("packages", () => {
  test("a package pinned to one exact version passes, with extras or spaces; from the public index or an allowed one", () => {
    for (const requirement of ["scikit-learn==1.5.2", "mlflow[databricks]==2.17.0", "pandas == 2.2.3", "numpy===2.1.0"]) {
      expect(pythonPackageGap(requirement, undefined, config)).toBeUndefined();
    }
    expect(pythonPackageGap("churn==1.0.0", "https://pypi.example.com/simple", config)).toBeUndefined();
  });

  test("a range, a wildcard, a bare name, a marker, a URL or a VCS reference is not pinned", () => {
    for (const requirement of ["pandas", "pandas>=2", "pandas==2.*", "pandas~=2.2", "pandas==2.2; python_version>'3.8'", "churn @ https://evil.example.com/churn.whl", "git+https://github.com/attacker/churn"]) {
      expect(pythonPackageGap(requirement, undefined, config)).toBe(
        `installs PyPI package '${requirement}' without an exact version, so each run gets whatever the index serves that day (pin it: 'name==1.2.3')`,
      );
    }
  });

  test("a pinned package from an index the stage does not list is refused, its credentials masked", () => {
    expect(pythonPackageGap("churn==1.0.0", "https://ci:s3cr3t@pypi.attacker.example/simple", config)).toBe(
      "installs PyPI package 'churn==1.0.0' from index 'https://***@pypi.attacker.example/simple', which this stage does not allow (allowed indexes: https://pypi.example.com/simple/)",
    );
  });

  test("Maven: one fixed version only; CRAN cannot be pinned; an unknown library kind is refused", () => {
    expect(libraryGaps({ maven: { coordinates: "com.example:churn:1.2.0" } }, config)).toEqual([]);
    for (const coordinates of ["com.example:churn", "com.example:churn:[1.0,2.0)", "com.example:churn:LATEST", "com.example:churn:release", "com.example:churn:1.2-SNAPSHOT"]) {
      expect(libraryGaps({ maven: { coordinates } }, config)).toEqual([
        `installs Maven artifact '${coordinates}' without one fixed version (pin it: 'group:artifact:1.2.3'; no range, LATEST, RELEASE or SNAPSHOT)`,
      ]);
    }
    expect(libraryGaps({ maven: { coordinates: "com.example:churn:1.2.0", repo: "https://repo.attacker.example/maven" } }, config)).toEqual([
      "installs Maven artifact 'com.example:churn:1.2.0' from index 'https://repo.attacker.example/maven', which this stage does not allow (allowed indexes: https://pypi.example.com/simple/)",
    ]);
    expect(libraryGaps({ cran: { package: "forecast" } }, config)).toEqual(["installs CRAN package 'forecast', which cannot be pinned to a version"]);
    expect(libraryGaps({ npm: { package: "x" } }, config)).toEqual(["installs a library of a kind this pack does not judge ('npm')"]);
  });

  test("every field of a library block is judged, not only the first; a provider config alone installs nothing", () => {
    expect(libraryGaps({ whl: `${VOLUME}/ok.whl`, pypi: { package: "evil" }, requirements: "/Workspace/req.txt" }, config)).toEqual([
      "installs PyPI package 'evil' without an exact version, so each run gets whatever the index serves that day (pin it: 'name==1.2.3')",
      outside("requirements file", "/Workspace/req.txt"),
    ]);
    expect(libraryGaps({ egg: "dbfs:/x.egg", jar: `${VOLUME}/x.jar` }, config)).toEqual([outside("egg", "dbfs:/x.egg")]);
    expect(libraryGaps({ providerConfig: { workspaceId: "1" } }, config)).toEqual([]);
  });
});

describe("pip requirement lines and init scripts", () => {
  test("a requirements file in any spelling is judged by its location", () => {
    for (const line of [`-r ${VOLUME}/requirements.txt`, `--requirement=${VOLUME}/requirements.txt`, `-r${VOLUME}/requirements.txt`]) {
      expect(requirementLineGap(line, config)).toBeUndefined();
    }
    expect(requirementLineGap("-r /Workspace/Users/ana@example.com/requirements.txt", config)).toBe(outside("requirements file", "/Workspace/Users/ana@example.com/requirements.txt"));
  });

  test("a file path or URL is judged by location, an option is refused, a package must be pinned", () => {
    expect(requirementLineGap(`${VOLUME}/churn.whl`, config)).toBeUndefined();
    expect(requirementLineGap("/Workspace/Shared/churn.whl", config)).toBe(outside("file", "/Workspace/Shared/churn.whl"));
    expect(requirementLineGap("./churn.whl", config)).toBe(outside("file", "./churn.whl"));
    expect(requirementLineGap("https://tok@files.attacker.example/churn.whl", config)).toBe(outside("file", "https://***@files.attacker.example/churn.whl"));
    expect(requirementLineGap("--extra-index-url https://u:p@pypi.attacker.example/simple", config)).toBe(
      "uses pip option '--extra-index-url https://***@pypi.attacker.example/simple', which changes where code comes from in a way this pack does not judge",
    );
    expect(requirementLineGap("-e git+https://github.com/attacker/churn#egg=churn", config)).toMatch(/^uses pip option '-e git\+/);
    expect(requirementLineGap("pandas==2.2.3", config)).toBeUndefined();
    expect(requirementLineGap("pandas", config)).toMatch(/^installs PyPI package 'pandas' without an exact version/);
  });

  test("an init script runs from an allowed volume or is refused, whatever its kind", () => {
    expect(initScriptGap({ volumes: { destination: `${VOLUME}/init.sh` } }, config)).toBeUndefined();
    expect(initScriptGap({ workspace: { destination: "/Workspace/Shared/init.sh" } }, config)).toBe(outside("init script (workspace)", "/Workspace/Shared/init.sh"));
    expect(initScriptGap({ s3: { destination: "s3://scratch/init.sh", region: "us-east-1" } }, config)).toBe(outside("init script (s3)", "s3://scratch/init.sh"));
    expect(initScriptGap({ dbfs: "dbfs:/init.sh" }, config)).toBe(outside("init script (dbfs)", "?"));
  });
});

describe("URL credentials", () => {
  test("a user name, a token or both before the host are credentials; the shared SSH user 'git' is not", () => {
    for (const url of ["https://ci-bot:ghp_abc@github.com/org/repo", "https://ghp_abc@github.com/org/repo", "HTTPS://x:y@host/", "https://:tok@host/p", "https://git:ghp_abc@github.com/org/repo"]) {
      expect({ url, found: hasUrlCredentials(url) }).toEqual({ url, found: true });
    }
    for (const url of ["https://github.com/org/repo", "ssh://git@github.com/org/repo", "git@github.com:org/repo.git", "https://host/path@v1", "mailto:ana@example.com"]) {
      expect({ url, found: hasUrlCredentials(url) }).toEqual({ url, found: false });
    }
  });

  test("masking keeps scheme, host and path and hides every credential of every URL in the text", () => {
    expect(maskUrlCredentials("https://ci-bot:ghp_abc@github.com/org/repo")).toBe("https://***@github.com/org/repo");
    expect(maskUrlCredentials("a https://u:p@one.example and http://t@two.example/x")).toBe("a https://***@one.example and http://***@two.example/x");
    expect(maskUrlCredentials("ssh://git@github.com/org/repo")).toBe("ssh://git@github.com/org/repo");
    // The shared user's name does not cover a token written after it.
    expect(maskUrlCredentials("https://git:ghp_abc@github.com/org/repo")).toBe("https://***@github.com/org/repo");
  });
});
