/** `registre settings controller`: the organisation bundles, letters and reports name (Settings → Organisation). */
import type { Input } from '../shared/api/index';
import type { ControllerDto, SettingsDto } from '../shared/dto/index';
import { RegistreError } from '../shared/errors';
import { call, common, withVault, type Command, type Values } from './kit';

/** An option given once or more (parseArgs' `multiple`), its values joined by new lines: one per line of an address. */
function lines(v: Values, name: string): string | undefined {
  const given = v[name] as unknown;
  if (given === undefined) return undefined;
  return (Array.isArray(given) ? given : [given]).filter((l): l is string => typeof l === 'string').join('\n');
}

const indent = (text: string) => text.split('\n').join('\n                       ');

export function controllerText(c: ControllerDto): string {
  const row = (label: string, value: string) => `${label.padEnd(22)} ${value ? indent(value) : '(none)'}`;
  return [
    row('Name', c.name),
    row('Address', c.address),
    row('E-mail', c.email),
    row('Contact person', c.contactPerson ?? ''),
    'Supervisory authority',
    row('  Name', c.authority.name),
    row('  Address', c.authority.address),
    row('  E-mail', c.authority.email),
    row('  Website', c.authority.website),
  ].join('\n');
}

/** `settings show` and `settings set`: the settings one a line, the organisation below them. */
export function settingsText(s: SettingsDto): string {
  const { controller, ...rest } = s;
  return [...Object.entries(rest).map(([k, val]) => `${k.padEnd(20)} ${String(val)}`), '', 'Organisation (printed in bundles, letters to requesters and reports)', controllerText(controller)].join(
    '\n',
  );
}

const option = { type: 'string', multiple: true } as const;

export const controllerCommands: Record<string, Command> = {
  'settings controller': {
    options: {
      ...common,
      name: option,
      address: option,
      email: option,
      contact: option,
      'authority-name': option,
      'authority-address': option,
      'authority-email': option,
      'authority-website': option,
    },
    run: (v: Values, positionals) => {
      if (positionals.length) throw new RegistreError('invalid_input', `Unknown command "settings controller ${positionals[0]}". Run registre --help.`);
      const authority = { name: lines(v, 'authority-name'), address: lines(v, 'authority-address'), email: lines(v, 'authority-email'), website: lines(v, 'authority-website') };
      const input: Input<'settings.setController'> = {
        name: lines(v, 'name'),
        address: lines(v, 'address'),
        email: lines(v, 'email'),
        contactPerson: lines(v, 'contact'),
        ...(Object.values(authority).some((x) => x !== undefined) ? { authority } : {}),
      };
      const changing = Object.values(input).some((x) => x !== undefined);
      return withVault(v, async (core, out) => {
        const s = changing ? await call(core, 'settings.setController', input) : await call(core, 'settings.get', {});
        out.result(s.controller, () => (changing ? `Saved. Bundles, letters and reports now print:\n${controllerText(s.controller)}` : controllerText(s.controller)));
        return 0;
      });
    },
  },
};

export const controllerUsage = `  settings controller [--name NAME] [--address LINE]… [--email E] [--contact NAME]
                      [--authority-name N] [--authority-address LINE]… [--authority-email E] [--authority-website W]
                                      Without options: the organisation bundles, letters and reports name.
                                      With them: change it (admins). Give --address once per line of the
                                      address; "" empties an optional one (contact, the authority's address,
                                      e-mail, website); what is not given is kept
`;
