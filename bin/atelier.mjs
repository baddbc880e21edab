#!/usr/bin/env node
// The `atelier` command. It runs the TypeScript sources through tsx so that it works right after
// `npm install`, with no build step (../shared/docs/cli.md asks for this).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
const code = await main(process.argv.slice(2));
// Exit explicitly once output is flushed: a keychain call stuck in a native thread must not keep a
// finished command alive.
process.stdout.write('', () => process.exit(code));
