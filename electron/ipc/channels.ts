// The ipc channels of the app: one request/answer channel for every contract method, one push
// channel for events, the file dialogs and PDF printing (files travel by handle, never as
// contents). Imported by preload (bundled in) and by main; defines nothing else.
export const INVOKE_CHANNEL = 'tccsd:invoke';
export const EVENT_CHANNEL = 'tccsd:event';
/** Main shows the open dialog and registers the chosen file with the backend. */
export const PICK_FILE_CHANNEL = 'tccsd:pick-file';
/** The same, choosing several files at once; each is registered with the backend. */
export const PICK_FILES_CHANNEL = 'tccsd:pick-files';
/** Main shows the save dialog and copies a file the backend wrote. */
export const SAVE_FILE_CHANNEL = 'tccsd:save-file';
/** Main prints a report page the backend wrote to PDF in a hidden window. */
export const PRINT_PDF_CHANNEL = 'tccsd:print-pdf';

/** What main sends on EVENT_CHANNEL. */
export interface EventMessage {
  event: string;
  payload: unknown;
}
