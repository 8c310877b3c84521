import { Directive, ElementRef, inject, input } from '@angular/core';

/**
 * A keyboard shortcut that clicks its host from anywhere on the page, e.g. `hubShortcut="Alt+N"`.
 * Not the accesskey attribute: browsers disagree on its modifiers (Alt, Alt+Shift, Ctrl+Option),
 * so what is written on screen would not be what works. Announced through aria-keyshortcuts.
 */
@Directive({
  selector: '[hubShortcut]',
  host: { '[attr.aria-keyshortcuts]': 'hubShortcut()', '(document:keydown)': 'onKey($event)' },
})
export class ShortcutDirective {
  /** Modifiers and one key joined by "+", as aria-keyshortcuts writes them: "Alt+N", "Control+Shift+K". */
  readonly hubShortcut = input.required<string>();
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected onKey(event: KeyboardEvent): void {
    if (!matchesShortcut(event, this.hubShortcut())) return;
    event.preventDefault();
    this.host.nativeElement.click();
  }
}

export function matchesShortcut(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'shiftKey' | 'metaKey'>,
  shortcut: string,
): boolean {
  const parts = shortcut.split('+');
  const key = parts.pop()!.toUpperCase();
  const modifiers = { Alt: event.altKey, Control: event.ctrlKey, Shift: event.shiftKey, Meta: event.metaKey };
  if (Object.entries(modifiers).some(([name, pressed]) => pressed !== parts.includes(name))) return false;
  // With Alt held a Mac types a symbol (Option+N is "˜"): the physical key decides.
  return event.key.toUpperCase() === key || event.code === `Key${key}`;
}
