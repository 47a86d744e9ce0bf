export { UsageCharts, type UsageChartsProps } from './UsageCharts';
export { UsageCard, type UsageCardProps } from './UsageCard';
export { EntityUsageCard, PlatformUsage } from './ConnectedUsage';
export { EntityUsageAccordion } from './UsageAccordion';
