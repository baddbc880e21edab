// Which engine runs a job. The app and the CLI may open the same library at once: a job names its engine
// (jobs.owner), and an engine holds a lease (job_leases) that it renews every few seconds while it is open.
// A job whose engine's lease has run out is free to claim. A process id proves nothing: a SIGKILLed owner
// nobody reaped is a zombie that still answers kill(pid, 0), and after a reboot another process may have its pid.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/open';
import { cached } from '../db/statement-cache';

/** How long a lease lasts without renewal; an engine renews it five times as often. */
export const defaultLeaseMs = 15_000;

function newOwnerId(): string {
  return `engine_${randomBytes(8).toString('hex')}`;
}

export interface Lease {
  readonly owner: string;
  /** Gives the lease up (a clean shutdown): its jobs are free at once. */
  end(): void;
}

export function holdLease(db: Db, now: () => number, leaseMs = defaultLeaseMs): Lease {
  const owner = newOwnerId();
  const renew = () =>
    cached(
      db,
      `INSERT INTO job_leases (owner, expires_at) VALUES (?, ?)
         ON CONFLICT (owner) DO UPDATE SET expires_at = excluded.expires_at`,
    ).run(owner, now() + leaseMs);
  renew();
  const timer = setInterval(renew, Math.max(1, Math.floor(leaseMs / 5)));
  // The heartbeat alone never keeps a process (the CLI) alive.
  timer.unref();
  return {
    owner,
    end() {
      clearInterval(timer);
      cached(db, 'DELETE FROM job_leases WHERE owner = ?').run(owner);
    },
  };
}
