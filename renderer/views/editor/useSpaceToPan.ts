import { type RefObject, useEffect, useRef } from 'react';
import { isTyping } from './keys';

/**
 * Space held over the workspace (the pointer is on it, or it has the focus) turns a drag into a pan. The key is
 * taken on keydown and keyup alike, so it never scrolls the page and never presses a focused button (Invert, Clear);
 * while it is held nothing paints. Returns whether Space is held now (read in pointer handlers, no re-render).
 */
export function useSpaceToPan(workspace: RefObject<HTMLDivElement | null>): RefObject<boolean> {
  const held = useRef(false);
  useEffect(() => {
    const element = workspace.current!;
    let pointerInside = false;
    const enter = () => (pointerInside = true);
    const leave = () => (pointerInside = false);
    const ours = (event: KeyboardEvent) =>
      event.code === 'Space' &&
      !isTyping(event.target) &&
      (held.current || pointerInside || element.contains(document.activeElement));
    const release = () => {
      held.current = false;
      element.classList.remove('space-pan');
    };
    const down = (event: KeyboardEvent) => {
      if (!ours(event)) return;
      event.preventDefault();
      held.current = true;
      element.classList.add('space-pan');
    };
    const up = (event: KeyboardEvent) => {
      if (!ours(event)) return;
      event.preventDefault();
      release();
    };
    element.addEventListener('pointerenter', enter);
    element.addEventListener('pointerleave', leave);
    window.addEventListener('keydown', down, true);
    window.addEventListener('keyup', up, true);
    window.addEventListener('blur', release);
    return () => {
      element.removeEventListener('pointerenter', enter);
      element.removeEventListener('pointerleave', leave);
      window.removeEventListener('keydown', down, true);
      window.removeEventListener('keyup', up, true);
      window.removeEventListener('blur', release);
    };
  }, [workspace]);
  return held;
}
