// Language by script, from Unicode ranges: one pass over the text, no tables, no allocation.
// Enough for the routes people write (Chinese, Japanese, Korean, "not Latin"); a Latin-script
// text gets no language, since telling English from French needs a real language model.
//
// Chinese: Han ≥ 20 % of the letters (Han + other letters) and no kana. Japanese mixes Han with
// kana, so any real share of kana makes it Japanese ("スマホの充電" is a third Han); checking kana
// first is what keeps Japanese off a Chinese route.

export type Script =
  | 'latin' | 'han' | 'kana' | 'hangul' | 'cyrillic' | 'greek' | 'arabic' | 'hebrew' | 'devanagari' | 'thai' | 'none';

export interface LanguageSignal {
  /** ISO 639-1 code when the script settles it ("zh", "ja", "ko"); null otherwise. */
  readonly language: string | null;
  /** The script with the most letters; "kana" for Japanese text. */
  readonly script: Script;
}

/** Letters read; enough to decide, and keeps a megabyte prompt from costing a millisecond. */
const MAX_SCANNED = 4096;
const HAN_SHARE = 0.2;
/** Kana at least this share of the CJK letters makes Japanese (Chinese text has none). */
const KANA_SHARE = 0.05;
const HANGUL_SHARE = 0.2;

const SCRIPTS: readonly Script[] = ['latin', 'han', 'kana', 'hangul', 'cyrillic', 'greek', 'arabic', 'hebrew', 'devanagari', 'thai'];
const LATIN = 0, HAN = 1, KANA = 2, HANGUL = 3, CYRILLIC = 4, GREEK = 5, ARABIC = 6, HEBREW = 7, DEVANAGARI = 8, THAI = 9;
const NOT_A_LETTER = -1;

function scriptOf(code: number): number {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) ? LATIN : NOT_A_LETTER;
  if (code >= 0x4e00 && code <= 0x9fff) return HAN;
  if (code >= 0x3400 && code <= 0x4dbf) return HAN;
  if (code >= 0xf900 && code <= 0xfaff) return HAN;
  // U+30FB (katakana middle dot) also separates transliterated names in Chinese: not kana.
  if (code >= 0x3040 && code <= 0x30ff) return code === 0x30fb ? NOT_A_LETTER : KANA;
  if (code >= 0x31f0 && code <= 0x31ff) return KANA;
  if (code >= 0xff66 && code <= 0xff9d) return KANA;
  if ((code >= 0xac00 && code <= 0xd7af) || (code >= 0x1100 && code <= 0x11ff) || (code >= 0x3130 && code <= 0x318f)) return HANGUL;
  if (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) return LATIN;
  if (code >= 0x1e00 && code <= 0x1eff) return LATIN;
  if (code >= 0x400 && code <= 0x52f) return CYRILLIC;
  if (code >= 0x370 && code <= 0x3ff) return GREEK;
  if (code >= 0x600 && code <= 0x6ff) return ARABIC;
  if (code >= 0x590 && code <= 0x5ff) return HEBREW;
  if (code >= 0x900 && code <= 0x97f) return DEVANAGARI;
  if (code >= 0xe00 && code <= 0xe7f) return THAI;
  return NOT_A_LETTER;
}

const counts = new Int32Array(SCRIPTS.length);

/**
 * @example detectLanguage('帮我查一下明天北京的天气') // { language: 'zh', script: 'han' }
 * @example detectLanguage('Which team handles refunds?') // { language: null, script: 'latin' }
 */
export function detectLanguage(text: string): LanguageSignal {
  counts.fill(0);
  let letters = 0;
  for (let i = 0; i < text.length && letters < MAX_SCANNED; i++) {
    const script = scriptOf(text.charCodeAt(i));
    if (script === NOT_A_LETTER) continue;
    counts[script]! += 1;
    letters += 1;
  }
  if (letters === 0) return { language: null, script: 'none' };
  const han = counts[HAN]!, kana = counts[KANA]!, hangul = counts[HANGUL]!;
  if (kana > 0 && kana >= KANA_SHARE * (han + kana)) return { language: 'ja', script: 'kana' };
  if (hangul >= HANGUL_SHARE * letters) return { language: 'ko', script: 'hangul' };
  if (han > 0 && han >= HAN_SHARE * letters) return { language: 'zh', script: 'han' };
  let best = LATIN;
  for (let script = 0; script < SCRIPTS.length; script++) if (counts[script]! > counts[best]!) best = script;
  return { language: null, script: SCRIPTS[best]! };
}

/** A rule's `languages` entry names a language code or a script. */
export function languageMatches(signal: LanguageSignal, wanted: readonly string[]): boolean {
  return wanted.some((name) => name === signal.language || name === signal.script);
}
