// ActionMenu: a "Manage" button opening a menu of actions for one row. Radix's DropdownMenu renders
// the menu in a portal positioned by Floating UI (flips and shifts at the viewport's edges), so a
// table card's overflow never clips it and opening it never scrolls the page; it brings the
// WAI-ARIA menu pattern (arrow keys, typeahead, Esc, focus return) with it.
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Icon } from "./Icon";

export type MenuAction = { label: string; onSelect: () => void; danger?: boolean; disabled?: boolean };

/**
 * @param subject what the actions apply to, e.g. the key's name: the button's accessible name is
 * "Manage <subject>", which starts with its visible label (WCAG 2.5.3, label in name).
 */
export function ActionMenu({ subject, actions }: { subject: string; actions: readonly MenuAction[] }) {
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger className="btn btn-secondary btn-sm menu-trigger" aria-label={`Manage ${subject}`}>
        Manage
        <Icon name="chevronDown" size={14} />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content loop className="menu-list" align="end" sideOffset={4} collisionPadding={8} aria-label={`Manage ${subject}`}>
          {actions.map((action) => (
            <DropdownMenu.Item
              key={action.label}
              className={action.danger ? "menu-item danger" : "menu-item"}
              disabled={action.disabled}
              onSelect={action.onSelect}
            >
              {action.label}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
