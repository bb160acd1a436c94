// Rejecting a malformed key by its checksum versus hashing it for a database look-up.
import { generateApiKey, hashApiKey, isWellFormedApiKey } from "../convex/shared/keyFormat";

export async function benchKeyFormat() {
  const keys = Array.from({ length: 20_000 }, () => generateApiKey());
  const garbage = keys.map((k) => k.slice(0, -1) + (k.endsWith("a") ? "b" : "a"));

  let t0 = performance.now();
  let ok = 0;
  for (const k of garbage) if (isWellFormedApiKey(k)) ok++;
  const checksumUs = ((performance.now() - t0) * 1000) / garbage.length;

  t0 = performance.now();
  for (const k of garbage) await hashApiKey(k);
  const hashUs = ((performance.now() - t0) * 1000) / garbage.length;

  console.log(`checksum check: ${checksumUs.toFixed(2)} µs/key (${ok} of ${garbage.length} typo'd keys accepted)`);
  console.log(`SHA-256 hash:   ${hashUs.toFixed(2)} µs/key`);
  console.log(`ratio hash/checksum: ${(hashUs / checksumUs).toFixed(1)}x`);
}
