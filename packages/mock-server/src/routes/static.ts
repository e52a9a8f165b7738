import type { Stats } from 'node:fs';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { HttpError } from '../errors';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

const notFound = (path: string) => new HttpError(404, `no endpoint or file at ${path}`);

/** Resolves a URL path inside `root`, or undefined when it would escape it. */
function inside(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = resolve(root, `.${decoded}`);
  const rel = relative(root, file);
  return rel === '..' || rel.startsWith(`..${sep}`) ? undefined : file;
}

/**
 * The real path of the folder to serve. A folder that is missing (or is a file) is refused at
 * startup with the path it was given, so a typo in `--static` cannot pass for an empty site.
 */
export async function resolveStaticRoot(dir: string): Promise<string> {
  let root: string;
  try {
    root = await realpath(dir);
  } catch {
    throw new Error(`static folder "${dir}" does not exist (resolved to ${resolve(dir)})`);
  }
  if (!(await stat(root)).isDirectory()) throw new Error(`static folder "${dir}" is not a folder`);
  return root;
}

/**
 * What `path` really is once every symlink is followed, when that is still inside `root` (already
 * a real path); undefined otherwise. A link inside the folder may point anywhere on the disk, so
 * checking the requested path alone would serve whatever it points at.
 */
async function realInside(root: string, path: string): Promise<[string, Stats] | undefined> {
  const real = await realpath(path).catch(() => undefined);
  if (real === undefined) return undefined;
  const rel = relative(root, real);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  const info = await stat(real).catch(() => undefined);
  return info ? [real, info] : undefined;
}

/** The regular file inside `root` a request path names (`index.html` for folders), if any. */
async function fileFor(root: string, pathname: string): Promise<[string, Stats] | undefined> {
  const path = inside(root, pathname);
  if (!path) return undefined;
  let found = await realInside(root, path);
  if (found?.[1].isDirectory()) found = await realInside(root, join(found[0], 'index.html'));
  if (!found?.[1].isFile() && pathname === '/favicon.ico') {
    // Browsers ask for /favicon.ico on their own; a built Storybook ships only favicon.svg, and a
    // 404 there would be the one console error of every page.
    found = await realInside(root, join(root, 'favicon.svg'));
  }
  return found?.[1].isFile() ? found : undefined;
}

/**
 * Serves a regular file of `root` (a built Storybook, say; a real path from `resolveStaticRoot`),
 * `index.html` for folders. Nothing outside `root` is ever served, through `..` or a symlink.
 */
export async function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw notFound(url.pathname);
  const found = await fileFor(root, url.pathname);
  if (!found) throw notFound(url.pathname);
  const [file, info] = found;
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': info.size,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', (error) => res.destroy(error))
    .pipe(res);
}
