import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticFile } from './static-files';

const root = mkdtempSync(join(tmpdir(), 'atelier-static-'));
mkdirSync(join(root, 'public', 'assets'), { recursive: true });
writeFileSync(join(root, 'public', 'index.html'), 'index');
writeFileSync(join(root, 'public', 'assets', 'app.js'), 'js');
writeFileSync(join(root, 'secret.txt'), 'secret');
const publicDir = join(root, 'public');

describe('resolveStaticFile', () => {
  it('maps / to index.html and finds nested files', () => {
    expect(resolveStaticFile(publicDir, '/')).toBe(join(publicDir, 'index.html'));
    expect(resolveStaticFile(publicDir, '/assets/app.js?v=1')).toBe(join(publicDir, 'assets', 'app.js'));
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..\\secret.txt',
    '/%00index.html',
    '/%E0%A4%A',
    '/assets',
    '/missing.js',
  ])('refuses %s', (path) => {
    expect(resolveStaticFile(publicDir, path)).toBeNull();
  });
});
