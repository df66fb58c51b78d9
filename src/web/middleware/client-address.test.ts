import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Hono } from "hono";
import { ShinchokuError } from "../../domain/errors.ts";
import { type ClientAddress, clientAddress } from "./client-address.ts";
import { trustedProxies } from "./trusted-proxies.ts";

/** What `clientAddress` says of a request from `peer` with these headers, behind `setting`. */
async function seen(
  setting: string,
  peer: string | undefined,
  headers: Record<string, string> = {},
  url = "http://localhost/",
): Promise<ClientAddress> {
  const proxies = trustedProxies({ SHINCHOKU_TRUSTED_PROXIES: setting });
  const app = new Hono();
  app.get("/", (c) => c.json(clientAddress(c, proxies)));
  // The bindings @hono/node-server passes: the incoming request with its socket.
  const env = peer === undefined ? undefined : { incoming: { socket: { remoteAddress: peer } } };
  return (await app.request(url, { headers }, env)).json() as Promise<ClientAddress>;
}

describe("the trusted proxies setting", () => {
  it("trusts nobody when unset or empty", () => {
    for (const env of [{}, { SHINCHOKU_TRUSTED_PROXIES: "" }, { SHINCHOKU_TRUSTED_PROXIES: " , " }])
      assert.equal(trustedProxies(env).trusts("127.0.0.1"), false);
  });

  it("trusts single addresses and CIDR ranges of IPv4 and IPv6, IPv4-mapped addresses included", () => {
    const proxies = trustedProxies({
      SHINCHOKU_TRUSTED_PROXIES: "127.0.0.1, 10.0.0.0/8,fd00::/8 ,::1",
    });
    for (const address of ["127.0.0.1", "::ffff:127.0.0.1", "10.20.30.40", "fd12::7", "::1"])
      assert.ok(proxies.trusts(address), address);
    for (const address of ["127.0.0.2", "11.0.0.1", "fe80::1", "2001:db8::1", "not an address"])
      assert.ok(!proxies.trusts(address), address);
  });

  it("refuses at start an entry that is not an address or a range, naming it and the setting", () => {
    for (const bad of [
      "localhost",
      "10.0.0.0/33",
      "10.0.0.0/8/1",
      "10.0.0.0/",
      "::1/129",
      "1.2.3",
    ]) {
      assert.throws(
        () => trustedProxies({ SHINCHOKU_TRUSTED_PROXIES: `127.0.0.1,${bad}` }),
        (e: unknown) =>
          e instanceof ShinchokuError &&
          e.id === "invalid_config" &&
          e.location.field === "SHINCHOKU_TRUSTED_PROXIES" &&
          e.message.includes(`「${bad}」`),
        bad,
      );
    }
  });
});

describe("the client address", () => {
  it("is the socket's peer when nobody is trusted, whatever X-Forwarded-For and -Proto say", async () => {
    assert.deepEqual(
      await seen("", "203.0.113.9", {
        "x-forwarded-for": "198.51.100.1",
        "x-forwarded-proto": "https",
      }),
      { address: "203.0.113.9", https: false },
    );
  });

  it("ignores the headers of a peer that is not one of the trusted proxies", async () => {
    assert.deepEqual(
      await seen("10.0.0.0/8", "::ffff:203.0.113.9", {
        "x-forwarded-for": "10.0.0.5",
        "x-forwarded-proto": "https",
      }),
      { address: "203.0.113.9", https: false },
    );
  });

  it("believes a trusted proxy, taking the right-most address that is not a trusted proxy", async () => {
    // The client wrote 1.1.1.1 itself; our edge proxy appended what it saw, then the inner one.
    assert.deepEqual(
      await seen("10.0.0.0/8", "10.0.0.2", {
        "x-forwarded-for": "1.1.1.1, 198.51.100.7, 10.0.0.1",
        "x-forwarded-proto": "https",
      }),
      { address: "198.51.100.7", https: true },
    );
  });

  it("takes the last proxy when the header holds only proxies or nothing usable", async () => {
    assert.equal((await seen("10.0.0.0/8", "10.0.0.2")).address, "10.0.0.2");
    assert.equal(
      (await seen("10.0.0.0/8", "10.0.0.2", { "x-forwarded-for": "10.0.0.9, 10.0.0.1" })).address,
      "10.0.0.9",
    );
    assert.equal(
      (await seen("10.0.0.0/8", "10.0.0.2", { "x-forwarded-for": "<script>, 10.0.0.1" })).address,
      "10.0.0.1",
    );
  });

  it("takes HTTPS from the right-most X-Forwarded-Proto, which the nearest proxy set", async () => {
    const via = (proto: string) =>
      seen("127.0.0.1", "127.0.0.1", { "x-forwarded-proto": proto }).then((s) => s.https);
    assert.equal(await via("https"), true);
    assert.equal(await via("HTTPS"), true);
    assert.equal(await via("http"), false);
    assert.equal(await via("https, http"), false, "a client's own https is to the left");
  });

  it("counts a request over HTTPS itself as HTTPS, and one without a socket as local", async () => {
    assert.deepEqual(await seen("", "203.0.113.9", {}, "https://localhost/"), {
      address: "203.0.113.9",
      https: true,
    });
    assert.deepEqual(await seen("", undefined, { "x-forwarded-for": "1.2.3.4" }), {
      address: "local",
      https: false,
    });
  });
});
