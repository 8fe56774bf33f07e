import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig, vaultDirMemory, writeConfig } from '../../electron/config';
import { call, newCore, PASS, tempDir } from '../helpers';

const defaults = { vaultDir: '/home/anna/Documents/Registre' };

describe('config.json', () => {
  it('falls back to the default folder when missing or malformed', () => {
    const dir = tempDir();
    const file = join(dir, 'config.json');
    expect(readConfig(file, defaults)).toEqual(defaults);
    for (const text of ['', '{', 'null', '[]', '"x"', '{"vaultDir":42}', '{"vaultDir":"  "}', '{"other":"x"}']) {
      writeFileSync(file, text);
      expect(readConfig(file, defaults), text).toEqual(defaults);
    }
  });

  it('round-trips the vault folder, creating the profile folder if needed', () => {
    const file = join(tempDir(), 'profile', 'config.json');
    writeConfig(file, { vaultDir: '/srv/registre' });
    expect(readConfig(file, defaults)).toEqual({ vaultDir: '/srv/registre' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ vaultDir: '/srv/registre' });
  });
});

describe('remembering the vault folder', () => {
  it('saves a folder once it holds a vault, not one merely browsed to', async () => {
    const root = tempDir();
    const file = join(root, 'profile', 'config.json');
    const core = newCore(join(root, 'first'), true);
    const remember = vaultDirMemory(file, core);

    remember();
    expect(existsSync(file)).toBe(false);

    const empty = join(root, 'empty');
    mkdirSync(empty);
    await call(core, 'vault.selectFolder', { dir: empty });
    remember();
    expect(existsSync(file)).toBe(false);

    const second = join(root, 'second');
    await call(core, 'vault.create', { passphrase: PASS, staffName: 'Anna Admin', dir: second });
    remember();
    expect(readConfig(file, defaults)).toEqual({ vaultDir: core.vaultDir });
    expect(core.vaultDir).toBe(second);
  });
});
