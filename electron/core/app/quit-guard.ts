// Quitting while paid calls are in flight asks first (issue 11, point 4): a synchronous call (OpenAI images,
// ImageRouter) that is sent and unanswered cannot be stopped or looked up, so quitting loses its answer while the
// provider may still charge for it. The host (the desktop shell's window close, `atelier serve`'s Ctrl+C) asks the
// guard; the guard asks the user through the page (`app.quitRequested`, answered by `app.quit`).
import { AppError } from '../../../shared/errors';
import type { CoreEvents } from '../events';

export interface QuitGuardOptions {
  events: CoreEvents;
  /** Paid calls this process has in flight (the job engine's count). */
  paidCallsInFlight(): number;
  /** Ends the process (the host's quit); absent where the page cannot end it. */
  quit?: () => void;
}

export type QuitAnswer = 'quit' | 'asked';

export function createQuitGuard(options: QuitGuardOptions) {
  let confirmed = false;
  return {
    /** 'quit' when nothing would be lost (or the user already said so); otherwise the page is asked. */
    request(): QuitAnswer {
      if (confirmed) return 'quit';
      const paidCalls = options.paidCallsInFlight();
      if (paidCalls === 0) return 'quit';
      options.events.emit('app.quitRequested', { paidCalls });
      return 'asked';
    },
    /**
     * The user's "Quit anyway": remembered, so the host's own quit path does not ask again. The quit itself comes
     * a moment later, so the page has its answer before it goes away.
     */
    confirm(): void {
      const quit = options.quit;
      if (!quit)
        throw new AppError('unavailable', 'This window cannot quit Atelier. Close it from where it was started.');
      confirmed = true;
      setTimeout(quit, 50);
    },
  };
}

export type QuitGuard = ReturnType<typeof createQuitGuard>;
