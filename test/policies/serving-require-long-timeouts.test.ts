import { DEFAULT_SERVING_TIMEOUT_CONFIG, findShortTimeouts } from "../../policies/rules/serving-require-long-timeouts";
import { ENDPOINT_TIMEOUTS } from "../../components/serving/endpoint";
import { durationSeconds } from "../../tools/plan/analyzer-messages";
import { prodEndpoint } from "./serving-fixtures";

const config = DEFAULT_SERVING_TIMEOUT_CONFIG;
const program = { createSeconds: durationSeconds(ENDPOINT_TIMEOUTS.create), updateSeconds: durationSeconds(ENDPOINT_TIMEOUTS.update) };

describe("serving-require-long-timeouts", () => {
  test("the program's endpoint waits 60 minutes to create and update", () => {
    expect(program).toEqual({ createSeconds: 3600, updateSeconds: 3600 });
    expect(findShortTimeouts("r", prodEndpoint(), program, config)).toEqual([]);
  });

  test("no custom timeouts", () => {
    expect(findShortTimeouts("r", prodEndpoint(), { createSeconds: 0, updateSeconds: 0 }, config)).toEqual([
      "Endpoint 'prod-churn' has no custom timeout (the provider default applies) for create; endpoints take up to 30 minutes and the provider deletes one whose wait times out: set customTimeouts.create to at least 45m.",
      "Endpoint 'prod-churn' has no custom timeout (the provider default applies) for update; endpoints take up to 30 minutes and the provider deletes one whose wait times out: set customTimeouts.update to at least 45m.",
    ]);
  });

  test("a create timeout that is too short", () => {
    expect(findShortTimeouts("r", prodEndpoint(), { createSeconds: 1200, updateSeconds: 3600 }, config)).toEqual([
      "Endpoint 'prod-churn' has a timeout of 20 minutes for create; endpoints take up to 30 minutes and the provider deletes one whose wait times out: set customTimeouts.create to at least 45m.",
    ]);
  });

  test("an update timeout below the configured minimum", () => {
    expect(findShortTimeouts("r", prodEndpoint(), { createSeconds: 3600, updateSeconds: 3000 }, { minimumMinutes: 60 })).toHaveLength(1);
  });
});
