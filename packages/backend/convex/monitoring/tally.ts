/**
 * Counting access-log rows per key and period (hour or day): the one tally behind the usage
 * chart's hourly buckets (detection scan) and the daily rollups (retention). Pure module.
 *
 * @example tallyByPeriod(rows, HOUR) // [{ apiKeyId, userId, start, requests, errors, rateLimited }]
 */
export type TallyRow = { apiKeyId: string; userId: string; accessedAt: number; statusCode: number };
export type Tally = { apiKeyId: string; userId: string; start: number; requests: number; errors: number; rateLimited: number };

export function tallyByPeriod(rows: readonly TallyRow[], periodMs: number): Tally[] {
  const tallies = new Map<string, Tally>();
  for (const row of rows) {
    const start = row.accessedAt - (row.accessedAt % periodMs);
    const id = `${row.apiKeyId}|${start}`;
    const tally = tallies.get(id) ?? { apiKeyId: row.apiKeyId, userId: row.userId, start, requests: 0, errors: 0, rateLimited: 0 };
    tally.requests += 1;
    if (row.statusCode >= 400) tally.errors += 1;
    if (row.statusCode === 429) tally.rateLimited += 1;
    tallies.set(id, tally);
  }
  return [...tallies.values()];
}
