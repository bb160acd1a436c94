// The one and only showing of a key's plaintext: copy button, a ready curl command and a
// TypeScript snippet using @nak/client, both fitted to the key's scopes.
// The plaintext lives in this dialog's props only; closing it drops it for good, so only the
// explicit "I've stored my key" closes it: Esc, clicks outside and a close button do nothing.
import { useAppConfig } from "../lib/appConfig";
import type { CreatedKey } from "../lib/api";
import { Button } from "../ui/Button";
import { CopyButton } from "../ui/CopyButton";
import { Dialog } from "../ui/Dialog";
import { clientSnippet, curlCommand } from "./snippets";


export function RevealKeyDialog({ created, rotated = false, onClose }: { created: CreatedKey; rotated?: boolean; onClose: () => void }) {
  const { siteUrl } = useAppConfig();
  const curl = curlCommand(siteUrl, created.apiKey, created.key.permissions);
  const typescript = clientSnippet(siteUrl, created.key.permissions);
  return (
    <Dialog
      title={rotated ? "Your new key" : "Your API key"}
      description={`“${created.key.name}” (${created.key.start ?? ""}…) is ready.`}
      onClose={onClose}
      dismissible={false}
      wide
    >
      <div className="callout callout-warning" role="note">
        <strong>Copy it now.</strong> This is the only time the key is shown. We store only a hash, so it cannot be recovered; if you lose it, rotate or create a new one.
      </div>
      <div className="stack-sm">
        <span className="label small" id="reveal-key-label"><strong>API key</strong></span>
        <div className="secret">
          <output aria-labelledby="reveal-key-label" data-testid="new-api-key">{created.apiKey}</output>
          <CopyButton text={created.apiKey} what="API key" />
        </div>
      </div>
      <div className="stack-sm">
        <span className="label small" id="reveal-curl-label"><strong>Try it</strong></span>
        <div className="secret">
          <pre aria-labelledby="reveal-curl-label">{curl}</pre>
          <CopyButton text={curl} what="curl command" />
        </div>
      </div>
      <div className="stack-sm">
        <span className="label small" id="reveal-ts-label"><strong>TypeScript</strong> (<span className="mono">npm install @nak/client</span>, key in <span className="mono">NAK_API_KEY</span>)</span>
        <div className="secret">
          <pre aria-labelledby="reveal-ts-label" data-testid="reveal-ts-snippet">{typescript}</pre>
          <CopyButton text={typescript} what="TypeScript example" />
        </div>
      </div>
      <div className="form-actions">
        <Button variant="primary" onClick={onClose}>
          I’ve stored my key
        </Button>
      </div>
    </Dialog>
  );
}
