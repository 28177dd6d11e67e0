/**
 * The NODE_PACKAGES for the embedded grader's Node hosts (the WebContainer's
 * grader and the mistakes check): imported here once, so the browser
 * worker's bundle never pulls them in.
 */
import * as grpc from '@grpc/grpc-js';
import * as hessian from 'hessian.js';
import * as ws from 'ws';
import type { NODE_PACKAGES } from './grading-core.ts';

/** Each of NODE_PACKAGES, by name. */
export const nodePackages: Record<(typeof NODE_PACKAGES)[number], Record<string, unknown>> = { ws, 'hessian.js': hessian, '@grpc/grpc-js': grpc };
