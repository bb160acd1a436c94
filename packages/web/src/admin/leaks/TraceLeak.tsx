// Leak tracing: paste leaked text, see the key (and owner) whose watermark it carries, record the
// leak and optionally revoke the key in the same step.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "convex/react";
import * as z from "zod/mini";
import { LEAK_REPORTERS } from "@nak/backend/shared/validators";
import { text } from "../../lib/validation";
import type { LeakReporter } from "@nak/backend/shared/validators";
import { leaksApi, type TraceResult } from "../../lib/api";
import { Badge } from "../../ui/Badge";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { Input, Select, Textarea } from "../../ui/Field";
import { LoadingState } from "../../ui/Spinner";
import { QueryBoundary } from "../../ui/States";
import { useToast } from "../../ui/Toast";
import { errorMessage } from "../../lib/errors";
import { StatusBadge, TierBadge } from "../../keys/KeyBadges";
import { reporterOptions } from "../labels";

const MAX_TEXT = 50_000;
const recordSchema = z.object({
  foundOn: text(3, 500, "Say where the copy was found (a URL or a domain)."),
  reportedBy: z.enum(LEAK_REPORTERS),
  revoke: z.boolean(),
});

export function TraceLeak() {
  const [text, setText] = useState("");
  const [submitted, setSubmitted] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed.length < 20) return setError("Paste at least a paragraph of the leaked text (20+ characters).");
    setError(null);
    setSubmitted(trimmed.slice(0, MAX_TEXT));
  }

  return (
    <Card title="Trace leaked text" labelledBy="trace-heading">
      <form className="stack" onSubmit={submit}>
        <Textarea
          label="Leaked text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={6}
          hint="Paste the copied article text as found. Watermarks survive copy-paste, so include whole paragraphs."
          error={error}
        />
        <div className="form-actions">
          {submitted && (
            <Button
              variant="ghost"
              onClick={() => {
                setText("");
                setSubmitted(null);
              }}
            >
              Clear
            </Button>
          )}
          <Button type="submit" variant="primary">
            Trace
          </Button>
        </div>
      </form>
      {submitted && (
        <QueryBoundary key={submitted}>
          <TraceOutcome text={submitted} />
        </QueryBoundary>
      )}
    </Card>
  );
}

function TraceOutcome({ text }: { text: string }) {
  const result = useQuery(leaksApi.trace, { text });
  if (result === undefined) return <LoadingState label="Reading the watermark…" />;
  if (!result.found) {
    return (
      <div className="callout" role="status" style={{ marginTop: 16 }}>
        <strong>No key found.</strong> {result.reason}
      </div>
    );
  }
  return <TraceFound result={result} text={text} />;
}

function TraceFound({ result, text }: { result: Extract<TraceResult, { found: true }>; text: string }) {
  const record = useMutation(leaksApi.record);
  const toast = useToast();
  const [foundOn, setFoundOn] = useState("");
  const [reportedBy, setReportedBy] = useState<LeakReporter>("manual");
  const [revoke, setRevoke] = useState(result.key?.status === "active");
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [recorded, setRecorded] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = recordSchema.safeParse({ foundOn, reportedBy, revoke });
    if (!parsed.success) return setFieldError(parsed.error.issues[0]!.message);
    setFieldError(null);
    setError(null);
    setBusy(true);
    try {
      await record({ text, ...parsed.data });
      setRecorded(true);
      toast.show(parsed.data.revoke ? "Leak recorded and key revoked." : "Leak recorded.");
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack" style={{ marginTop: 16 }} role="region" aria-label="Trace result">
      <div className="callout callout-danger">
        <strong>Watermark found</strong> — confidence {Math.round(result.confidence * 100)}%
        {result.copies !== undefined && `, read from ${result.copies} cop${result.copies === 1 ? "y" : "ies"} in the text`}.
      </div>
      <dl className="dl">
        <dt>Key</dt>
        <dd>
          {result.key ? (
            <span className="row">
              <strong>{result.key.name}</strong> <StatusBadge status={result.key.status} /> <TierBadge tier={result.key.tier} />
            </span>
          ) : (
            <span className="mono small">{result.apiKeyId} (deleted)</span>
          )}
        </dd>
        <dt>Owner</dt>
        <dd>{result.owner ? `${result.owner.name} <${result.owner.email}>` : <span className="muted">unknown</span>}</dd>
        <dt>Article</dt>
        <dd>{result.slug ? <span className="mono small">{result.slug}</span> : <span className="muted">not identified</span>}</dd>
      </dl>
      {recorded ? (
        <div className="callout callout-success" role="status">
          <Badge tone="success">Recorded</Badge> The leak is in the list below{revoke ? " and the key is revoked" : ""}.
        </div>
      ) : (
        <form className="stack" onSubmit={(e) => void submit(e)} aria-label="Record the leak">
          <div className="two-col">
            <Input label="Found on" value={foundOn} onChange={(e) => setFoundOn(e.target.value)} placeholder="https://example.com/copied-article" error={fieldError} />
            <Select label="Reported by" value={reportedBy} onChange={(e) => setReportedBy(e.target.value as LeakReporter)} options={reporterOptions} />
          </div>
          {result.key?.status === "active" && (
            <label className="checkbox">
              <input type="checkbox" checked={revoke} onChange={(e) => setRevoke(e.target.checked)} />
              <span>Revoke “{result.key.name}” now (requests with it are refused at once)</span>
            </label>
          )}
          {error && <div className="callout callout-danger" role="alert">{error}</div>}
          <div className="form-actions">
            <Button type="submit" variant={revoke ? "danger" : "primary"} busy={busy}>
              {revoke ? "Record leak and revoke key" : "Record leak"}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
