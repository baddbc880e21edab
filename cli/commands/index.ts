// Every command of the `atelier` CLI. Add a domain's commands by exporting a Command[] from
// cli/commands/<domain>.ts and spreading it here.
import type { Command } from '../command';
import { generateCommands } from './generate';
import { jobsCommands } from './jobs';
import { libraryCommands } from './library';
import { modelsCommands } from './models';
import { providersCommands } from './providers';
import { serveCommands } from './serve';

export const commands: Command[] = [
  ...serveCommands,
  ...libraryCommands,
  ...providersCommands,
  ...generateCommands,
  ...jobsCommands,
  ...modelsCommands,
];
