import packageJson from '../../package.json' with { type: 'json' };

// Bundled into the Electron main and read by the CLI and harness, so all three report one version.
export const version: string = packageJson.version;
