// Button: the one button of the app, in four variants; shows a spinner while `busy`.
import type { ButtonHTMLAttributes } from "react";
import { Spinner } from "./Spinner";

type Props = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: "primary" | "secondary" | "ghost" | "danger";
  size?: "md" | "sm";
  busy?: boolean;
  block?: boolean;
};

export function Button({ variant = "secondary", size = "md", busy = false, block = false, className, children, disabled, type = "button", ...rest }: Props) {
  const classes = ["btn", `btn-${variant}`, size === "sm" && "btn-sm", block && "btn-block", className]
    .filter(Boolean)
    .join(" ");
  return (
    <button type={type} className={classes} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {busy && <Spinner size="sm" label="" />}
      {children}
    </button>
  );
}
