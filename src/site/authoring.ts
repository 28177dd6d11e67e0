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
export { default as DrWalk } from './figures/lb/DrWalk.astro';
export { default as KeyMovement } from './figures/lb/KeyMovement.astro';
export { default as BalancePlots } from './figures/lb/BalancePlots.astro';
