// Words just before a candidate that change its reading. Only the few dozen characters before
// the candidate are looked at, so a keyword elsewhere in a long prompt has no effect.

const WINDOW = 48;

// The candidate is an identifier of some other kind: "order #…", "ISBN-13: …", "invoice no. …",
// `"order": "…"` in JSON.
const IDENTIFIER_LABEL =
  /(?:(?:order|invoice|ticket|tracking|isbn(?:-1[03])?|sku|ref|reference|transaction|txn|serial|case|claim|booking|confirmation|shipment|parcel|build|account|acct|customer|member|policy|patient|student|employee|user|bestell(?:ung|nummer)?|rechnung(?:snummer)?|kunden(?:nummer)?|commande|facture|pedido|factura|ordine|fattura)(?:\s*(?:id|no\.?|nr\.?|num(?:ber)?|n[°º]|#))?)(?:\s+(?:is|was|lautet|ist|est|es|è))?["']?\s*[:#=]?\s*["']?\s*$/iy;

const PHONE_WORDS =
  /\b(?:phone|tel|telephone|mobile|cell|call|calling|fax|whatsapp|sms|text|reach|ring|dial|contact\w*|kontakt\w*|contatt\w*|hotline|telefon(?:nummer)?|handy|mobil|rufnummer|anruf\w*|ruf\w*|t[ée]l[ée]phone|t[ée]l|portable|appel\w*|tel[ée]fono|m[óo]vil|llam\w*|ll[áa]mame|cellulare|chiam\w*|telefoon|mobiel|bel|bellen|belt|(?:al|au|am|my|his|her|our|your|mio|mon|ma|mi|meine[rn]?|unter\s+der)\s+(?:numero|num[ée]ro|n[úu]mero|number|nummer))\b/i;

// Nine bare digits are an SSN only right after its label ("SSN: 078051120").
const SSN_LABEL = /(?:ssn|ss#|social\s+security(?:\s+(?:number|no\.?|#))?|itin)(?:\s+(?:is|was))?\s*[:#=]?\s*$/iy;

// "version 1.2.3.4", "v.10.0.0.1", "section 1.2.3.4": dotted numbers that are not addresses.
const VERSION_LABEL =
  /(?:(?:version|ver\.?|v\.?|release|build|firmware|fw|sdk|rev(?:ision)?|update|upgrade|upgraded\s+to|patch|section|chapter|clause|step|figure|fig\.?|table|paragraph|art(?:icle)?|node|python|java|chrome|firefox|npm|pip|kernel|ios|android|oid)|§)\s*[:#=]?\s*$/iy;

function before(text: string, start: number): string {
  return text.slice(Math.max(0, start - WINDOW), start);
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 0xc0 && code <= 0x24f) || code === 0xa7;
}

/** Labels are at most this many words ("social security number is"). */
const LABEL_WORDS = 4;

/**
 * A label pattern (sticky, ending in `$`) tried only at the last few word starts before the
 * candidate: a handful of attempts instead of one per character.
 */
function endsWithLabel(text: string, start: number, label: RegExp): boolean {
  const context = before(text, start);
  let tried = 0;
  for (let at = context.length - 1; at >= 0 && tried < LABEL_WORDS; at -= 1) {
    if (!isLetter(context.charCodeAt(at)) || (at > 0 && isLetter(context.charCodeAt(at - 1)))) continue;
    tried += 1;
    label.lastIndex = at;
    if (label.test(context)) return true;
  }
  return false;
}

export function isLabelledIdentifier(text: string, start: number): boolean {
  return endsWithLabel(text, start, IDENTIFIER_LABEL);
}

const PHONE_WORDS_GLOBAL = new RegExp(PHONE_WORDS.source, 'gi');

// Asked for many windows of one text: the keyword positions are found once per text, and each
// window only looks them up (a scan per window would make a long run of numbers quadratic).
let phoneWordsText: string | undefined;
let phoneWordEnds: number[] = [];

function phoneWordEndsOf(text: string): number[] {
  if (text !== phoneWordsText) {
    phoneWordEnds = [...text.matchAll(PHONE_WORDS_GLOBAL)].map((match) => match.index + match[0].length);
    phoneWordsText = text;
  }
  return phoneWordEnds;
}

export function hasPhoneContext(text: string, start: number): boolean {
  const ends = phoneWordEndsOf(text);
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ends[middle] ?? 0) < start - WINDOW) low = middle + 1;
    else high = middle;
  }
  return (ends[low] ?? Infinity) <= start;
}

export function hasSsnLabel(text: string, start: number): boolean {
  return endsWithLabel(text, start, SSN_LABEL);
}

export function isLabelledVersion(text: string, start: number): boolean {
  return endsWithLabel(text, start, VERSION_LABEL);
}
