// The authoring components chapters import: `import { … } from '@components';`
export { default as LabPanel } from './LabPanel.astro';
export { default as HexView } from './HexView.astro';
export { default as StepThrough } from './StepThrough.astro';
export { default as ReferralChain } from './ReferralChain.astro';
export { dnsQueryExample, dnsResponseExample } from './dns-examples.ts';
