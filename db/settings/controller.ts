/**
 * The controller (DESIGN §5 "The controller"): who is responsible for the register's data,
 * how to reach them, and the supervisory authority a person may complain to. The one
 * source bundles, letters and reports read it from.
 *
 * Until a later issue makes it an editable setting, it is the privacy policy's own
 * secretariat (db/seed, §6 "Comment nous contacter"); `db` is taken already so callers do
 * not change when it is read from the settings table. The policy names no supervisory
 * authority: the Belgian one is competent for a controller established in Brussels
 * (GDPR Art. 55–56), and a person may also complain where they live or work (Art. 77).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema';

export interface ControllerDetails {
  name: string;
  address: string;
  email: string;
  /** The DPO or contact person letters are signed by; null: signed by the secretariat. */
  contactPerson: string | null;
  authority: { name: string; address: string; email: string; website: string };
}

const POLICY_DEFAULTS: ControllerDetails = {
  name: 'IMPEL',
  address: 'Secrétariat de l’IMPEL, Chemin des deux maisons 73, boîte 3, 1200 Bruxelles, Belgique',
  email: 'info@impel.eu',
  contactPerson: null,
  authority: {
    name: 'Autorité de protection des données / Gegevensbeschermingsautoriteit',
    address: 'Rue de la Presse 35, 1000 Bruxelles',
    email: 'contact@apd-gba.be',
    website: 'www.autoriteprotectiondonnees.be',
  },
};

export async function controllerDetails(_db: Kysely<Database>): Promise<ControllerDetails> {
  return { ...POLICY_DEFAULTS, authority: { ...POLICY_DEFAULTS.authority } };
}
