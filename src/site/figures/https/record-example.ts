/**
 * The HTTPS chapter's record-protection example with RFC 8448's numbers: the nonce of
 * the server's second application record (IV XOR sequence number 1) and the sizes of
 * the client's 50-byte application record, computed with the TLS lab's solution.
 */
import { toHex } from '@lab-kit';
import { recordNonce } from '../../../../labs/https/solution/record.ts';
import * as rfc8448 from '../../../../labs/https/tests/fixtures/rfc8448.ts';

/** The numbers the chapter quotes. */
export interface RecordExample {
  iv: string;
  nonceOfRecord1: string;
  payloadBytes: number;
  recordBytes: number;
  header: string;
}

/** RFC 8448's server application IV and record, as the chapter shows them. */
export function recordExample(): RecordExample {
  return {
    iv: toHex(rfc8448.SERVER_AP_KEYS.iv),
    nonceOfRecord1: toHex(recordNonce(rfc8448.SERVER_AP_KEYS.iv, 1n)),
    payloadBytes: rfc8448.APPLICATION_PAYLOAD.length,
    recordBytes: rfc8448.CLIENT_APPLICATION_RECORD.length,
    header: toHex(rfc8448.CLIENT_APPLICATION_RECORD.subarray(0, 5)),
  };
}
