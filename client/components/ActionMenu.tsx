import { MoreHorizontal } from "lucide-react";
import type { Ref } from "react";
import { Button, Menu, MenuItem, MenuTrigger, Popover, Separator } from "react-aria-components";

export interface MenuAction {
  id: string;
  label: string;
  /** Irreversible (delete, remove): shown in red, below a separator, after the harmless ones. */
  danger?: boolean;
  onAction(): void;
}

/**
 * A "more actions" button opening a menu (React Aria: arrow keys, type-ahead, Escape, focus
 * return). Destructive actions are listed last, apart and red.
 */
export function ActionMenu({
  label,
  actions,
  triggerRef,
}: {
  label: string;
  actions: MenuAction[];
  /** The "more" button, for callers that put the focus back on it after an action opens a form. */
  triggerRef?: Ref<HTMLButtonElement>;
}) {
  const safe = actions.filter((a) => !a.danger);
  const dangerous = actions.filter((a) => a.danger);
  const run = (id: React.Key) => actions.find((a) => a.id === id)?.onAction();
  return (
    <MenuTrigger>
      <Button ref={triggerRef} className="icon-button" aria-label={label}>
        <MoreHorizontal aria-hidden="true" size={20} />
      </Button>
      <Popover className="popover" placement="bottom end">
        <Menu className="menu" onAction={run}>
          {safe.map((a) => (
            <MenuItem key={a.id} id={a.id} className="menu-item">
              {a.label}
            </MenuItem>
          ))}
          {safe.length > 0 && dangerous.length > 0 && <Separator className="menu-separator" />}
          {dangerous.map((a) => (
            <MenuItem key={a.id} id={a.id} className="menu-item" data-danger="">
              {a.label}
            </MenuItem>
          ))}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
