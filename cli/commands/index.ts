// Every command of the `atelier` CLI. Add a domain's commands by exporting a Command[] from
// cli/commands/<domain>.ts and spreading it here.
import type { Command } from '../command';
import { serveCommands } from './serve';

export const commands: Command[] = [...serveCommands];
