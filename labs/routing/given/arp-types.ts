/** The ARP message for Ethernet and IPv4 (RFC 826): its fixed codes and length, and its fields as values. */

/** Length of an ARP message for IPv4 over Ethernet. */
export const ARP_MESSAGE_LENGTH = 28;

/** HTYPE of Ethernet (IANA "Hardware Types"). */
export const HTYPE_ETHERNET = 1;

/** PTYPE of IPv4: its EtherType. */
export const PTYPE_IPV4 = 0x0800;

/** OPER values (RFC 826: ares_op$REQUEST, ares_op$REPLY). */
export const OPER_REQUEST = 1;

export const OPER_REPLY = 2;

/** An ARP message with addresses in text form; MACs lower-case "02:70:6a:00:00:0a". */
export interface ArpMessage {
  operation: 'request' | 'reply';
  senderMac: string;
  senderIp: string;
  targetMac: string;
  targetIp: string;
}
