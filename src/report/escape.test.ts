import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, jsonForScript, scriptText } from './escape.js';

test('escapeHtml neutralises the characters that end text or a quoted attribute', () => {
  assert.equal(escapeHtml(`<b class="x" title='y'>Tom & Jerry</b>`), '&lt;b class=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/b&gt;');
  assert.equal(escapeHtml('&amp;'), '&amp;amp;', 'an entity in user text stays text');
  assert.equal(escapeHtml('plain ‖∂L/∂W‖ text'), 'plain ‖∂L/∂W‖ text');
});

test('jsonForScript cannot close its script element and parses back to the same value', () => {
  const value = { name: '</script><script>alert(1)</script> <!-- x', n: [1, null] };
  const text = jsonForScript(value);
  assert.doesNotMatch(text, /</);
  assert.deepEqual(JSON.parse(text), value);
});

test('scriptText keeps code meaning and removes any closing script tag', () => {
  const code = 'const s = "</script>"; const r = /<\\/SCRIPT>/;';
  const text = scriptText(code);
  assert.doesNotMatch(text, /<\/script/i);
  assert.equal(text, 'const s = "<\\/script>"; const r = /<\\/SCRIPT>/;');
  assert.equal(new Function(`${text}; return s;`)(), '</script>');
});
