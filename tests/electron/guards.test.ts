import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { hardenContents, type GuardedContents, type Preventable } from '../../electron/guards';
import { APP_INDEX_URL } from '../../electron/window';

class FakeContents extends EventEmitter implements GuardedContents {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
}

function event(): Preventable & { prevented: boolean } {
  return {
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

function hardened() {
  const contents = new FakeContents();
  const opened: string[] = [];
  hardenContents(contents, (url) => opened.push(url));
  return { contents, opened };
}

describe('webContents hardening', () => {
  it.each(['will-navigate', 'will-redirect'])('%s stays on the app page', (name) => {
    const { contents, opened } = hardened();
    const ok = event();
    contents.emit(name, ok, `${APP_INDEX_URL}#/contacts`);
    expect(ok.prevented).toBe(false);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'about:blank', 'app://registre/other.html', 'data:text/html,x', 'http://example.org/']) {
      const e = event();
      contents.emit(name, e, url);
      expect(e.prevented, url).toBe(true);
    }
    expect(opened).toEqual([]);
  });

  it('hands https links to the OS browser and still cancels the navigation', () => {
    const { contents, opened } = hardened();
    const e = event();
    contents.emit('will-navigate', e, 'https://www.autoriteprotectiondonnees.be/');
    expect(e.prevented).toBe(true);
    expect(opened).toEqual(['https://www.autoriteprotectiondonnees.be/']);
  });

  it('denies every new window, opening only https links outside', () => {
    const { contents, opened } = hardened();
    const handler = contents.openHandler;
    expect(handler).not.toBeNull();
    for (const url of [APP_INDEX_URL, 'about:blank', 'file:///etc/passwd', 'smb://server/share', 'https://user:pw@example.org/', 'https://example.org/help']) {
      expect(handler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://example.org/help']);
  });

  it('refuses to attach a webview', () => {
    const { contents } = hardened();
    const e = event();
    contents.emit('will-attach-webview', e);
    expect(e.prevented).toBe(true);
  });
});
