import { coversEveryAddress, findOpenIpAccessEntries } from "../../policies/rules/workspace-forbid-open-ip-access-lists";

describe("workspace-forbid-open-ip-access-lists", () => {
  test("an ALLOW list of named networks passes; a BLOCK list of everything is a block, not an opening", () => {
    expect(findOpenIpAccessEntries("office", { listType: "ALLOW", ipAddresses: ["203.0.113.0/24", "198.51.100.7"] })).toEqual([]);
    expect(findOpenIpAccessEntries("deny-all", { listType: "BLOCK", ipAddresses: ["0.0.0.0/0"] })).toEqual([]);
  });

  test("every spelling of all addresses is reported on an ALLOW list", () => {
    expect(findOpenIpAccessEntries("open", { listType: "ALLOW", ipAddresses: ["10.0.0.0/8", "0.0.0.0/0", "::/0"] })).toEqual([
      "IP access list 'open' allows every address ('0.0.0.0/0', '::/0'); list the networks that may reach the workspace instead.",
    ]);
    for (const entry of ["1.2.3.4/0", " 0.0.0.0 / 0 ", "0::/00", "2001:db8::/0"]) expect(coversEveryAddress(entry)).toBe(true);
    for (const entry of ["0.0.0.0", "0.0.0.0/1", "10.0.0.0/8", "::/128"]) expect(coversEveryAddress(entry)).toBe(false);
  });

  test("a list whose type is not BLOCK counts as ALLOW (fails closed)", () => {
    expect(findOpenIpAccessEntries("odd", { listType: "allow", ipAddresses: ["0.0.0.0/0"] })).toHaveLength(1);
    expect(findOpenIpAccessEntries("odd", { ipAddresses: ["0.0.0.0/0"] })).toHaveLength(1);
  });
});

describe("workspace-forbid-open-ip-access-lists, the shape of an all-addresses block", () => {
  test("spaces around the parts and several zeros still cover every address", () => {
    for (const entry of [" 0.0.0.0 / 0 ", "0.0.0.0/00", "::/000"]) expect(coversEveryAddress(entry)).toBe(true);
  });

  test("an address, a prefix and nothing else make a block; anything more or less does not", () => {
    for (const entry of ["/0", "0.0.0.0/", "0.0.0.0/01", "0.0.0.0/0/24", "h0.0.0.0/0", "0.0.0.0/0 x", "0.0.0.0 0"]) {
      expect([entry, coversEveryAddress(entry)]).toEqual([entry, false]);
    }
  });

  test("entries are named trimmed", () => {
    expect(findOpenIpAccessEntries("open", { ipAddresses: [" 0.0.0.0/0 "] })).toEqual([
      "IP access list 'open' allows every address ('0.0.0.0/0'); list the networks that may reach the workspace instead.",
    ]);
  });
});
