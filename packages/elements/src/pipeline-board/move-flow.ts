// The stage-move flow shared by <kam-pipeline-board> and <kam-stage-path>: check a move against
// the store's rules (or the same rules locally when there is no store) (move-checks.ts), explain
// refusals in the user's language (refusals.ts), and ask for the close reason and date in an
// accessible dialog (close-dialog.ts). The board imports those modules itself, loading the last
// two on demand; this module gathers them for <kam-stage-path>, which uses them up front.
export * from './move-checks.js';
export { localFieldLabel } from './field-labels.js';
export { refusalText } from './refusals.js';
export { newCloseDialog, renderCloseDialog, syncCloseDialog, type CloseDialogState } from './close-dialog.js';
