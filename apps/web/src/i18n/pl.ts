/** Every user-facing string of the web app, in Polish. Keys are grouped by screen. */
export const pl = {
  'app.name': 'Bufor',
  'app.tagline': 'Bufor KSeF — faktury ustrukturyzowane bez przestojów',

  'login.title': 'Zaloguj się',
  'login.subtitle': 'Wpisz dane konta, aby przejść do panelu firmy.',
  'login.email': 'Adres e-mail',
  'login.password': 'Hasło',
  'login.submit': 'Zaloguj się',
  'login.submitting': 'Logowanie…',
  'login.errorGeneric': 'Nie udało się zalogować. Spróbuj ponownie za chwilę.',
  'login.errorInvalid': 'Nieprawidłowy e-mail lub hasło.',
  'login.errorThrottled': 'Zbyt wiele prób logowania. Odczekaj chwilę i spróbuj ponownie.',
  'login.errorRequired': 'Podaj adres e-mail i hasło.',
  'login.sessionExpired': 'Sesja wygasła. Zaloguj się ponownie.',
  'login.footer': 'Dostęp tylko dla uprawnionych użytkowników.',

  'nav.label': 'Menu główne',
  'nav.dashboard': 'Pulpit',
  'nav.sales': 'Sprzedaż',
  'nav.purchases': 'Zakupy',
  'nav.documents': 'Dokumenty',
  'nav.admin': 'Administracja',
  'nav.settings': 'Ustawienia',

  'header.logout': 'Wyloguj',
  'header.loggingOut': 'Wylogowywanie…',
  'header.tenant': 'Firma',
  'header.tenantSwitch': 'Przełącz',
  'header.nip': 'NIP {nip}',

  'role.owner': 'Właściciel',
  'role.admin': 'Administrator',
  'role.user': 'Użytkownik',

  'dashboard.title': 'Pulpit',
  'dashboard.greeting': 'Dzień dobry, {name}!',
  'dashboard.intro':
    'To jest panel Twojej firmy w Buforze: stąd wyślesz faktury do KSeF i odbierzesz faktury zakupowe.',
  'dashboard.company': 'Twoja firma',
  'dashboard.companyName': 'Nazwa',
  'dashboard.companyNip': 'NIP',
  'dashboard.companyRole': 'Twoja rola',
  'dashboard.otherCompanies': 'Masz dostęp do {count} firm. Aktywną firmę zmienisz w nagłówku.',
  'dashboard.next': 'Co dalej',
  'dashboard.linkSales': 'faktury wysłane do KSeF i ich statusy',
  'dashboard.linkPurchases': 'faktury od dostawców pobrane z KSeF',
  'dashboard.linkSettings': 'dane firmy i połączenie z KSeF',
  'dashboard.noMembership':
    'Twoje konto nie jest jeszcze przypisane do żadnej firmy. Poproś administratora o zaproszenie.',

  'sales.title': 'Sprzedaż',
  'sales.empty':
    'Tu pojawią się faktury sprzedażowe przyjęte z Twoich systemów sprzedaży, z ich statusem w KSeF, numerem KSeF i możliwością ponownej wysyłki.',
  'purchases.title': 'Zakupy',
  'purchases.empty':
    'Tu pojawią się faktury zakupowe pobrane z KSeF, gotowe do przejrzenia, przypisania do katalogów i przekazania do księgowości.',
  'documents.title': 'Dokumenty',
  'documents.empty':
    'Tu znajdziesz drzewo katalogów dokumentów (np. według sklepów) i wszystkie dokumenty, do których masz uprawnienia.',
  'admin.title': 'Administracja',
  'admin.empty':
    'Tu administrator zarządzi użytkownikami, grupami, katalogami dokumentów, uprawnieniami, kluczami API i dziennikiem zdarzeń.',
  'settings.title': 'Ustawienia',
  'settings.empty': 'Tu ustawisz dane firmy i połączenie z KSeF (token lub certyfikat, środowisko, test połączenia).',
  'page.comingSoon': 'W przygotowaniu',

  'error.title': 'Coś poszło nie tak',
  'error.body': 'Nie udało się wyświetlić tej strony. Spróbuj ponownie za chwilę.',
  'error.retry': 'Spróbuj ponownie',
  'notFound.title': 'Nie znaleziono strony',
  'notFound.body': 'Strona, której szukasz, nie istnieje albo nie masz do niej dostępu.',
  'notFound.back': 'Wróć na pulpit',
} as const;

export type MessageKey = keyof typeof pl;
