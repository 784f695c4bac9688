/**
 * The desktop app's connection chooser (first run, or File → Connection…): local data on this PC, or a team
 * server whose certificate fingerprint the user confirms before it is pinned. Plain DOM: it loads before the app,
 * in its own small window; the preload gives it `window.plaConnect` (two functions) and nothing of the contract.
 */
import type { PlaConnect } from '../../../electron/contract';

const bridge = (window as unknown as { plaConnect?: PlaConnect }).plaConnect;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>('choose');
const address = $<HTMLInputElement>('address');
const error = $<HTMLDivElement>('error');
const confirmBox = $<HTMLElement>('confirm');
const confirmError = $<HTMLDivElement>('confirm-error');
let probed: { address: string; fingerprint: string } | null = null;

const show = (el: HTMLElement, text: string | null) => {
  el.textContent = text ?? '';
  el.hidden = !text;
};
const mode = () => (form.querySelector<HTMLInputElement>('input[name="mode"]:checked')?.value === 'team' ? 'team' : 'local');

address.addEventListener('focus', () => {
  (form.querySelector<HTMLInputElement>('input[value="team"]') as HTMLInputElement).checked = true;
});

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  if (!bridge) return show(error, 'Această fereastră se deschide doar din aplicația PLA Desk.');
  const button = $<HTMLButtonElement>('continue');
  button.disabled = true;
  show(error, null);
  void (async () => {
    try {
      if (mode() === 'local') {
        const r = await bridge.choose({ mode: 'local' });
        if (!r.ok) show(error, r.message);
        return;
      }
      const typed = address.value;
      const r = await bridge.probe(typed);
      if (!r.ok) return show(error, r.message);
      probed = { address: typed, fingerprint: r.fingerprint };
      $('origin').textContent = r.origin;
      $('fingerprint').textContent = r.fingerprint;
      $('certificate').textContent = `Certificat emis pentru „${r.subject || '—'}”, valabil până la ${r.validTo || '—'}.`;
      form.hidden = true;
      confirmBox.hidden = false;
    } finally {
      button.disabled = false;
    }
  })();
});

$('trust').addEventListener('click', () => {
  if (!bridge || !probed) return;
  show(confirmError, null);
  void bridge.choose({ mode: 'team', address: probed.address, fingerprint: probed.fingerprint }).then((r) => {
    if (!r.ok) show(confirmError, r.message);
  });
});

$('back').addEventListener('click', () => {
  probed = null;
  confirmBox.hidden = true;
  form.hidden = false;
  show(error, 'Nu vă conectați la un server cu altă amprentă decât cea primită de la departamentul IT: anunțați-l.');
});
