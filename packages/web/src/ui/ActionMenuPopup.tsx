// The menu behind ActionMenu (loaded apart from the pages, see ActionMenu.tsx). Radix's DropdownMenu renders
// the menu in a portal positioned by Floating UI (flips and shifts at the viewport's edges), so a
// table card's overflow never clips it and opening it never scrolls the page; it brings the
// WAI-ARIA menu pattern (arrow keys, typeahead, Esc, focus return) with it.
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Icon } from "./Icon";

import type { ActionMenuProps } from "./ActionMenu";

/** `open`: open at once (the "Manage" button was pressed before this code had loaded). */
export function ActionMenuPopup({ subject, actions, open = false }: ActionMenuProps & { open?: boolean }) {
  return (
    <DropdownMenu.Root modal={false} defaultOpen={open}>
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
