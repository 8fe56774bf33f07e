/**
 * Electron's main process: lifecycle and wiring only (DESIGN §1). Every decision lives in
 * a small module that tests import without Electron: window.ts (settings, CSP, URL
 * checks), guards.ts, app-protocol.ts, ipc.ts, autolock.ts, config.ts, menu.ts.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { RegistreCore, defaultVaultDir } from '../db/index';
import { serveAsset } from './app-protocol';
import { lockBeforeQuit, startAutoLock } from './autolock';
import { readConfig, vaultDirMemory } from './config';
import { shellHandlers } from './dialogs';
import { hardenContents } from './guards';
import { registerIpc } from './ipc';
import { errorText, fileLog } from './log';
import { menuTemplate } from './menu';
import { APP_INDEX_URL, APP_SCHEME, CSP, SESSION_PARTITION, appScheme, browserWindowOptions } from './window';

const logFile = join(app.getPath('userData'), 'logs', 'main.log');
const log = fileLog(logFile);
// Developer tools and reload exist only when running from the source tree (npm start).
const devTools = !app.isPackaged;
let mainWindow: BrowserWindow | null = null;

function openExternal(url: string): void {
  shell.openExternal(url).catch((e: unknown) => log(`Opening a link in the browser failed: ${errorText(e)}`));
}

function hardenSessions(): void {
  const rendererDir = join(__dirname, '..', 'renderer');
  const appSession = session.fromPartition(SESSION_PARTITION);
  for (const ses of [session.defaultSession, appSession]) {
    // Camera, microphone, geolocation, notifications, clipboard-read, HID, serial…:
    // a records manager needs none of them, so nothing is ever granted or reported.
    ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    // Also set on every response, in case a response does not come from serveAsset.
    ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } }));
    // Exports go through the core, which audits them (DESIGN §6); the page cannot write
    // files of its own through a download.
    ses.on('will-download', (event) => event.preventDefault());
  }
  appSession.protocol.handle(APP_SCHEME, (request) => serveAsset(request, rendererDir));
}

function createWindow(): void {
  const win = new BrowserWindow(browserWindowOptions(join(__dirname, 'preload.cjs'), { devTools }));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.loadURL(APP_INDEX_URL).catch((e: unknown) => log(`Loading the window failed: ${errorText(e)}`));
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSessions();
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ isMac: process.platform === 'darwin', devTools })));

  const configFile = join(app.getPath('userData'), 'config.json');
  const { vaultDir } = readConfig(configFile, { vaultDir: defaultVaultDir() });
  const core = new RegistreCore({ vaultDir, allowFolderChange: true, scheduledBackups: true });
  registerIpc({
    ipcMain,
    core,
    shell: shellHandlers(
      () => mainWindow,
      () => core.vaultDir,
      () => app.getPath('downloads'),
    ),
    log,
    afterCall: vaultDirMemory(configFile, core),
  });
  startAutoLock(core, powerMonitor, log);
  lockBeforeQuit(app, core, log);
  createWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another Registre is running: it gets focus (second-instance below) and this one ends.
  app.quit();
} else {
  // Must happen before `ready`: app:// gets an origin and a secure context.
  protocol.registerSchemesAsPrivileged([appScheme]);
  // Every renderer is sandboxed, whatever options a future window passes.
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, openExternal));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('render-process-gone', (_event, _contents, details) => log(`Renderer gone: ${details.reason} (exit code ${details.exitCode})`));
  // Closing the window ends the app on every OS (macOS included): before-quit then locks
  // the vault, so no unlocked vault is left running without a window.
  app.on('window-all-closed', () => app.quit());
  start().catch((e: unknown) => {
    log(`Registre could not start: ${errorText(e)}`);
    dialog.showErrorBox('Registre could not start', `The details are in ${logFile}.`);
    app.exit(1);
  });
}
