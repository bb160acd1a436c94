// Meter: how much of a limit is used, as a bar with an accessible value.
export function Meter({ value, max, label, text }: { value: number; max: number; label: string; text: string }) {
  const ratio = max > 0 ? Math.min(1, value / max) : 0;
  const tone = ratio >= 1 ? "full" : ratio >= 0.8 ? "warn" : "";
  return (
    <div className="meter">
      <div className="meter-track" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={Math.min(value, max)} aria-valuetext={text}>
        <div className={`meter-fill ${tone}`} style={{ width: `${Math.round(ratio * 100)}%` }} />
      </div>
      <span className="meter-label">{text}</span>
    </div>
  );
}
