// The authoring components chapters import: `import { … } from '@components';`
export { default as LabPanel } from './LabPanel.astro';
export { default as HexView } from './HexView.astro';
export { default as StepThrough } from './StepThrough.astro';
export { default as ReferralChain } from './ReferralChain.astro';
export { dnsQueryExample, dnsResponseExample } from './dns-examples.ts';
export { default as LayerStack } from './LayerStack.astro';
export { searchFrameExample, ipv4ChecksumWalk } from './layers-frame.ts';
export { default as CidrCalculator } from './CidrCalculator.astro';
export { default as HopByHop } from './HopByHop.astro';
export { ROUTE_N_EXAMPLE, CIDR_EXAMPLE_ADDRESSES, NAT_FIELDS, exampleTableAsIpRoute, natExample } from './routing-examples.ts';
export { default as TcpTimeline } from './TcpTimeline.astro';
export { default as ReceiveWindow } from './ReceiveWindow.astro';
export { default as CwndPlot } from './CwndPlot.astro';
export { chapterTimeline as tcpTimeline } from './tcp-timeline.ts';
export { DEFAULT_CWND_OPTIONS as CWND_RUN } from './cwnd-plot.ts';
