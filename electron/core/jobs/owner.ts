// Which engine runs a job. The app and the CLI may open the same library at once; a job belongs to the
// engine that created or resumed it until that engine closes (releasing it) or its process dies.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export function newOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * True when the owning engine may still be running the job. A dead process (a crash, a SIGKILL) frees it.
 * Another open engine of this same process keeps it. An owner on another host cannot be checked:
 * its jobs are taken over, since a library folder is normally used from one computer.
 */
export function ownerIsAlive(owner: string, self: string): boolean {
  if (owner === self) return true;
  const [host, pidText] = owner.split(':');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid)) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
