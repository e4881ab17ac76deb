import { ConfigurationError } from "../../../sdk/src/client/errors";
import { isLoopbackHost, originFor } from "../../../sdk/src/client/transport";

describe("isLoopbackHost", () => {
  it.each(["127.0.0.1", "127.255.0.9", "localhost", "LOCALHOST", "::1", "[::1]"])("%s is loopback", (h) =>
    expect(isLoopbackHost(h)).toBe(true),
  );
  it.each(["128.0.0.1", "127.0.0.256", "10.0.0.1", "localhost.example.com", "127.0.0.1.nip.io", "api.liveperson.net", "::2"])(
    "%s is not",
    (h) => expect(isLoopbackHost(h)).toBe(false),
  );
});

describe("originFor", () => {
  it.each([
    ["api.liveperson.net", "https://api.liveperson.net"],
    ["va.ac.liveperson.net:8443", "https://va.ac.liveperson.net:8443"],
    ["https://va.ac.liveperson.net/", "https://va.ac.liveperson.net"],
    ["127.0.0.1:4510", "http://127.0.0.1:4510"],
    ["localhost:4510", "http://localhost:4510"],
    ["[::1]:4510", "http://[::1]:4510"],
    ["http://127.0.0.1:4510", "http://127.0.0.1:4510"],
    ["https://127.0.0.1:4510", "https://127.0.0.1:4510"],
  ])("%s → %s", (host, origin) => expect(originFor(host)).toBe(origin));

  it.each(["http://api.liveperson.net", "http://10.0.0.1:80", "http://127.0.0.1.nip.io", "ftp://127.0.0.1", "va.ac.liveperson.net/path"])(
    "refuses %s",
    (host) => expect(() => originFor(host)).toThrow(ConfigurationError),
  );

  it("refuses a malformed host as a ConfigurationError with the expected form, not Node's TypeError (issue #16)", () => {
    expect(() => originFor("127.0.0.1:notaport")).toThrow(ConfigurationError);
    expect(() => originFor("127.0.0.1:notaport")).toThrow(/must be host\[:port\] \(port a number\).*"127\.0\.0\.1:notaport" is not/);
  });

  it("says why plain http is refused", () => {
    expect(() => originFor("http://example.com")).toThrow("Refusing plain http to example.com: https is required except on loopback hosts");
  });
});
