// Request signing for one key: turn it on (the secret is shown once, with copy and working
// examples) or off. While it is on, unsigned requests with the key are refused.
import { useState } from "react";
import { useMutation } from "convex/react";
import { api, type KeyView } from "../../lib/api";
import { useAppConfig } from "../../lib/appConfig";
import { appErrorOf } from "../../lib/errors";
import { Button } from "../../ui/Button";
import { Card } from "../../ui/Card";
import { CopyButton } from "../../ui/CopyButton";
import { ConfirmDialog } from "../../ui/Dialog";
import { useToast } from "../../ui/Toast";
import { clientSigningExample, curlSigningExample, webCryptoSigningExample } from "./signingExamples";

export function SigningPanel({ keyView }: { keyView: KeyView }) {
  const enable = useMutation(api.apiKeys.mutations.enableRequestSigning);
  const disable = useMutation(api.apiKeys.mutations.disableRequestSigning);
  const { siteUrl } = useAppConfig();
  const toast = useToast();
  const [secret, setSecret] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<"enable" | "disable" | null>(null);
  const active = keyView.status === "active";

  return (
    <Card title="Request signing">
      <div className="stack">
        <p className="small">
          {keyView.hasSigningSecret
            ? "Signing is on: every request with this key must carry X-Signature-Timestamp and X-Signature (HMAC-SHA256), within 5 minutes."
            : "Signing is off. Turn it on so a leaked key alone cannot call the API: requests must also be signed with a secret only your servers hold."}
        </p>
        <div className="row">
          {keyView.hasSigningSecret ? (
            <>
              <Button disabled={!active} onClick={() => setConfirm("enable")}>New signing secret</Button>
              <Button variant="danger" onClick={() => setConfirm("disable")}>Turn signing off</Button>
            </>
          ) : (
            <Button variant="primary" disabled={!active} onClick={() => setConfirm("enable")}>Turn signing on</Button>
          )}
        </div>
        {secret && (
          <div className="callout stack" role="alert">
            <p>Signing secret for “{keyView.name}”, shown once. Store it with the key, on your servers only.</p>
            <pre className="mono">{secret}</pre>
            <CopyButton text={secret} what="signing secret" />
          </div>
        )}
        {(keyView.hasSigningSecret || secret) && <Examples siteUrl={siteUrl} />}
      </div>
      {confirm && (
        <ConfirmDialog
          title={confirm === "disable" ? `Turn signing off for “${keyView.name}”?` : keyView.hasSigningSecret ? "Replace the signing secret?" : `Turn signing on for “${keyView.name}”?`}
          description={
            confirm === "disable"
              ? "The key alone will be enough to call the API again."
              : "Requests signed with the old secret (or not signed) are refused from now on. Update your servers with the new secret."
          }
          confirmLabel={confirm === "disable" ? "Turn signing off" : "Create secret"}
          tone={confirm === "disable" ? "danger" : "primary"}
          onClose={() => setConfirm(null)}
          onConfirm={async () => {
            try {
              if (confirm === "disable") {
                await disable({ keyId: keyView.id });
                setSecret(null);
                toast.show("Signing turned off.");
              } else {
                setSecret((await enable({ keyId: keyView.id })).signingSecret);
                toast.show("Copy the signing secret now: it is shown once.");
              }
            } catch (e) {
              toast.show(appErrorOf(e)?.message ?? "Could not change signing.", "error");
            }
            setConfirm(null);
          }}
        />
      )}
    </Card>
  );
}

function Examples({ siteUrl }: { siteUrl: string }) {
  const examples = [
    { label: "curl + openssl", code: curlSigningExample(siteUrl) },
    { label: "TypeScript (@nak/client)", code: clientSigningExample(siteUrl) },
    { label: "TypeScript (Web Crypto)", code: webCryptoSigningExample(siteUrl) },
  ];
  return (
    <div className="stack">
      {examples.map((e) => (
        <details key={e.label}>
          <summary>{e.label}</summary>
          <pre className="mono small">{e.code}</pre>
          <CopyButton text={e.code} what={`${e.label} example`} />
        </details>
      ))}
    </div>
  );
}
