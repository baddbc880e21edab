/** A key pressed while typing (the prompt, a number field) belongs to the text, not to a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.tagName === 'TEXTAREA' ||
      (target.tagName === 'INPUT' &&
        !['range', 'checkbox', 'color', 'button'].includes((target as HTMLInputElement).type)) ||
      target.isContentEditable)
  );
}
