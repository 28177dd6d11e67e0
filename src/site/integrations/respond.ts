/** Answers a dev-server request with a body made on demand. */
import type { ServerResponse } from 'node:http';

/** Sends what `body` resolves to with this content type, or a 500 with the error's message. */
export function respondWith(res: ServerResponse, contentType: string, body: Promise<string | Uint8Array>): void {
  body.then(
    (contents) => {
      res.setHeader('Content-Type', contentType);
      res.end(contents);
    },
    (error: Error) => {
      res.statusCode = 500;
      res.end(error.message);
    },
  );
}
