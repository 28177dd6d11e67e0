/**
 * The faults' ids alone, without the drop rules (faults.ts): the CLI's usage
 * text lists them, and loading it must not load the trip's frame readers.
 */

/** The faults' ids, in the order the trip meets them. */
export const FAULT_IDS = ['lost-dns-reply', 'server-down', 'lost-order-response', 'idle-proxy'] as const;
/** One of FAULT_IDS. */
export type Fault = (typeof FAULT_IDS)[number];
