// Leak tracing: paste leaked text, see which key's copy it is (and through which watermark layer,
// with the probability that another key would match as well), or why no key could be named and
// which keys fetched the article; record the leak and, only if asked, revoke the key.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "convex/react";
import * as z from "zod/mini";
import { LEAK_REPORTERS, MAX_LEAK_TEXT } from "@nak/backend/shared/validators";
import { ATTRIBUTION_THRESHOLD } from "@nak/backend/shared/attribution";
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
import { formatFull, relativeTime } from "../../lib/format";
import { Table, type Column } from "../../ui/Table";
import { reporterOptions } from "../labels";
import { keyRecordStatus, keyStatus } from "@nak/backend/apiKeys/status";
import { MINUTE, useNow } from "../../lib/clock";

type Found = Extract<TraceResult, { found: true }>;
type NotFound = Extract<TraceResult, { found: false }>;
type Candidate = NotFound["candidates"][number];
type Fetched = Found["fetched"];

const LAYER_TEXT: Record<Found["layer"], string> = {
  both: "both layers: the invisible characters and the visible choices of words and spacing",
  visible: "the visible choices of words and spacing (the invisible characters were stripped from this copy)",
  "zero-width": "the invisible characters (too few visible choices in this fragment)",
};

const FAILURE_TITLE: Record<NotFound["failure"], string> = {
  too_short: "Too short to name a key",
  no_marks: "No marks found",
  article_not_recognised: "Article not recognised",
};

/** A small probability as "3.2 × 10⁻¹⁵". */
export function formatProbability(p: number): string {
  if (p >= 0.001) return p.toFixed(3);
  if (p === 0) return "< 10⁻³⁰⁰";
  const [mantissa, exponent] = p.toExponential(1).split("e");
  const superscript = exponent.replace("-", "⁻").replace("+", "").replace(/\d/g, (d) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[Number(d)]);
  return `${mantissa} × 10${superscript}`;
}

function FetchedText({ fetched }: { fetched: Fetched }) {
  if (!fetched) return <span className="muted">not in the recent access log</span>;
  return (
    <span>
      {fetched.count} time{fetched.count === 1 ? "" : "s"}, first <time dateTime={new Date(fetched.firstAt).toISOString()} title={formatFull(fetched.firstAt)}>{relativeTime(fetched.firstAt)}</time>
      {fetched.count > 1 && (
        <>
          , last <time dateTime={new Date(fetched.lastAt).toISOString()} title={formatFull(fetched.lastAt)}>{relativeTime(fetched.lastAt)}</time>
        </>
      )}
    </span>
  );
}

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
    setSubmitted(trimmed.slice(0, MAX_LEAK_TEXT));
  }

  return (
    <Card title="Trace leaked text" labelledBy="trace-heading">
      <form className="stack" onSubmit={submit}>
        <Textarea
          label="Leaked text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={6}
          hint="Paste the copied text as found. A few hundred characters usually suffice; if the copy lost its invisible characters, paste 1,200 or more."
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
  if (!result.found) return <TraceNotFound result={result} />;
  return <TraceFound result={result} text={text} />;
}

/** A pasted page may hold passages of several articles (a scraper's page): their marks are read together. */
function OtherArticles({ count }: { count: number }) {
  return (
    <span className="muted small">
      {" "}
      and passages of {count} other article{count === 1 ? "" : "s"}, whose marks are read together
    </span>
  );
}

function CandidateName({ candidate: c }: { candidate: Candidate }) {
  return c.keyName ? (
    <span>
      {c.keyName}
      {c.ownerEmail && <span className="cell-sub"> · {c.ownerEmail}</span>}
    </span>
  ) : (
    <span className="mono small">{c.apiKeyId} (deleted)</span>
  );
}

/** 4.1e-5 → "24,000": the N of "1 in N", to two significant figures. */
const rarity = (p: number) => Number((1 / p).toPrecision(2)).toLocaleString("en");

/**
 * The best candidate when a wrong key would match as well less than 1 time in 1 000 but not less
 * than 1 in a million: the key more text of the same leak would most likely confirm.
 */
function LeadingCandidate({ result, leading }: { result: NotFound; leading: NonNullable<NotFound["leading"]> }) {
  const c = result.candidates.find((x) => x.apiKeyId === leading.apiKeyId);
  return (
    <div className="callout" role="note" aria-label="Leading candidate">
      <p>
        <strong>Leading candidate, not an attribution:</strong> {c ? <CandidateName candidate={c} /> : <span className="mono small">{leading.apiKeyId}</span>}.
      </p>
      <p className="small">
        Among the {result.keysCompared} keys compared, one would match this well by chance about 1 time in {rarity(leading.falseAttributionProbability)}; a key is named only below 1 in {rarity(ATTRIBUTION_THRESHOLD)}.
        {" "}Paste more of the same copy (other pages of the same site) together with this text: the marks of every passage are read together.
      </p>
    </div>
  );
}

function TraceNotFound({ result }: { result: NotFound }) {
  const columns: Column<Candidate>[] = [
    {
      header: "Key",
      cell: (c) => (
        <span>
          <CandidateName candidate={c} />
          {c.apiKeyId === result.leading?.apiKeyId && (
            <>
              {" "}
              <Badge tone="warning">leading</Badge>
            </>
          )}
        </span>
      ),
    },
    { header: "Fetched the article", cell: (c) => <FetchedText fetched={c.fetched} /> },
    { header: "Chance match", cell: (c) => <span className="mono small">{formatProbability(c.randomKeyMatchProbability)}</span> },
  ];
  return (
    <div className="stack" style={{ marginTop: 16 }} role="region" aria-label="Trace result">
      <div className="callout" role="status">
        <strong>{FAILURE_TITLE[result.failure]}.</strong> {result.reason}
      </div>
      {result.article && (
        <p>
          The text is from <strong>{result.article.title}</strong> <span className="mono small">({result.article.slug})</span>, recognised from{" "}
          {Math.round(result.article.similarity * 100)}% of its passages.
          {result.articlesRecognised > 1 && <OtherArticles count={result.articlesRecognised - 1} />}
        </p>
      )}
      {result.failure === "too_short" && result.article && (
        <p className="muted small">
          {result.charactersNeeded === null
            ? "This article offers too few visible choices to name a key once its invisible characters are stripped: only an unstripped copy can be traced."
            : `This article needs about ${result.charactersNeeded.toLocaleString("en")} characters to name a key once its invisible characters are stripped (a few hundred while they survive).`}
        </p>
      )}
      {result.leading && <LeadingCandidate result={result} leading={result.leading} />}
      {result.candidates.length > 0 && (
        <>
          <h3>Candidates — not an attribution</h3>
          <p className="muted small">
            These keys fetched the article. None could be named: a key is named only when the chance that another key matches as well is below one in a million. Most likely first.
          </p>
          <Table caption="Candidate keys (not an attribution)" columns={columns} rows={result.candidates} rowKey={(c) => c.apiKeyId} showCaption={false} />
        </>
      )}
    </div>
  );
}

function TraceFound({ result, text }: { result: Found; text: string }) {
  const record = useMutation(leaksApi.record);
  const toast = useToast();
  const [foundOn, setFoundOn] = useState("");
  const [reportedBy, setReportedBy] = useState<LeakReporter>("manual");
  // Revoking is a separate decision: never pre-selected.
  const [revoke, setRevoke] = useState(false);
  // Status at the admin's clock (the trace result carries stored state only).
  const now = useNow(MINUTE, () => [result.record.expiresAt]);
  const keyStatusNow = result.key ? keyStatus(result.key, now) : null;
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
        <strong>Key identified</strong> by {LAYER_TEXT[result.layer]}.
      </div>
      <p className="small">
        Chance that another of the {result.keysCompared} key{result.keysCompared === 1 ? "" : "s"} compared would match this copy as well:{" "}
        <strong className="mono">{formatProbability(result.falseAttributionProbability)}</strong> (a key is named only below one in a million).
        {result.evidence.choicePoints > 0 && ` ${result.evidence.choicesMatched} of ${result.evidence.choicePoints} visible choices match.`}
        {result.evidence.invisibleMatched > 0 && ` ${result.evidence.invisibleMatched} of ${result.evidence.invisibleCharacters} invisible characters match.`}
      </p>
      <dl className="dl">
        <dt>Key</dt>
        <dd>
          {result.key ? (
            <span className="row">
              <strong>{result.key.name}</strong> <StatusBadge status={keyStatusNow ?? "deleted"} /> <TierBadge tier={result.key.tier} />
            </span>
          ) : (
            // Deleted since: its tombstone still names it (name, prefix, tier, when it was deleted).
            <span className="row">
              {result.record.name && <strong>{result.record.name}</strong>}
              <span className="mono small">{result.record.start ? `${result.record.start}… ` : ""}{result.apiKeyId}</span>
              <StatusBadge status={keyRecordStatus(result.record, now)} /> <TierBadge tier={result.record.tier} />
              {result.record.deletedAt !== null && (
                <span className="muted small">
                  deleted <time dateTime={new Date(result.record.deletedAt).toISOString()} title={formatFull(result.record.deletedAt)}>{relativeTime(result.record.deletedAt)}</time>
                </span>
              )}
            </span>
          )}
        </dd>
        <dt>Owner</dt>
        <dd>{result.owner ? `${result.owner.name} <${result.owner.email}>` : <span className="muted">unknown</span>}</dd>
        <dt>Article</dt>
        <dd>
          {result.article ? (
            <span>
              {result.article.title} <span className="mono small">({result.article.slug})</span>
              {result.articlesRecognised > 1 && <OtherArticles count={result.articlesRecognised - 1} />}
            </span>
          ) : result.slug ? (
            <span className="mono small">{result.slug}</span>
          ) : (
            <span className="muted">not identified</span>
          )}
        </dd>
        <dt>Fetched by this key</dt>
        <dd>
          <FetchedText fetched={result.fetched} />
        </dd>
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
          {keyStatusNow === "active" && result.key && (
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
