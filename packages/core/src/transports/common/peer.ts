/** A module as `import()` hands it over: its exports, with a CommonJS build's under `default`. */
type Loaded = Record<string, unknown> & { default?: unknown };

/** How one optional peer (mqtt, socket.io-client, event-source-polyfill) is found. */
export interface PeerSpec<TPiece> {
  /** `import()` of the package: run on first use, never at import of this library. */
  load: () => Promise<unknown>;
  /**
   * The piece a transport needs from the module, else undefined. Tried on the module, then on its
   * `default`: the CommonJS build arrives there under some bundlers and Node's ESM interop.
   */
  pick: (module: Loaded) => TPiece | undefined;
  /** Why the module cannot serve, for the error when `pick` finds nothing on either. */
  missing: string;
}

/**
 * A loader of one optional peer. The app may pass the piece itself (an object, used as is) or its own loader
 * (tests, custom builds); otherwise the package is imported once, and a failed import is forgotten
 * so a later attempt tries again (the package may be installed by then in a dev server).
 */
export function peerLoader<TPiece extends object>(
  spec: PeerSpec<TPiece>,
): (given?: TPiece | (() => Promise<unknown>)) => Promise<TPiece> {
  let loading: Promise<TPiece> | undefined;
  const fromPackage = (): Promise<TPiece> => {
    if (loading) return loading;
    const attempt = spec.load().then((module) => pieceOf(module, spec));
    attempt.catch(() => {
      if (loading === attempt) loading = undefined;
    });
    loading = attempt;
    return attempt;
  };
  return async (given) => {
    if (typeof given === 'object') return given;
    if (given) return pieceOf(await given(), spec);
    return fromPackage();
  };
}

function pieceOf<TPiece>(module: unknown, spec: PeerSpec<TPiece>): TPiece {
  const loaded = module as Loaded;
  const inDefault =
    loaded.default && (typeof loaded.default === 'object' || typeof loaded.default === 'function')
      ? spec.pick(loaded.default as Loaded)
      : undefined;
  const piece = spec.pick(loaded) ?? inDefault;
  if (piece === undefined) throw new Error(spec.missing);
  return piece;
}
