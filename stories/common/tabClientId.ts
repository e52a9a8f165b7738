const STORAGE_KEY = 'tidings-story-mqtt-client-id';

/**
 * An MQTT client id that stays the same for the life of a browser tab (sessionStorage). Reloading
 * a story resumes the tab's persistent session instead of leaving one more behind on the broker,
 * while two tabs still get two ids (a shared id would make them steal each other's session; a
 * duplicated tab copies sessionStorage, so it shares its id until one of them is reloaded in a new
 * tab). Where storage is unavailable (sandboxed frames, some privacy modes) the id lasts one load.
 * At most 23 characters, the longest id MQTT 3.1.1 brokers must accept.
 */
export function tabClientId(): string {
  const fresh = `tidings-story-${Math.random().toString(36).slice(2, 10)}`;
  try {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    if (stored) return stored;
    sessionStorage.setItem(STORAGE_KEY, fresh);
  } catch {
    // No storage here: a per-load id is the best there is.
  }
  return fresh;
}
