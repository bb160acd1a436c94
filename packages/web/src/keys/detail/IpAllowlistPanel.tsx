// A key's IP allowlist: addresses and CIDR ranges (IPv4, IPv6), one per line. Requests from
// other addresses are refused with 403 ip_not_allowed. The server parses and normalises.
import { useEffect, useState } from "react";
import { useMutation, useQuery } from "convex/react";
import { api } from "../../lib/api";
import { appErrorOf } from "../../lib/errors";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { Textarea } from "../../ui/Field";
import { LoadingState } from "../../ui/Spinner";
import { useToast } from "../../ui/Toast";

export function IpAllowlistPanel({ keyId }: { keyId: string }) {
  const saved = useQuery(api.keyAccess.functions.ipAllowlist, { keyId });
  const save = useMutation(api.keyAccess.functions.setIpAllowlist);
  const toast = useToast();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (saved) setText(saved.join("\n"));
  }, [saved]);

  if (saved === undefined) return <Card title="IP allowlist"><LoadingState label="Loading the allowlist…" /></Card>;

  return (
    <Card title="IP allowlist">
      <form
        className="stack"
        aria-label="IP allowlist"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const entries = await save({ keyId, entries: text.split(/[\n,]/) });
            setText(entries.join("\n"));
            toast.show(entries.length ? `Only ${entries.length} address range${entries.length === 1 ? "" : "s"} may use this key.` : "Any address may use this key.");
          } catch (err) {
            setError(appErrorOf(err)?.message ?? "Could not save the allowlist.");
          } finally {
            setBusy(false);
          }
        }}
      >
        <p className="small">
          {saved.length === 0
            ? "Any address may use this key. List addresses or ranges to refuse every other address."
            : `Only these ${saved.length} address range${saved.length === 1 ? "" : "s"} may use this key; others get 403 ip_not_allowed.`}
        </p>
        <Textarea
          label="Allowed addresses and ranges"
          hint="One per line, e.g. 203.0.113.7, 198.51.100.0/24, 2001:db8::/32. Empty: any address."
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={4}
          error={error ?? undefined}
        />
        <div className="row">
          <Button type="submit" variant="primary" busy={busy}>Save allowlist</Button>
        </div>
      </form>
    </Card>
  );
}
