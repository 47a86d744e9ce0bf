import { ReactElement, ReactNode, cloneElement, useState } from 'react';
import Tooltip from '@mui/material/Tooltip';

/**
 * A MUI Tooltip that is mounted on the first hover or focus of its child. A Tooltip costs hooks, refs and event
 * wiring per instance; a virtualized table mounts several per row while it scrolls (status chips, age, badges),
 * and most of them are never hovered. Until then the child renders alone with two listeners; once armed, this
 * is a controlled Tooltip that opens at once (the hover that armed it) and closes like any other.
 */
export function LazyTooltip(props: {
  title: ReactNode;
  children: ReactElement;
}) {
  const { title, children } = props;
  const [armed, setArmed] = useState(false);
  const [open, setOpen] = useState(false);
  if (!armed) {
    const arm = () => {
      setArmed(true);
      setOpen(true);
    };
    return cloneElement(children, { onMouseOver: arm, onFocus: arm });
  }
  return (
    <Tooltip
      title={title}
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
    >
      {children}
    </Tooltip>
  );
}
