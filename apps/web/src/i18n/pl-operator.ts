/** The platform operator's screens (companies), in Polish; merged into `pl`. */
export const plOperator = {
  'nav.operator': 'Firmy (operator)',
  'operator.title': 'Firmy na platformie',
  'operator.intro':
    'Jako operator platformy zakładasz tu firmy. Adres portalu bez wpisu powstanie z nazwy firmy. Pierwszy właściciel dostaje e-mail z linkiem do ustawienia hasła.',
  'operator.new': 'Nowa firma',
  'operator.nip': 'NIP',
  'operator.slug': 'Adres portalu (opcjonalnie)',
  'operator.slugColumn': 'Adres portalu',
  'operator.owner': 'Pierwszy właściciel',
  'operator.ownerEmail': 'E-mail właściciela',
  'operator.ownerName': 'Imię i nazwisko właściciela',
  'operator.submit': 'Utwórz firmę',
  'operator.created': 'Utworzono firmę {name} (adres portalu: {slug}). Właściciel dostał zaproszenie e-mailem.',
  'operator.list': 'Firmy',
  'operator.search': 'Szukaj (nazwa, NIP, adres portalu)',
  'operator.none': 'Brak firm spełniających kryteria.',
  'operator.createdAt': 'Utworzono',
} as const;
