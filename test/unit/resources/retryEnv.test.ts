// LIVEENGAGE_RETRY_BACKOFF_MS: the provider's override of the 5xx/transport retry backoff (issue #8).
import { clientOptionsFromEnv, RETRY_BACKOFF_ENV } from "../../../sdk/src/resources/runtime";

describe(RETRY_BACKOFF_ENV, () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => (stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true)));
  afterEach(() => stderr.mockRestore());

  it("is the variable's name", () => expect(RETRY_BACKOFF_ENV).toBe("LIVEENGAGE_RETRY_BACKOFF_MS"));

  it.each([
    [undefined, {}],
    ["", {}],
    ["50,100,200", { retry: { backoffMs: [50, 100, 200] } }],
    [" 0 , 10 ", { retry: { backoffMs: [0, 10] } }],
  ])("%j → %j", (value, expected) => {
    expect(clientOptionsFromEnv(value === undefined ? {} : { [RETRY_BACKOFF_ENV]: value })).toEqual(expected);
    expect(stderr).not.toHaveBeenCalled();
  });

  it.each(["fast", "100,,200", "-5", "1.5", "100,abc"])("ignores %j with a warning naming the variable", (value) => {
    expect(clientOptionsFromEnv({ [RETRY_BACKOFF_ENV]: value })).toEqual({});
    expect(String(stderr.mock.calls[0]?.[0])).toContain(RETRY_BACKOFF_ENV);
  });
});
