/**
 * The Convex client sync protocol's wire messages (see convex/dist/esm/browser/sync/protocol.js):
 * client messages parsed with zod at the boundary, server messages typed, timestamps encoded
 * as Convex does (u64, little-endian, base64).
 */
import { z } from "zod";
import type { JSONValue } from "convex/values";

const json = z.custom<JSONValue>(() => true);

const addQuery = z.object({
  type: z.literal("Add"),
  queryId: z.number().int().nonnegative(),
  udfPath: z.string(),
  args: z.array(json),
  journal: z.string().nullable().optional(),
  componentPath: z.string().optional(),
});
const removeQuery = z.object({ type: z.literal("Remove"), queryId: z.number().int().nonnegative() });

export const clientMessage = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("Connect"),
    sessionId: z.string(),
    connectionCount: z.number(),
    lastCloseReason: z.string().nullable(),
    maxObservedTimestamp: z.string().nullable().optional(),
    clientTs: z.number().optional(),
  }),
  z.object({
    type: z.literal("ModifyQuerySet"),
    baseVersion: z.number().int(),
    newVersion: z.number().int(),
    modifications: z.array(z.discriminatedUnion("type", [addQuery, removeQuery])),
  }),
  z.object({
    type: z.literal("Mutation"),
    requestId: z.number().int(),
    udfPath: z.string(),
    args: z.array(json),
    componentPath: z.string().optional(),
  }),
  z.object({
    type: z.literal("Action"),
    requestId: z.number().int(),
    udfPath: z.string(),
    args: z.array(json),
    componentPath: z.string().optional(),
  }),
  z.object({
    type: z.literal("Authenticate"),
    tokenType: z.enum(["User", "Admin", "None"]),
    value: z.string().optional(),
    baseVersion: z.number().int(),
    impersonating: json.optional(),
  }),
  z.object({ type: z.literal("Event"), eventType: z.string(), event: json }),
]);

export type ClientMessage = z.infer<typeof clientMessage>;
export type AddQuery = z.infer<typeof addQuery>;
export type QuerySetChange = z.infer<typeof addQuery> | z.infer<typeof removeQuery>;

export type StateVersion = { querySet: number; ts: string; identity: number };

export type StateModification =
  | { type: "QueryUpdated"; queryId: number; value: JSONValue; logLines: string[]; journal: string | null }
  | {
      type: "QueryFailed";
      queryId: number;
      errorMessage: string;
      logLines: string[];
      errorData?: JSONValue;
      journal: string | null;
    }
  | { type: "QueryRemoved"; queryId: number };

export type ServerMessage =
  | {
      type: "Transition";
      startVersion: StateVersion;
      endVersion: StateVersion;
      modifications: StateModification[];
      clientClockSkew?: number;
      serverTs?: number;
    }
  | { type: "MutationResponse"; requestId: number; success: true; result: JSONValue; ts: string; logLines: string[] }
  | { type: "MutationResponse"; requestId: number; success: false; result: string; logLines: string[]; errorData?: JSONValue }
  | { type: "ActionResponse"; requestId: number; success: true; result: JSONValue; logLines: string[] }
  | { type: "ActionResponse"; requestId: number; success: false; result: string; logLines: string[]; errorData?: JSONValue }
  | { type: "AuthError"; error: string; baseVersion: number; authUpdateAttempted: boolean }
  | { type: "FatalError"; error: string }
  | { type: "Ping" };

/** Encodes a Convex timestamp as the protocol's u64: 8 bytes little-endian, base64. */
export function encodeTs(ts: bigint): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(ts);
  return bytes.toString("base64");
}

/** Decodes a protocol u64 timestamp. */
export function decodeTs(encoded: string): bigint {
  return Buffer.from(encoded, "base64").readBigUInt64LE();
}
