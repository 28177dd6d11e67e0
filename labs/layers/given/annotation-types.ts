/** A frame's fields named by layer and byte range, for the annotated hex dump. */

/** Which layer a byte range belongs to. */
export type AnnotationLayer = 'ethernet' | 'ipv4' | 'tcp' | 'udp' | 'payload';

/** One field of a frame: where it is, and what it says in words. */
export interface FieldAnnotation {
  layer: AnnotationLayer;
  /** 'ipv4.ttl', 'tcp.flags', … (the list is in annotateFrame's comment). */
  name: string;
  /** First byte, counted from the start of the frame. */
  offset: number;
  /** Bytes in the field, at least 1. */
  length: number;
  /** The decoded value as text, e.g. '64', '192.0.2.80', 'PSH, ACK'. */
  value: string;
}
