// The terminal's words for Ctrl+C while paid calls are in flight (issue 11, point 4): `atelier generate/edit`
// (wait-for-jobs.ts) and `atelier serve` warn first, and only a second Ctrl+C goes ahead.
export function paidCallsWarning(count: number, thenWhat: 'cancel' | 'quit'): string {
  const running = count === 1 ? '1 generation is running' : `${count} generations are running`;
  const they = count === 1 ? 'it' : 'they';
  return `${running}; ${they} may still be charged if stopped now. Press Ctrl+C again to ${thenWhat} anyway.`;
}
