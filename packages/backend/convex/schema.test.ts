// The schema accepts a valid document of every table, and every index the code relies on exists.
import { describe, expect, test } from "vitest";
import type { TableNames } from "./_generated/dataModel";
import schema from "./schema";
import betterAuthSchema from "./betterAuth/schema";
import { newTest } from "./test/setup";

const now = Date.UTC(2026, 10, 22);
const VALID: { [T in TableNames]: Record<string, unknown> } = {
  profiles: { authUserId: "u1", email: "a@b.c", name: "A", plan: "free", role: "user", createdAt: now },
  apiKeyUsage: { apiKeyId: "k1", userId: "u1", watermarkCode: "00aa11bb22cc" },
  customerQuotas: {
    userId: "u1", tier: "pro", value: 99, ts: now,
    keys: [{ apiKeyId: "k1", day: now, requestsToday: 1, minute: now, requestsThisMinute: 1, lastRequestTime: now }],
  },
  apiKeyTombstones: {
    apiKeyId: "k1", userId: "u1", name: "Prod", start: "nak_pk_ab12", prefix: "nak_pk_", tier: "pro",
    watermarkCode: "00aa11bb22cc", revokedAt: now, revokedReason: "Automatic", revokedBy: "system",
    createdAt: now, deletedAt: now, deletedBy: "u1",
  },
  contentAccessLog: {
    apiKeyId: "k1", userId: "u1", contentSlug: "a-slug", action: "get", statusCode: 200,
    ipAddress: "203.0.113.7", userAgent: "curl/8", accessedAt: now,
  },
  dailyKeyUsage: { apiKeyId: "k1", userId: "u1", day: now, requests: 3, errors: 1, rateLimited: 0 },
  hourlyKeyUsage: { apiKeyId: "k1", userId: "u1", hour: now, requests: 3, errors: 1, rateLimited: 1 },
  scrapingAlerts: {
    apiKeyId: "k1", userId: "u1", alertType: "sequential_access", severity: "critical",
    details: "{}", resolved: false, createdAt: now,
  },
  securityEvents: { type: "api_key_created", severity: "info", actor: "u1", details: "{}", createdAt: now },
  invalidKeyAttempts: {
    ipAddress: "203.0.113.7", windowStart: now, count: 3, throttled: 0, firstAt: now, lastAt: now,
    sample: { keyStart: "nak_pk_abcd", path: "/api/v1/contents", userAgent: "curl/8" },
  },
  usedSignatures: { apiKeyId: "k1", signature: "ab".repeat(32), expiresAt: now },
  contentLeaks: { apiKeyId: "k1", slug: "a-slug", foundOn: "example.com", foundAt: now, reportedBy: "manual", resolved: false, createdAt: now },
  signingSecrets: { apiKeyId: "k1", encryptedSecret: "AAAA", createdAt: now },
  articles: {
    slug: "a-slug", title: "T", summary: "S", body: "B", tags: ["x"], author: "A", publishedAt: now, ordinal: 1, trap: false,
  },
  jobCursors: { name: "detection", lastCreationTime: 0, updatedAt: now },
  articlePositions: { slug: "a-slug", ordinal: 1, trap: false },
  keyCoverage: { subject: "key:k1", period: "hour", start: now, bits: new Uint8Array([6]).buffer, gets: 2 },
  detectionState: { apiKeyId: "k1", processedThrough: now },
  clientSightings: { fingerprint: "net:203.0.113.0/24", day: now, apiKeyId: "k1", userId: "u1", requests: 3, lastSeenAt: now },
  notificationSettings: { name: "adminWebhook", url: "https://hooks.example.com/nak", encryptedSecret: "AAAA", enabled: true, minSeverity: "warning", updatedAt: now, updatedBy: "u1" },
  keyIpAllowlists: { apiKeyId: "k1", entries: ["203.0.113.0/24"], updatedAt: now, updatedBy: "u1" },
  webhookDeliveries: { eventId: "evt_1", eventType: "alert.created", payload: "{}", url: "https://hooks.example.com/nak", status: "pending", attempts: 0, createdAt: now },
  devMailbox: { to: "a@b.c", subject: "Reset", text: "Open https://x.example/r", url: "https://x.example/r", kind: "reset_password", createdAt: now },
};

function indexNames(table: unknown): string[] {
  return (table as { export(): { indexes: { indexDescriptor: string }[] } }).export().indexes.map((i) => i.indexDescriptor);
}

describe("schema", () => {
  test.each(Object.keys(schema.tables))("table %s accepts a valid document", async (table) => {
    const t = newTest();
    const doc = VALID[table as TableNames];
    const stored = await t.run(async (ctx) => {
      const id = await ctx.db.insert(table as TableNames, doc as never);
      return await ctx.db.get(table as TableNames, id);
    });
    expect(stored).toMatchObject(doc);
  });

  test("rejects a document with an enumeration value outside the seed literals", async () => {
    const t = newTest();
    await expect(
      t.run((ctx) => ctx.db.insert("scrapingAlerts", { ...VALID.scrapingAlerts, alertType: "scraping" } as never)),
    ).rejects.toThrow(/Validator error.*"scraping"/);
  });

  test("the access log and alerts have the indexes the detectors and dashboards query", () => {
    expect(indexNames(schema.tables.contentAccessLog)).toEqual(
      expect.arrayContaining(["by_apiKeyId_and_accessedAt", "by_userId_and_accessedAt", "by_accessedAt"]),
    );
    expect(indexNames(schema.tables.scrapingAlerts)).toEqual(
      expect.arrayContaining(["by_apiKeyId_and_alertType_and_createdAt", "by_resolved_and_createdAt"]),
    );
    expect(indexNames(schema.tables.apiKeyUsage)).toEqual(expect.arrayContaining(["by_apiKeyId", "by_watermarkCode"]));
  });

  test("Better Auth's apikey table is indexed by hash, owner and expiry and carries the product's fields", () => {
    const apikey = betterAuthSchema.tables.apikey;
    expect(indexNames(apikey)).toEqual(expect.arrayContaining(["key", "referenceId", "expiresAt"]));
    const fields = Object.keys((apikey as unknown as { validator: { fields: object } }).validator.fields);
    expect(fields).toEqual(expect.arrayContaining(["tier", "revokedAt", "revokedReason", "lastUsedAt", "signingSecretId"]));
  });
});
