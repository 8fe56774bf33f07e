/**
 * The words of a rights request's reply letters, in English and French. French is typed
 * as the English object's shape, so a key missing in either language fails to compile.
 * `{{name}}` placeholders are filled by letters.ts with the request's facts (dates already
 * written in words) and the controller's details (db/settings/controller.ts).
 *
 * Every refusal ends with `complaint`: the requester must be told they may complain to
 * the supervisory authority and go to court (GDPR Art. 12(4), 77, 79).
 */
import type { RefusalReason, RequestLetterKind, RequestType } from '../../shared/vocabulary';

export type LetterLanguage = 'en' | 'fr';

const en = {
  /** The locale dates are written in (Intl.DateTimeFormat, long style). */
  locale: 'en-GB',
  titles: {
    acknowledgement: 'Acknowledgement of receipt',
    identity_request: 'Confirming your identity',
    clarification_request: 'Clarifying your request',
    extension: 'Extension of the time to reply',
    completion: 'Our reply to your request',
    refusal: 'Our decision on your request',
  } satisfies Record<RequestLetterKind, string>,
  subject: '{{title}} – your request of {{received}} (reference {{reference}})',
  dateLine: '{{date}}',
  referenceLine: 'Reference: {{reference}}',
  greeting: 'Dear {{name}},',
  greetingUnnamed: 'Dear Sir or Madam,',
  /** What was asked, after "your request for". */
  types: {
    access: 'access to your personal data',
    rectification: 'rectification of your personal data',
    erasure: 'erasure of your personal data',
    portability: 'portability of your personal data',
    restriction: 'restriction of the use of your personal data',
    objection: 'objection to the use of your personal data',
    consent_withdrawal: 'withdrawal of your consent',
  } satisfies Record<RequestType, string>,
  received: 'We received your request for {{type}} on {{received}}.',
  acknowledgement:
    'We will reply by {{due}} at the latest, within one month as Article 12(3) of the General Data Protection Regulation (GDPR) requires. If your request proves complex, we may extend this period by up to two further months; we would tell you so, and why, before {{due}}.',
  identityRequest:
    'Before we act on it, we need to be sure that we are dealing with you and with no one else (Article 12(6) GDPR). Please reply from the e-mail address we hold for you, or show an identity document at our secretariat, or send us a copy of one on which you have covered everything but your name and photo. We only check it; we do not keep a copy.',
  clarificationRequest: 'To answer it, we need you to tell us more: [say what needs clarifying, for example which data, which period or which activity the request is about].',
  suspended: 'The time we have to reply is suspended from {{asked}} until your answer reaches us; from that day, we will reply within one month.',
  extension: 'As Article 12(3) GDPR allows for complex requests, we are extending the time we have to reply by {{months}}, for the following reason: {{reason}}',
  extensionDue: 'We will reply by {{due}} at the latest. We are telling you this within one month of receiving your request, as the law requires.',
  months: { 1: 'one further month', 2: 'two further months' } satisfies Record<1 | 2, string>,
  completionIntro: 'We have now dealt with it.',
  /** What was done, per right. */
  completion: {
    access:
      'We enclose a copy of the personal data we hold about you, with why we use it, where it comes from, who receives it and how long we keep it (Article 15 GDPR). The file contains personal data: keep it safe.',
    rectification:
      'We have corrected the data you pointed out (Article 16 GDPR), and told each organisation we had shared it with about the correction, unless that proved impossible or would have taken disproportionate effort (Article 19 GDPR).',
    erasure:
      'We have erased your personal data from our records (Article 17 GDPR), except what the law obliges us to keep (for example accounting records), which is kept apart and used for nothing else. We have told each organisation we had shared your data with (Article 19 GDPR).',
    portability:
      'We enclose the personal data you gave us, in a structured, commonly used and machine-readable form (JSON and CSV files), which you may keep or give to another organisation (Article 20 GDPR).',
    restriction:
      'We have restricted the use of your personal data (Article 18 GDPR): we keep it, but no longer use it for anything else without your consent, and we will tell you before the restriction is lifted. We have told each organisation we had shared it with (Article 19 GDPR).',
    objection: 'We have stopped using your personal data for the purpose you objected to (Article 21 GDPR).',
    consent_withdrawal:
      'We have recorded the withdrawal of your consent and no longer use your personal data for that purpose. What was done before you withdrew it remains lawful (Article 7(3) GDPR).',
  } satisfies Record<RequestType, string>,
  refusalIntro: 'We have decided not to act on it, for the following reason.',
  /** The ground of a refusal (Art. 12(4) requires the reasons to be given). */
  refusal: {
    manifestly_unfounded: 'Your request is manifestly unfounded (Article 12(5) GDPR).',
    excessive: 'Your request is excessive, in particular because it repeats requests you have already made (Article 12(5) GDPR).',
    identity_not_proven:
      'We could not confirm that we are dealing with you (Article 12(2) and 12(6) GDPR): the information we asked for did not reach us or did not allow us to identify you. If you send it, we will deal with your request.',
    legal_obligation: 'The law obliges us to keep and use the data concerned, and that obligation prevails over your request in this case (Article 17(3)(b) and Article 23 GDPR).',
  } satisfies Record<RefusalReason, string>,
  complaint:
    'You have the right to lodge a complaint with the Belgian Data Protection Authority, {{authority}}{{reach}}, or with the supervisory authority of the EU country where you live or work (Article 77 GDPR), and to seek a judicial remedy before the courts (Article 79 GDPR).',
  /** When an admin named another supervisory authority in Settings → Organisation. */
  complaintOther:
    'You have the right to lodge a complaint with the supervisory authority, {{authority}}{{reach}}, or with the supervisory authority of the EU country where you live or work (Article 77 GDPR), and to seek a judicial remedy before the courts (Article 79 GDPR).',
  questions: 'If you have any question, write to us at {{email}}, quoting the reference {{reference}}.',
  closing: 'Kind regards,',
  signedBy: 'The secretariat, {{controller}}',
};

export type LetterWords = typeof en;

const fr: LetterWords = {
  locale: 'fr-BE',
  titles: {
    acknowledgement: 'Accusé de réception',
    identity_request: 'Confirmation de votre identité',
    clarification_request: 'Précisions sur votre demande',
    extension: 'Prolongation du délai de réponse',
    completion: 'Notre réponse à votre demande',
    refusal: 'Notre décision concernant votre demande',
  },
  subject: '{{title}} – votre demande du {{received}} (référence {{reference}})',
  dateLine: 'Le {{date}}',
  referenceLine: 'Référence : {{reference}}',
  greeting: 'Bonjour {{name}},',
  greetingUnnamed: 'Madame, Monsieur,',
  types: {
    access: 'd’accès à vos données personnelles',
    rectification: 'de rectification de vos données personnelles',
    erasure: 'd’effacement de vos données personnelles',
    portability: 'de portabilité de vos données personnelles',
    restriction: 'de limitation du traitement de vos données personnelles',
    objection: 'd’opposition au traitement de vos données personnelles',
    consent_withdrawal: 'de retrait de votre consentement',
  },
  received: 'Nous avons reçu le {{received}} votre demande {{type}}.',
  acknowledgement:
    'Nous vous répondrons au plus tard le {{due}}, dans le délai d’un mois prévu par l’article 12, paragraphe 3, du règlement général sur la protection des données (RGPD). Si votre demande se révèle complexe, ce délai pourra être prolongé de deux mois au plus ; nous vous en informerions, avec les motifs, avant le {{due}}.',
  identityRequest:
    'Avant d’y donner suite, nous devons nous assurer que nous nous adressons bien à vous et à personne d’autre (article 12, paragraphe 6, du RGPD). Veuillez nous répondre depuis l’adresse électronique que nous détenons pour vous, ou présenter une pièce d’identité à notre secrétariat, ou encore nous en envoyer une copie sur laquelle vous aurez masqué tout sauf votre nom et votre photo. Nous la vérifions seulement ; nous n’en gardons pas de copie.',
  clarificationRequest: 'Pour y répondre, nous avons besoin de précisions : [indiquez ce qui doit être précisé, par exemple les données, la période ou l’activité concernées].',
  suspended:
    'Le délai dont nous disposons pour vous répondre est suspendu à partir du {{asked}} jusqu’à la réception de votre réponse ; à compter de ce jour, nous vous répondrons dans un délai d’un mois.',
  extension:
    'Comme l’article 12, paragraphe 3, du RGPD le permet pour les demandes complexes, nous prolongeons le délai dont nous disposons pour vous répondre {{months}}, pour le motif suivant : {{reason}}',
  extensionDue: 'Nous vous répondrons au plus tard le {{due}}. Nous vous en informons dans le mois qui suit la réception de votre demande, comme la loi l’exige.',
  months: { 1: 'd’un mois', 2: 'de deux mois' },
  completionIntro: 'Nous y avons à présent donné suite.',
  completion: {
    access:
      'Vous trouverez ci-joint une copie des données personnelles que nous détenons à votre sujet, avec la raison pour laquelle nous les utilisons, leur provenance, leurs destinataires et leur durée de conservation (article 15 du RGPD). Ce fichier contient des données personnelles : conservez-le en lieu sûr.',
    rectification:
      'Nous avons corrigé les données que vous nous avez signalées (article 16 du RGPD) et informé de cette rectification chaque organisation à qui nous les avions communiquées, sauf si cela s’est révélé impossible ou aurait exigé des efforts disproportionnés (article 19 du RGPD).',
    erasure:
      'Nous avons effacé vos données personnelles de nos fichiers (article 17 du RGPD), à l’exception de ce que la loi nous oblige à conserver (par exemple les pièces comptables), qui est conservé à part et n’est utilisé à aucune autre fin. Nous en avons informé chaque organisation à qui nous avions communiqué vos données (article 19 du RGPD).',
    portability:
      'Vous trouverez ci-joint les données personnelles que vous nous avez fournies, dans un format structuré, couramment utilisé et lisible par machine (fichiers JSON et CSV), que vous pouvez conserver ou transmettre à une autre organisation (article 20 du RGPD).',
    restriction:
      'Nous avons limité le traitement de vos données personnelles (article 18 du RGPD) : nous les conservons, mais ne les utilisons plus à aucune autre fin sans votre consentement, et nous vous informerons avant la levée de cette limitation. Nous en avons informé chaque organisation à qui nous les avions communiquées (article 19 du RGPD).',
    objection: 'Nous avons cessé d’utiliser vos données personnelles pour la finalité à laquelle vous vous êtes opposé(e) (article 21 du RGPD).',
    consent_withdrawal:
      'Nous avons enregistré le retrait de votre consentement et n’utilisons plus vos données personnelles pour cette finalité. Ce qui a été fait avant ce retrait reste licite (article 7, paragraphe 3, du RGPD).',
  },
  refusalIntro: 'Nous avons décidé de ne pas y donner suite, pour le motif suivant.',
  refusal: {
    manifestly_unfounded: 'Votre demande est manifestement infondée (article 12, paragraphe 5, du RGPD).',
    excessive: 'Votre demande est excessive, notamment parce qu’elle répète des demandes que vous nous avez déjà adressées (article 12, paragraphe 5, du RGPD).',
    identity_not_proven:
      'Nous n’avons pas pu nous assurer que nous nous adressons bien à vous (article 12, paragraphes 2 et 6, du RGPD) : les informations demandées ne nous sont pas parvenues ou ne nous ont pas permis de vous identifier. Si vous nous les envoyez, nous traiterons votre demande.',
    legal_obligation:
      'La loi nous oblige à conserver et à utiliser les données concernées, et cette obligation prévaut en l’espèce sur votre demande (article 17, paragraphe 3, point b), et article 23 du RGPD).',
  },
  complaint:
    'Vous avez le droit d’introduire une réclamation auprès de l’autorité de contrôle belge, {{authority}}{{reach}}, ou auprès de l’autorité de contrôle du pays de l’Union européenne où vous résidez ou travaillez (article 77 du RGPD), ainsi que de former un recours juridictionnel (article 79 du RGPD).',
  complaintOther:
    'Vous avez le droit d’introduire une réclamation auprès de l’autorité de contrôle, {{authority}}{{reach}}, ou auprès de l’autorité de contrôle du pays de l’Union européenne où vous résidez ou travaillez (article 77 du RGPD), ainsi que de former un recours juridictionnel (article 79 du RGPD).',
  questions: 'Pour toute question, écrivez-nous à {{email}} en mentionnant la référence {{reference}}.',
  closing: 'Bien cordialement,',
  signedBy: 'Le secrétariat, {{controller}}',
};

export const LETTER_WORDS: Record<LetterLanguage, LetterWords> = { en, fr };
