// The authoring components chapters import: `import { … } from '@components';`.
// Generic pieces live in components/, each chapter's figures in figures/<chapter>/.
export { default as LabPanel } from './components/LabPanel.astro';
export { default as HexView } from './components/HexView.astro';
export { default as StepThrough } from './components/StepThrough.astro';
export { default as ReferralChain } from './figures/dns/ReferralChain.astro';
export { dnsQueryExample, dnsResponseExample } from './figures/dns/dns-examples.ts';
export { default as LayerStack } from './figures/layers/LayerStack.astro';
export { searchFrameExample, ipv4ChecksumWalk } from './figures/layers/layers-frame.ts';
export { default as CidrCalculator } from './figures/routing/CidrCalculator.astro';
export { default as HopByHop } from './figures/routing/HopByHop.astro';
export { ROUTE_N_EXAMPLE, CIDR_EXAMPLE_ADDRESSES, NAT_FIELDS, exampleTableAsIpRoute, natExample } from './figures/routing/routing-examples.ts';
export { default as TcpTimeline } from './figures/tcp/TcpTimeline.astro';
export { default as ReceiveWindow } from './figures/tcp/ReceiveWindow.astro';
export { default as CwndPlot } from './figures/tcp/CwndPlot.astro';
export { chapterTimeline as tcpTimeline } from './figures/tcp/tcp-timeline.ts';
export { DEFAULT_CWND_OPTIONS as CWND_RUN } from './figures/tcp/reno-model.ts';
export { udpDatagramExample } from './figures/layers/udp-datagram.ts';
export { default as NagleDelay } from './figures/tcp/NagleDelay.astro';
export { default as EdgeHierarchy } from './figures/cdn/EdgeHierarchy.astro';
export { default as CacheDecision } from './figures/cdn/CacheDecision.astro';
export { ageExample, heuristicExample } from './figures/cdn/cdn-examples.ts';
export { default as KeySchedule } from './figures/https/KeySchedule.astro';
export { default as HandshakeLadder } from './figures/https/HandshakeLadder.astro';
export { recordExample } from './figures/https/record-example.ts';
export { default as HeartbeatIncident } from './figures/websocket/HeartbeatIncident.astro';
export { chapterFrames as websocketFrames, RFC_HANDSHAKE, STATUS_PUSH } from './figures/websocket/websocket-frames.ts';
export { INCIDENT as HEARTBEAT_INCIDENT } from './figures/websocket/heartbeat-incident.ts';
export { pushCosts, POLL_REQUEST } from './figures/websocket/push-costs.ts';
