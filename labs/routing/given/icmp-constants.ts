/** The ICMP error types a router sends (RFC 792) and the TTL and TOS of what it originates (RFC 1812 §4.3.2.5). */

/** Type 11, Time Exceeded (RFC 792); code 0 is "time to live exceeded in transit". */
export const ICMP_TIME_EXCEEDED = 11;

/** Type 3, Destination Unreachable (RFC 792); code 0 is "net unreachable", 1 "host unreachable". */
export const ICMP_DESTINATION_UNREACHABLE = 3;

/** TTL of the ICMP messages the router originates (RFC 1700's recommended default, what Linux uses). */
export const ICMP_TTL = 64;

/** TOS of the ICMP errors the router originates: precedence 6, Internetwork Control (RFC 1812 §4.3.2.5). */
export const ICMP_ERROR_TOS = 0xc0;
