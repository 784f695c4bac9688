/** The app's version (package.json's), shown by the app and the CLI and kept in backups. */
export const APP_VERSION = '0.1.0';
