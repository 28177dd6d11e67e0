/**
 * The HTTP messages the cache sees, as plain data (no sockets, no Fetch API
 * objects), so the same cache runs in a test, a browser worker and a proxy.
 */

/**
 * Header fields by lower-case name. A field sent on several lines is
 * combined into one value joined by ", " (RFC 9110 §5.3), as Node and
 * fetch already do.
 */
export type Fields = Readonly<Record<string, string>>;

/** A request as the cache receives it: `url` is absolute (`https://shop.example/api/suggest?q=a`). */
export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Fields;
  /** The request's content as text, for the methods that send one (POST, PUT, PATCH). */
  readonly body?: string;
}

/** A response: status, header fields and the body as text. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Fields;
  readonly body: string;
}

/** A field's value by name, in any case; undefined when the message lacks it. */
export function field(fields: Fields, name: string): string | undefined {
  return fields[name.toLowerCase()];
}

/** A copy of `fields` with the named fields set (a value of undefined removes the field). */
export function withFields(fields: Fields, changes: Readonly<Record<string, string | undefined>>): Fields {
  const out: Record<string, string> = { ...fields };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete out[name.toLowerCase()];
    else out[name.toLowerCase()] = value;
  }
  return out;
}
