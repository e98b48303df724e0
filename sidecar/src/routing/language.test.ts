import { describe, expect, it } from '@jest/globals';
import { detectLanguage, languageMatches } from './language.js';

describe('detectLanguage', () => {
  it.each([
    ['Chinese text', '帮我查一下明天北京的天气', 'zh', 'han'],
    ['a two-character Chinese request', '退款', 'zh', 'han'],
    ['Chinese with English terms', '请用Python写一个快速排序的函数', 'zh', 'han'],
    ['Japanese, whose Han share alone would look Chinese', 'スマホの充電が遅い', 'ja', 'kana'],
    ['Japanese mostly in kanji', '東京都内の天気予報を確認してください', 'ja', 'kana'],
    ['Chinese with a katakana middle dot in a name', '约翰・史密斯是谁', 'zh', 'han'],
    ['Korean', '내일 서울 날씨 어때요?', 'ko', 'hangul'],
    ['English', 'Which team handles refunds?', null, 'latin'],
    ['English quoting one Chinese character', 'What does the character 爱 mean in this sentence?', null, 'latin'],
    ['Russian', 'Какая завтра погода в Москве?', null, 'cyrillic'],
    ['digits and punctuation only', '1 + 2 = ?', null, 'none'],
    ['an empty text', '', null, 'none'],
  ])('reads %s', (_sentence, text, language, script) => {
    expect(detectLanguage(text)).toEqual({ language, script });
  });

  it('decides on the first letters of a very long text', () => {
    expect(detectLanguage(`${'中文内容'.repeat(2000)}${'english '.repeat(100_000)}`).language).toBe('zh');
  });
});

describe('languageMatches', () => {
  it.each([
    ['a language code', ['zh'], true],
    ['a script name', ['han'], true],
    ['another language', ['ja', 'ko'], false],
  ])('matches Chinese text by %s', (_sentence, wanted, expected) => {
    expect(languageMatches({ language: 'zh', script: 'han' }, wanted)).toBe(expected);
  });
});
