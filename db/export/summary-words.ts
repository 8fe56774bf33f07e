/**
 * The words of a bundle's summary.html and README.txt, in English and French. French is
 * typed as the English object's shape, so a key missing in either language fails to
 * compile. `{{name}}` placeholders are filled by summary.ts.
 *
 * The controller is named as the privacy policy names it (db/seed, §6 "Comment nous
 * contacter"). The policy names no supervisory authority: the Belgian one is competent
 * for a controller established in Brussels (GDPR Art. 55–56), and a person may also
 * complain where they live or work (Art. 77).
 */
import type { ConsentAction, LawfulBasis } from '../../shared/vocabulary';
import type { PortabilityRecord } from './portability';

export type SummaryLanguage = 'en' | 'fr';

export const CONTROLLER = {
  name: 'IMPEL',
  address: 'Secrétariat de l’IMPEL, Chemin des deux maisons 73, boîte 3, 1200 Bruxelles, Belgique',
  email: 'info@impel.eu',
} as const;

export const AUTHORITY = {
  address: 'Rue de la Presse 35, 1000 Bruxelles',
  email: 'contact@apd-gba.be',
  website: 'www.autoriteprotectiondonnees.be',
} as const;

const en = {
  title: 'Your personal data held by {{controller}}',
  subtitle: 'Prepared for {{name}} on {{date}}',
  accessIntro:
    'This is your copy of everything our contact register holds about you, with why we use it, where it comes from, who receives it and how long we keep it. You asked for it under your right of access (Article 15 of the General Data Protection Regulation, GDPR).',
  portabilityIntro:
    'This file holds the personal data you gave us yourself and that we use with your consent or under a contract with you, in a structured, machine-readable form you can keep or give to another organisation. You asked for it under your right to data portability (Article 20 GDPR).',
  portabilityRule:
    'What is included: your contact details and organisation; each kind of record below only while the purpose we use it for rests on your consent or a contract with you (Article 20(1)(a) GDPR); and your decisions about purposes resting on consent or a contract. Never included, because you did not provide it or it is not based on your consent or a contract: notes written by our staff, our activity log, the systems that hold your data, sharing with partner networks and your requests. You can ask for all of it with a request for access.',
  colRecord: 'Kind of record',
  colIncluded: 'In this file',
  yes: 'Yes',
  no: 'No',
  records: {
    eventParticipations: 'Event registrations',
    projectParticipations: 'Project participations',
    bank: 'Bank details',
    identity: 'Identity document',
    photo: 'Profile photo',
    signature: 'Signed attendance sheets',
    photoPreferences: 'Photo preferences',
  } satisfies Record<PortabilityRecord, string>,
  staffRole: 'secretariat staff',
  signatureWithheld:
    'Signed attendance sheets are listed with their event, date and reason, but the scanned sheet itself is not copied here because it shows the other attendees. You can consult it at our secretariat.',
  privacyShield: 'This framework was invalidated by the Court of Justice of the EU on 16 July 2020 (Schrems II); we are reviewing this transfer.',
  fileSensitive: '{{what}}: the file you gave us (data.json and sensitive-extras.csv refer to it).',
  sensitiveIncluded: 'Sensitive details (bank, identity, photos) are included, as you asked. Keep this file safe.',
  sensitiveLeftOut: 'Sensitive details (bank account, identity document, photos, signatures) are not included. Ask us if you want them too.',
  whoTitle: 'Who we are',
  whoText: 'The organisation responsible for your data (the “controller”) is {{controller}}: {{address}}. E-mail: {{email}}.',
  holdTitle: 'What we hold about you',
  holdTitlePortability: 'What this file holds',
  holdDetails: 'Your main details',
  fieldName: 'Name',
  fieldEmails: 'E-mail addresses',
  fieldPhones: 'Phone numbers',
  fieldJob: 'Job title',
  fieldOrganisation: 'Organisation',
  fieldCountry: 'Country',
  fieldLanguage: 'Language',
  holdCounts: 'Records in this file',
  colWhat: 'What',
  colHowMany: 'How many',
  notGiven: '—',
  whyTitle: 'Why we use your data',
  colPurpose: 'Purpose',
  colBasis: 'Legal ground',
  colChoice: 'Your choice',
  colKeep: 'How long we keep it',
  inUse: 'we may use your data for this',
  notInUse: 'we do not use your data for this',
  sourceTitle: 'Where your data comes from',
  sourceText: 'From you: when you registered for a meeting, took part in a project, filled in a form or wrote to us. Some details may come from your organisation, which is a member of our network.',
  recipientsTitle: 'Who receives your data',
  recipientsText:
    'These service providers work for us under our instructions, for the purposes above or because they hold your data. Some are outside the European Economic Area; the safeguard we rely on is shown.',
  colRecipient: 'Service',
  colRole: 'What it does',
  colCountry: 'Country',
  colSafeguard: 'Safeguard',
  partnersTitle: 'Partner networks your contact details were shared with',
  partnersNone: 'Your contact details were not shared with any partner network.',
  recipientsNone: 'No service provider is recorded.',
  retentionTitle: 'How long we keep your data',
  retentionText:
    'Each purpose above says how long we keep the data. After that we delete it or, where that is not yet possible (for example in backups), keep it isolated from any use until it can be deleted.',
  rightsTitle: 'Your rights',
  rightsIntro: 'You can, at no cost, by writing to {{email}}:',
  rightAccess: 'get a copy of your data (access);',
  rightRectification: 'have wrong or incomplete data corrected (rectification);',
  rightErasure: 'have your data deleted (erasure), except what the law obliges us to keep;',
  rightRestriction: 'have the use of your data restricted while a question is checked (restriction);',
  rightObjection: 'object to a use based on our legitimate interest (objection);',
  rightPortability: 'receive the data you gave us in a machine-readable form (portability);',
  rightWithdraw: 'withdraw a consent at any time, without affecting what was done before (withdrawal).',
  rightsAnswer: 'We answer within one month; for complex requests we may extend this by two months and will tell you why.',
  complaintTitle: 'If you are not satisfied',
  complaintText:
    'You can complain to the Belgian Data Protection Authority (Autorité de protection des données / Gegevensbeschermingsautoriteit), or to the authority of the EU country where you live or work:',
  filesTitle: 'What each file in this folder is',
  colFile: 'File',
  colContents: 'What it contains',
  fileData: 'All the data above in one structured file (JSON), for computers.',
  fileSchema: 'The description of every field in data.json (JSON Schema).',
  fileSummary: 'This summary, as a page to open in a web browser and print.',
  fileReadme: 'The same summary as plain text.',
  colon: ': ',
  fileManifest: 'The list of files with their fingerprints (SHA-256), to check nothing was changed.',
  fileCsv: '{{section}}, as a table you can open in a spreadsheet.',
  footer: 'This document contains personal data. Keep it safe and do not forward it to others.',
  basis: {
    consent: 'Your consent (you can withdraw it at any time)',
    legitimate_interest: 'Our legitimate interest in running the network (you can object)',
    contract: 'A contract with you (for example a refund)',
    legal_obligation: 'A legal obligation (for example accounting)',
  } satisfies Record<LawfulBasis, string>,
  state: {
    granted: 'You agreed',
    withdrawn: 'You withdrew your consent',
    objected: 'You objected',
    restricted: 'You asked us to restrict it',
    none: 'No decision recorded',
  } satisfies Record<ConsentAction | 'none', string>,
  sections: {
    contact: 'Contact details',
    emails: 'E-mail addresses',
    phones: 'Phone numbers',
    organisation: 'Organisation',
    sensitiveExtras: 'Sensitive details',
    participations: 'Events and projects',
    consents: 'Consent decisions',
    consentState: 'Current choices per purpose',
    photoPreferences: 'Photo preferences',
    photoTakedowns: 'Photos taken down',
    systems: 'Systems holding your data',
    sharing: 'Sharing with partner networks',
    requests: 'Your requests',
    requestTasks: 'Steps taken on your requests',
    auditEvents: 'Our activity log about you',
    purposes: 'Purposes',
    recipients: 'Recipients',
  },
};

export type SummaryWords = typeof en;

const fr: SummaryWords = {
  title: 'Vos données personnelles détenues par {{controller}}',
  subtitle: 'Préparé pour {{name}} le {{date}}',
  accessIntro:
    'Voici votre copie de tout ce que notre registre de contacts contient à votre sujet, avec la raison pour laquelle nous l’utilisons, sa provenance, ses destinataires et sa durée de conservation. Vous l’avez demandée en vertu de votre droit d’accès (article 15 du règlement général sur la protection des données, RGPD).',
  portabilityIntro:
    'Ce fichier contient les données personnelles que vous nous avez fournies vous-même et que nous utilisons avec votre consentement ou dans le cadre d’un contrat avec vous, dans un format structuré et lisible par machine que vous pouvez conserver ou transmettre à une autre organisation. Vous l’avez demandé en vertu de votre droit à la portabilité des données (article 20 du RGPD).',
  portabilityRule:
    'Ce qui est inclus : vos coordonnées et votre organisation ; chaque type d’enregistrement ci-dessous seulement tant que la finalité pour laquelle nous l’utilisons repose sur votre consentement ou un contrat avec vous (article 20, paragraphe 1, point a), du RGPD) ; et vos décisions concernant les finalités fondées sur le consentement ou un contrat. Jamais inclus, parce que vous ne l’avez pas fourni ou que cela ne repose pas sur votre consentement ou un contrat : les notes de notre personnel, notre journal d’activité, les systèmes qui détiennent vos données, les partages avec les réseaux partenaires et vos demandes. Vous pouvez obtenir l’ensemble par une demande d’accès.',
  colRecord: 'Type d’enregistrement',
  colIncluded: 'Dans ce fichier',
  yes: 'Oui',
  no: 'Non',
  records: {
    eventParticipations: 'Inscriptions aux événements',
    projectParticipations: 'Participations aux projets',
    bank: 'Coordonnées bancaires',
    identity: 'Pièce d’identité',
    photo: 'Photo de profil',
    signature: 'Listes de présence signées',
    photoPreferences: 'Préférences photo',
  },
  staffRole: 'personnel du secrétariat',
  signatureWithheld:
    'Les listes de présence signées figurent avec leur événement, leur date et leur motif, mais la liste scannée elle-même n’est pas copiée ici, car elle montre les autres participants. Vous pouvez la consulter à notre secrétariat.',
  privacyShield: 'Ce cadre a été invalidé par la Cour de justice de l’Union européenne le 16 juillet 2020 (arrêt Schrems II) ; nous réexaminons ce transfert.',
  fileSensitive: '{{what}} : le fichier que vous nous avez fourni (data.json et sensitive-extras.csv y renvoient).',
  sensitiveIncluded: 'Les données sensibles (banque, identité, photos) sont incluses, comme vous l’avez demandé. Conservez ce fichier en lieu sûr.',
  sensitiveLeftOut: 'Les données sensibles (compte bancaire, pièce d’identité, photos, signatures) ne sont pas incluses. Demandez-les-nous si vous les souhaitez.',
  whoTitle: 'Qui sommes-nous',
  whoText: 'L’organisation responsable de vos données (le « responsable du traitement ») est {{controller}} : {{address}}. Courriel : {{email}}.',
  holdTitle: 'Ce que nous détenons à votre sujet',
  holdTitlePortability: 'Ce que contient ce fichier',
  holdDetails: 'Vos informations principales',
  fieldName: 'Nom',
  fieldEmails: 'Adresses électroniques',
  fieldPhones: 'Numéros de téléphone',
  fieldJob: 'Fonction',
  fieldOrganisation: 'Organisation',
  fieldCountry: 'Pays',
  fieldLanguage: 'Langue',
  holdCounts: 'Enregistrements dans ce fichier',
  colWhat: 'Quoi',
  colHowMany: 'Nombre',
  notGiven: '—',
  whyTitle: 'Pourquoi nous utilisons vos données',
  colPurpose: 'Finalité',
  colBasis: 'Base légale',
  colChoice: 'Votre choix',
  colKeep: 'Durée de conservation',
  inUse: 'nous pouvons utiliser vos données à cette fin',
  notInUse: 'nous n’utilisons pas vos données à cette fin',
  sourceTitle: 'D’où viennent vos données',
  sourceText:
    'De vous : lors de votre inscription à une réunion, de votre participation à un projet, en remplissant un formulaire ou en nous écrivant. Certaines informations peuvent venir de votre organisation, membre de notre réseau.',
  recipientsTitle: 'Qui reçoit vos données',
  recipientsText:
    'Ces prestataires travaillent pour nous, selon nos instructions, pour les finalités ci-dessus ou parce qu’ils détiennent vos données. Certains sont situés hors de l’Espace économique européen ; la garantie invoquée est indiquée.',
  colRecipient: 'Service',
  colRole: 'Rôle',
  colCountry: 'Pays',
  colSafeguard: 'Garantie',
  partnersTitle: 'Réseaux partenaires avec lesquels vos coordonnées ont été partagées',
  partnersNone: 'Vos coordonnées n’ont été partagées avec aucun réseau partenaire.',
  recipientsNone: 'Aucun prestataire n’est enregistré.',
  retentionTitle: 'Combien de temps nous conservons vos données',
  retentionText:
    'Chaque finalité ci-dessus indique la durée de conservation. Ensuite, nous supprimons les données ou, si ce n’est pas encore possible (par exemple dans les sauvegardes), nous les isolons de toute utilisation jusqu’à ce qu’elles puissent être supprimées.',
  rightsTitle: 'Vos droits',
  rightsIntro: 'Vous pouvez, gratuitement, en écrivant à {{email}} :',
  rightAccess: 'obtenir une copie de vos données (accès) ;',
  rightRectification: 'faire corriger des données inexactes ou incomplètes (rectification) ;',
  rightErasure: 'faire supprimer vos données (effacement), sauf ce que la loi nous oblige à conserver ;',
  rightRestriction: 'faire limiter l’utilisation de vos données pendant la vérification d’une question (limitation) ;',
  rightObjection: 'vous opposer à une utilisation fondée sur notre intérêt légitime (opposition) ;',
  rightPortability: 'recevoir les données que vous nous avez fournies dans un format lisible par machine (portabilité) ;',
  rightWithdraw: 'retirer un consentement à tout moment, sans remettre en cause ce qui a été fait avant (retrait).',
  rightsAnswer: 'Nous répondons dans un délai d’un mois ; pour une demande complexe, ce délai peut être prolongé de deux mois et nous vous dirons pourquoi.',
  complaintTitle: 'Si vous n’êtes pas satisfait(e)',
  complaintText:
    'Vous pouvez introduire une plainte auprès de l’Autorité de protection des données (Gegevensbeschermingsautoriteit), ou auprès de l’autorité du pays de l’UE où vous vivez ou travaillez :',
  filesTitle: 'Le contenu de chaque fichier de ce dossier',
  colFile: 'Fichier',
  colContents: 'Contenu',
  fileData: 'Toutes les données ci-dessus dans un seul fichier structuré (JSON), pour les ordinateurs.',
  fileSchema: 'La description de chaque champ de data.json (JSON Schema).',
  fileSummary: 'Ce résumé, sous forme de page à ouvrir dans un navigateur et à imprimer.',
  fileReadme: 'Le même résumé en texte simple.',
  colon: ' : ',
  fileManifest: 'La liste des fichiers avec leurs empreintes (SHA-256), pour vérifier que rien n’a été modifié.',
  fileCsv: '{{section}}, sous forme de tableau à ouvrir dans un tableur.',
  footer: 'Ce document contient des données personnelles. Conservez-le en lieu sûr et ne le transmettez pas à d’autres personnes.',
  basis: {
    consent: 'Votre consentement (vous pouvez le retirer à tout moment)',
    legitimate_interest: 'Notre intérêt légitime à faire fonctionner le réseau (vous pouvez vous y opposer)',
    contract: 'Un contrat avec vous (par exemple un remboursement)',
    legal_obligation: 'Une obligation légale (par exemple comptable)',
  },
  state: {
    granted: 'Vous avez accepté',
    withdrawn: 'Vous avez retiré votre consentement',
    objected: 'Vous vous y êtes opposé(e)',
    restricted: 'Vous avez demandé une limitation',
    none: 'Aucune décision enregistrée',
  },
  sections: {
    contact: 'Coordonnées',
    emails: 'Adresses électroniques',
    phones: 'Numéros de téléphone',
    organisation: 'Organisation',
    sensitiveExtras: 'Données sensibles',
    participations: 'Événements et projets',
    consents: 'Décisions de consentement',
    consentState: 'Choix actuels par finalité',
    photoPreferences: 'Préférences photo',
    photoTakedowns: 'Photos retirées',
    systems: 'Systèmes détenant vos données',
    sharing: 'Partages avec les réseaux partenaires',
    requests: 'Vos demandes',
    requestTasks: 'Étapes de traitement de vos demandes',
    auditEvents: 'Notre journal d’activité vous concernant',
    purposes: 'Finalités',
    recipients: 'Destinataires',
  },
};

export const WORDS: Record<SummaryLanguage, SummaryWords> = { en, fr };

export type SectionKey = keyof SummaryWords['sections'];

export const fill = (text: string, values: Record<string, string | number>): string => text.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(values[k] ?? ''));
