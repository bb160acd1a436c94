// Inline SVG icons (emoji render as empty boxes on machines without an emoji font). Decorative:
// always aria-hidden; the text next to an icon carries the meaning.
const PATHS = {
  chevronDown: "M6 9l6 6 6-6",
  key: "M15 7a4 4 0 1 1-3.9 4.9L4 19v-3h3v-3h3l1.1-1.1A4 4 0 0 1 15 7z",
  chart: "M4 19h16M7 16v-5M12 16V7M17 16v-8",
  user: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 8a7 7 0 0 1 14 0",
  scroll: "M8 4h9a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H8M8 4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2M10 9h6M10 13h6",
  check: "M5 12l5 5 9-10",
  close: "M6 6l12 12M18 6L6 18",
  alert: "M12 8v5m0 3h.01M10.3 4.1L2.6 18a2 2 0 0 0 1.7 3h15.4a2 2 0 0 0 1.7-3L13.7 4.1a2 2 0 0 0-3.4 0z",
  block: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM5.6 5.6l12.8 12.8",
  question: "M9.1 9a3 3 0 0 1 5.8 1c0 2-3 2.5-3 4.5M12 18h.01",
  empty: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z",
  mail: "M4 6h16v12H4zM4 7l8 6 8-6",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
