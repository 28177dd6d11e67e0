/** Small per-browser choices on the lab page (pane sizes, hints revealed), kept in localStorage. */

/** A stored choice, or the fallback when there is none (or it cannot be read). */
export function readSetting<T>(key: string, fallback: T): T {
  try {
    const text = localStorage.getItem(`packet-journey:${key}`);
    return text === null ? fallback : (JSON.parse(text) as T);
  } catch {
    return fallback;
  }
}

/** Stores a choice. */
export function writeSetting(key: string, value: unknown): void {
  localStorage.setItem(`packet-journey:${key}`, JSON.stringify(value));
}
