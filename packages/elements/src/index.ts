// @kamkit/elements — class exports only; importing this registers no tags.
// Register tags with the define files: `import '@kamkit/elements/define/kam-account-list.js'`.
export * from './shared/define.js';
export * from './shared/events.js';
export * from './shared/i18n.js';
export * from './shared/context.js';
export * from './shared/tokens.js';
export * from './shared/kam-element.js';
export * from './timeline/kam-timeline.js';
export * from './stakeholder-map/kam-stakeholder-map.js';
export * from './stakeholder-map/coverage.js';
export * from './pipeline-board/kam-pipeline-board.js';
export * from './shared/health.js';
export * from './provider/kam-provider.js';
export * from './health-badge/kam-health-badge.js';
export * from './health-explainer/kam-health-explainer.js';
export * from './account-list/kam-account-list.js';
export * from './alerts/kam-alerts.js';
export * from './stage-path/kam-stage-path.js';
export * from './account-360/kam-account-360.js';
