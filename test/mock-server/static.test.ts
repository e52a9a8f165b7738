import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer } from '@tidings/mock-server';
import { describe, expect, it } from 'vitest';
import { useServer } from './helpers';

describe('staticDir', () => {
  const harness = useServer();

  async function site() {
    const parent = await mkdtemp(join(tmpdir(), 'tidings-static-'));
    harness.defer(() => rm(parent, { recursive: true, force: true }));
    const root = join(parent, 'public');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<h1>docs</h1>');
    await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
    // Next to the served directory: reachable only by a traversal.
    await writeFile(join(parent, 'tidings-secret.txt'), 'secret');
    return root;
  }

  it('serves files with their content type and index.html for directories', async () => {
    const server = await harness.start({ staticDir: await site() });
    const index = await fetch(`${server.url}/`);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(await index.text()).toBe('<h1>docs</h1>');
    const script = await fetch(`${server.url}/assets/app.js`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(`${server.url}/api/notifications`)).status).toBe(200);
  });

  it('never serves a file outside the directory', async () => {
    const server = await harness.start({ staticDir: await site() });
    // fetch normalises a literal "/../", so the traversals are percent-encoded.
    const paths = ['/%2e%2e/tidings-secret.txt', '/assets/%2e%2e%2f%2e%2e%2ftidings-secret.txt'];
    for (const path of [...paths, '/missing.js']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      await response.body?.cancel();
    }
  });

  it('answers /favicon.ico with the favicon.svg a built Storybook ships', async () => {
    const root = await site();
    const server = await harness.start({ staticDir: root });
    const missing = await fetch(`${server.url}/favicon.ico`);
    expect(missing.status).toBe(404);
    await missing.body?.cancel();
    await writeFile(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const icon = await fetch(`${server.url}/favicon.ico`);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await icon.text()).toContain('<svg');
  });

  it('never follows a symlink out of the folder, and serves only regular files', async () => {
    const root = await site();
    const outside = join(root, '..', 'tidings-secret.txt');
    await symlink(outside, join(root, 'leak.txt'));
    await symlink(join(root, '..'), join(root, 'parent'));
    await symlink('/etc/hostname', join(root, 'hostname.txt'));
    await symlink(join(root, 'index.html'), join(root, 'alias.html'));
    await mkdir(join(root, 'empty'));
    const server = await harness.start({ staticDir: root });
    for (const path of ['/leak.txt', '/parent/tidings-secret.txt', '/hostname.txt', '/empty']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      await response.body?.cancel();
    }
    // A link that stays inside the folder is fine.
    expect(await (await fetch(`${server.url}/alias.html`)).text()).toBe('<h1>docs</h1>');
  });

  it('refuses to start with a folder that does not exist, or is a file', async () => {
    const root = await site();
    const missing = join(root, 'no-such-folder');
    await expect(startMockServer({ port: 0, staticDir: missing })).rejects.toThrow(
      `static folder "${missing}" does not exist`,
    );
    await expect(startMockServer({ port: 0, staticDir: join(root, 'index.html') })).rejects.toThrow(
      'is not a folder',
    );
  });
});
