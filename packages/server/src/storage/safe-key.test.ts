import { describe, expect, it } from 'vitest';
import { isSafeKey, keyProblem, MAX_KEY_BYTES } from './safe-key';

/** Payloads that must never name an object: each one tries to leave the bucket or alias a key. */
const traversalCorpus: Array<{ given: string; why: string }> = [
  { given: '..', why: 'parent' },
  { given: '../etc/passwd', why: 'leading parent' },
  { given: 'a/../../etc/passwd', why: 'inner parent' },
  { given: 'a/..', why: 'trailing parent' },
  { given: './a', why: 'current directory' },
  { given: 'a/./b', why: 'inner current directory' },
  { given: '/etc/passwd', why: 'absolute path' },
  { given: '//server/share', why: 'UNC-like' },
  { given: 'C:/Windows/win.ini', why: 'drive letter' },
  { given: 'c:secret', why: 'drive-relative' },
  { given: '..\\..\\windows\\win.ini', why: 'backslash traversal' },
  { given: 'a\\b', why: 'backslash' },
  { given: 'a\u0000.png', why: 'NUL byte' },
  { given: 'safe.png\u0000../../x', why: 'NUL truncation' },
  { given: '%2e%2e%2fetc%2fpasswd', why: 'encoded traversal' },
  { given: '%2E%2E/secret', why: 'upper-case encoded dots' },
  { given: '..%2fsecret', why: 'encoded slash' },
  { given: '%2fetc%2fpasswd', why: 'encoded absolute path' },
  { given: 'a%5c..%5cb', why: 'encoded backslash' },
  { given: '%252e%252e%252fetc', why: 'double encoding' },
  { given: '%25252e%25252e%25252f', why: 'triple encoding' },
  { given: 'a%00.png', why: 'encoded NUL' },
  { given: 'a%0d%0aSet-Cookie:x', why: 'encoded CRLF' },
  { given: '\uff0e\uff0e/secret', why: 'fullwidth dots (NFKC ..)' },
  { given: '\uff0e\uff0e\uff0fsecret', why: 'fullwidth dots and solidus' },
  { given: 'a\uff3c..\uff3cb', why: 'fullwidth backslash' },
  { given: '\u2024\u2024/x', why: 'one-dot leaders (NFKC ..)' },
  { given: 'invoice\u202egnp.exe', why: 'right-to-left override' },
  { given: 'a\u2066b', why: 'bidi isolate' },
  { given: 'line\nbreak', why: 'newline' },
  { given: 'tab\there', why: 'tab' },
  { given: 'del\u007f', why: 'DEL' },
  { given: 'c1\u0085', why: 'C1 control' },
  { given: 'lone\ud800surrogate', why: 'lone surrogate' },
  { given: '', why: 'empty' },
  { given: 'a//b', why: 'empty segment' },
  { given: 'folder/', why: 'trailing slash' },
  { given: 'x'.repeat(MAX_KEY_BYTES + 1), why: 'over 1024 bytes' },
  { given: 'é'.repeat(513), why: 'over 1024 bytes in UTF-8, not in characters' },
  { given: `a/${'n'.repeat(256)}`, why: 'segment over 255 bytes' },
];

/** Keys that look odd but stay inside the bucket and must be accepted. */
const safeKeys = [
  'avatar.png',
  'users/42/avatar.png',
  '...',
  '.hidden',
  'a..b',
  '..a',
  'file name with spaces.txt',
  '100%.txt',
  'a%20b',
  'notes:1.txt',
  'résumé.pdf',
  '日本語/ファイル.txt',
  'emoji-👩‍💻.png',
  '\uff21bc.txt',
  `${'d'.repeat(255)}/${'f'.repeat(255)}`,
  `${'a/'.repeat(511)}b`,
];

describe('keyProblem: the traversal corpus', () => {
  it.each(traversalCorpus)('refuses $why', ({ given }) => {
    expect(keyProblem(given)).toBeTypeOf('string');
    expect(isSafeKey(given)).toBe(false);
  });
});

describe('keyProblem: safe keys', () => {
  it.each(safeKeys)('accepts %j', (given) => {
    expect(keyProblem(given)).toBeUndefined();
  });
});

describe('keyProblem: messages', () => {
  it.each([
    { given: '../x', want: 'has a .. segment' },
    { given: '/x', want: 'starts with /' },
    { given: 'a\\b', want: 'contains a backslash' },
    { given: 'a\u0000', want: 'contains a NUL byte' },
    { given: '%2e%2e%2fx', want: 'reads as a path traversal once percent-decoded' },
    { given: '\uff0e\uff0e/x', want: 'reads as a path traversal once Unicode-normalised' },
  ])('says why $given is refused', ({ given, want }) => {
    expect(keyProblem(given)).toBe(want);
  });
});
