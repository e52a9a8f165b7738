/**
 * Sets query parameters on a URL, keeping the ones it already has (and its `#hash`). Works on
 * relative URLs too (`/api/long-poll?x=1`), which `new URL()` cannot take without a base.
 * `undefined` values are skipped, so "no cursor yet" simply leaves the parameter out.
 *
 * @example
 * withQuery('/api/long-poll?x=1', { cursor: '42', timeout: undefined }); // '/api/long-poll?x=1&cursor=42'
 */
export function withQuery(url: string, params: Record<string, string | undefined>): string {
  const hashAt = url.indexOf('#');
  const hash = hashAt === -1 ? '' : url.slice(hashAt);
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  const path = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const search = new URLSearchParams(queryAt === -1 ? '' : beforeHash.slice(queryAt + 1));
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) search.set(name, value);
  }
  const query = search.toString();
  return `${path}${query ? `?${query}` : ''}${hash}`;
}
