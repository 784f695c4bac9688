/** A minimal Romanian application menu. Roles keep the native shortcuts (copy/paste, zoom, …). */
import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron';

export function installMenu(opts: { devTools: boolean; onConnection?: () => void }): void {
  const template: MenuItemConstructorOptions[] = [
    {
      label: '&Fișier',
      submenu: [
        ...(opts.onConnection ? [{ label: 'Conexiune (date locale sau serverul echipei)…', click: opts.onConnection }, { type: 'separator' } as const] : []),
        { role: 'quit', label: 'Ieșire' },
      ],
    },
    {
      label: '&Editare',
      submenu: [
        { role: 'undo', label: 'Anulează' },
        { role: 'redo', label: 'Refă' },
        { type: 'separator' },
        { role: 'cut', label: 'Decupează' },
        { role: 'copy', label: 'Copiază' },
        { role: 'paste', label: 'Lipește' },
        { role: 'selectAll', label: 'Selectează tot' },
      ],
    },
    {
      label: '&Vizualizare',
      submenu: [
        { role: 'reload', label: 'Reîncarcă' },
        { type: 'separator' },
        { role: 'zoomIn', label: 'Mărește' },
        { role: 'zoomOut', label: 'Micșorează' },
        { role: 'resetZoom', label: 'Dimensiune reală' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Ecran complet' },
        ...(opts.devTools ? [{ role: 'toggleDevTools', label: 'Instrumente pentru dezvoltatori' } as const] : []),
      ],
    },
    {
      label: '&Ajutor',
      submenu: [
        {
          label: 'Despre PLA Desk',
          click: () => {
            void dialog.showMessageBox({
              type: 'info',
              title: 'Despre PLA Desk',
              message: `PLA Desk ${app.getVersion()}`,
              detail:
                'Aplicație pentru gestionarea Planului Local de Acțiune OGP al Primăriei Municipiului Timișoara.\n' +
                `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
              buttons: ['Închide'],
            });
          },
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
