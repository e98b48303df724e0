// Sentence templates for the PII corpus. `{email}`, `{phone}`, `{credit-card}`, `{iban}`,
// `{us-ssn}`, `{ipv4}`, `{ipv6}`, `{secret}` are PII slots (recorded as gold spans); `{name}`,
// `{first}`, `{city}`, `{company}`, `{street}` are harmless fillers; the other slots take
// near-miss values (see NEAR_MISS_VALUES) that must not be flagged. Styles follow
// presidio-research's templates: chat prompts, support tickets, e-mails, logs, JSON and CSV.

export type Lang = 'en' | 'de' | 'fr' | 'es' | 'it' | 'nl';

export interface Template {
  readonly id: string;
  readonly lang: Lang;
  readonly text: string;
}

const EN: readonly string[] = [
  'Hi, my name is {name} and you can reach me at {email}.',
  'Please update the billing email for {company} to {email} and call me on {phone} if anything fails.',
  'My card number is {credit-card}, expiry 09/27, can you tell me why the payment was declined?',
  'Customer {name} paid with card {credit-card} on order {order}.',
  'Wire the refund to IBAN {iban} (account holder {name}).',
  'Our bank details: {company}, IBAN: {iban}, BIC DEUTDEFF.',
  'SSN: {us-ssn}',
  "Fill in the W-9 for {name}, social security number {us-ssn}, address {street}, {city}.",
  'The server at {ipv4} keeps timing out since {date}; the load balancer is {ipv4}.',
  'Block all traffic from {ipv4} and {ipv6} in the firewall config.',
  'Here is my OpenAI key {secret}, why do I get a 401?',
  "Debug this: const client = new Client({ apiKey: '{secret}' });",
  'export API_TOKEN={secret}',
  'Call {name} at {phone} to confirm the delivery to {street}, {city}.',
  'Text me on {phone} or email {email} when the order {order} ships.',
  'Emergency contact: {name}, phone {phone}.',
  'From: {name} <{email}>\nTo: {email}\nSubject: Invoice {order}\n\nPlease charge {credit-card} instead.',
  'Summarise this ticket: user {email} (IP {ipv4}) reports a failed login at {time} on {date}.',
  '{"name": "{name}", "email": "{email}", "phone": "{phone}", "ip": "{ipv4}"}',
  'name,email,phone,city\n{name},{email},{phone},{city}',
  '| field | value |\n|---|---|\n| card | {credit-card} |\n| iban | {iban} |',
  '2024-06-01T10:22:31Z INFO login ok user={email} src={ipv4} session={uuid}',
  'Jun 12 08:14:55 web01 sshd[2211]: Failed password for root from {ipv4} port 52814 ssh2',
  'Can you check why {ipv6} is not reachable over the VPN?',
  'Translate to French: "Dear {name}, your new card {credit-card} has been shipped."',
  'My SSN is {us-ssn} and my date of birth is {date}; is this enough for the credit check?',
  'Please send the contract to {email}, cc {email}.',
  'I moved. New phone: {phone}. New IBAN {iban}.',
  'The leaked token was {secret}; rotate it and tell me which repos used it.',
  'curl -H "Authorization: Bearer {secret}" https://api.{company_domain}/v1/items',
  'Write a polite reply to {name} ({email}) who asked about the refund of {amount}.',
  'Patient {name}, SSN {us-ssn}, phone {phone}, was admitted on {date}.',
  'Here are the logs:\n[{time}] connect {ipv4}:443 ok\n[{time}] connect {ipv6} timeout',
  'Use card {credit-card} with CVV 123 for the test purchase.',
  'Reach our sales team via {phone} (Mon-Fri) or {email}.',
  'Set the allowed origin to {ipv4}/32 and the admin e-mail to {email}.',
  'My account {iban} was charged twice, reference {order}.',
  'aws configure set aws_access_key_id {secret}',
  'Is {email} a valid address for {company}?',
  'He wrote his number on the form as {phone}, is that a US or UK number?',
  'Please book a table for 4 at 7pm and confirm by SMS to {phone}.',
  'GITHUB_TOKEN={secret} npm publish fails, why?',
  'I am {name}, card {credit-card}, and I want to dispute a charge of {amount}.',
  'Route {ipv4}/24 via {ipv4} and keep {ipv6} as the fallback gateway.',
];

const DE: readonly string[] = [
  'Hallo, ich bin {name}, erreichbar unter {email} oder telefonisch unter {phone}.',
  'Bitte überweisen Sie den Betrag auf mein Konto, IBAN {iban}, Kontoinhaber {name}.',
  'Meine Kreditkartennummer lautet {credit-card}, gültig bis 12/26.',
  'Rückruf erbeten: {name}, Tel. {phone}, {street}, {city}.',
  'Der Server {ipv4} ist seit {date} nicht erreichbar, bitte prüfen.',
  'Mein API-Schlüssel {secret} funktioniert nicht mehr.',
  'Neue Bankverbindung: {iban} bei der {company}.',
  'Kontakt: {email}, Telefon {phone}, Fax {phone}.',
  'Die Sozialversicherungsnummer meines US-Kollegen ist {us-ssn}.',
  'Bitte sperren Sie die IP-Adresse {ipv4} und {ipv6}.',
  'Zahlung mit Karte {credit-card} ist fehlgeschlagen, Bestellung {order}.',
  'Schreib eine E-Mail an {email} und bestätige den Termin am {date}.',
];

const FR: readonly string[] = [
  'Bonjour, je suis {name}, vous pouvez me joindre au {phone} ou par e-mail à {email}.',
  'Veuillez effectuer le virement sur l\'IBAN {iban} au nom de {name}.',
  'Mon numéro de carte bancaire est {credit-card}, expiration 03/28.',
  'Le serveur {ipv4} ne répond plus depuis le {date}.',
  'Voici ma clé API : {secret}. Pourquoi est-elle refusée ?',
  'Coordonnées : {name}, {street}, {city}, tél. {phone}.',
  'Merci d\'envoyer la facture à {email} et de débiter la carte {credit-card}.',
  'Mon collègue américain a le SSN {us-ssn}, est-ce un format valide ?',
  'Bloquez l\'adresse {ipv6} et l\'adresse {ipv4} sur le pare-feu.',
  'Nouveau RIB : {iban}, banque {company}.',
  'Appelez-moi au {phone} demain matin.',
];

const ES: readonly string[] = [
  'Hola, soy {name}, mi correo es {email} y mi teléfono {phone}.',
  'Por favor, transfiera el importe a la cuenta IBAN {iban}.',
  'Mi tarjeta de crédito es {credit-card}, ¿por qué fue rechazada?',
  'El servidor {ipv4} no responde desde el {date}.',
  'Mi clave de API es {secret}, ¿está expuesta?',
  'Llámame al {phone} o escríbeme a {email}.',
  'Datos de contacto: {name}, {street}, {city}, móvil {phone}.',
  'El número de seguro social (SSN) de mi cliente es {us-ssn}.',
  'Bloquea la IP {ipv4} y la dirección {ipv6}.',
  'Pagué con la tarjeta {credit-card} el pedido {order}.',
];

const IT: readonly string[] = [
  'Ciao, sono {name}, potete contattarmi a {email} o al numero {phone}.',
  'Effettuare il bonifico sull\'IBAN {iban} intestato a {name}.',
  'Il numero della mia carta di credito è {credit-card}.',
  'Il server {ipv4} non risponde dal {date}.',
  'Ecco la mia chiave API: {secret}.',
  'Chiamami al {phone} oppure scrivi a {email}.',
  'Recapiti: {name}, {street}, {city}, cellulare {phone}.',
  'Il collega americano ha SSN {us-ssn}.',
  'Blocca gli indirizzi {ipv4} e {ipv6}.',
  'Nuovo IBAN per i pagamenti: {iban}.',
];

const NL: readonly string[] = [
  'Hoi, ik ben {name}, mail me op {email} of bel {phone}.',
  'Maak het bedrag over naar IBAN {iban} t.n.v. {name}.',
  'Mijn creditcardnummer is {credit-card}.',
  'De server {ipv4} reageert niet sinds {date}.',
  'Mijn API-sleutel is {secret}, is die gelekt?',
  'Contactgegevens: {name}, {street}, {city}, telefoon {phone}.',
  'Mijn Amerikaanse collega heeft SSN {us-ssn}.',
  'Blokkeer {ipv4} en {ipv6} in de firewall.',
  'Bel me op {phone} of stuur een bericht naar {email}.',
];

/** Technical and everyday text full of numbers that are not PII. */
const NEGATIVE: readonly string[] = [
  'Upgrade to version {version} before {date}; build {order} fixes the crash.',
  'We are running version {version} of the agent on all hosts.',
  'Order {order} was placed on {date} at {time} for {amount}.',
  'Your order number is {order}, tracking id {order}.',
  'The commit {hash} introduced the regression; the previous one was {hash}.',
  'Request id {uuid} failed at {ts} with status 502.',
  'ISBN {isbn} is the second edition; the first was ISBN {isbn}.',
  'The book (ISBN {isbn}) costs {amount}.',
  'The test card {badcard} should be rejected by the validator.',
  'Reference number {badcard} is not a card, it is our invoice id.',
  'The IBAN {badiban} has a typo, the checksum does not match.',
  'Invalid SSN examples: {badssn} and {badssn}.',
  '{badip} is not a valid address, the first octet is too large.',
  'The device MAC is {mac} and it listens on port {port}.',
  'Meeting moved to {date} {time}; room 4.12, floor 3.',
  'The invoice total is {amount}, due {date}, paid {amount}.',
  'sha256: {hash}\nuuid: {uuid}\ncreated: {ts}',
  'Timestamp {ts} corresponds to {date}.',
  'In section 1.2.3.4 of the spec, the value 3.14159 is rounded to 3.14.',
  'Python 3.12.1 and Node 24.21.0 are installed; pip 24.0.1.',
  'Release notes for version 10.4.2.1: bug fixes and performance.',
  'Population grew from 1,234,567 to 1,345,678 between 2010 and 2020.',
  'The package weighs 12.5 kg and measures 40 x 30 x 20 cm.',
  '{"id": "{uuid}", "created_at": "{ts}", "amount": 1999, "order": "{order}"}',
  'Bestellung {order} vom {date}, Betrag {amount}.',
  'Commande {order} du {date} : montant {amount}.',
  'Pedido {order} del {date}, importe {amount}.',
  'Ordine {order} del {date}, totale {amount}.',
  'Bestelling {order} van {date}, bedrag {amount}.',
  'Ticket #{order} escalated at {time}; see log entry {hash}.',
  'Wait 30 seconds, then retry 3 times with a 250 ms back-off.',
  'The UUID {uuid} and the hash {hash} identify the artifact.',
  'Coordinates 48.8566, 2.3522; elevation 35 m.',
  'Score: 1234567890123 points in level 42.',
  'Serial number {order}, firmware version {version}.',
];

function build(lang: Lang, texts: readonly string[], prefix: string): Template[] {
  return texts.map((text, index) => ({ id: `${prefix}-${String(index + 1).padStart(2, '0')}`, lang, text }));
}

export const TEMPLATES: readonly Template[] = [
  ...build('en', EN, 'en'),
  ...build('de', DE, 'de'),
  ...build('fr', FR, 'fr'),
  ...build('es', ES, 'es'),
  ...build('it', IT, 'it'),
  ...build('nl', NL, 'nl'),
];

export const NEGATIVE_TEMPLATES: readonly Template[] = build('en', NEGATIVE, 'neg');
