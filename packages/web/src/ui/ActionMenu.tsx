// ActionMenu: a "Manage" button opening a menu of actions for one row (ActionMenuPopup, on Radix's
// DropdownMenu). The menu's code loads while the page renders; until it has, the same-looking
// button stands in, and a press on it opens the menu as soon as the code is there.
import { useState } from "react";
import { deferred } from "./deferred";
import { Icon } from "./Icon";

export type MenuAction = { label: string; onSelect: () => void; danger?: boolean; disabled?: boolean };

/**
 * @param subject what the actions apply to, e.g. the key's name: the button's accessible name is
 * "Manage <subject>", which starts with its visible label (WCAG 2.5.3, label in name).
 */
export type ActionMenuProps = { subject: string; actions: readonly MenuAction[] };

type PopupProps = ActionMenuProps & { open?: boolean; onPress?: () => void };

function StandInTrigger({ subject, onPress }: PopupProps) {
  return (
    <button type="button" className="btn btn-secondary btn-sm menu-trigger" aria-label={`Manage ${subject}`} aria-haspopup="menu" aria-expanded={false} onClick={onPress}>
      Manage
      <Icon name="chevronDown" size={14} />
    </button>
  );
}

const Popup = deferred<PopupProps>(() => import("./ActionMenuPopup").then((m) => m.ActionMenuPopup), StandInTrigger);

export function ActionMenu(props: ActionMenuProps) {
  const [pressed, setPressed] = useState(false);
  return <Popup {...props} open={pressed} onPress={() => setPressed(true)} />;
}
