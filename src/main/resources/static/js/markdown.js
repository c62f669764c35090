// Parley's Markdown for bot replies, safe by construction: the whole text is HTML-escaped first, then a small
// subset is applied to the escaped text: **bold** / __bold__, *italic* / _italic_, `code`, ``` fenced code ```,
// [links](https://…) and bare http(s) URLs (no other scheme), - / * / 1. lists, headings shown bold, line breaks.
// Everything else, raw HTML from the model included, stays visible text. No dependencies; the widget reuses it.
//   ParleyMarkdown.toHtml(text)     -> HTML string, safe to assign to innerHTML
//   ParleyMarkdown.escapeHtml(text) -> text with & < > " ' escaped
(function (root) {
  'use strict';

  const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  // Holds built HTML while the rest of a line is formatted. NUL is removed from the input, so the text itself can
  // never produce a placeholder.
  const MARK = '\u0000';
  const PLACEHOLDER = /\u0000(\d+)\u0000/g;
  const FENCE = /^\s*```/;
  const BLANK = /^\s*$/;
  const HEADING = /^\s{0,3}#{1,6}\s+(.*)$/;
  const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
  const NUMBERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;
  const ESCAPED_QUOTE_OR_BRACKET = /&(?:lt|gt|quot|#39);/;

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
  }

  // The href comes from escaped text and always starts with http:// or https://: no javascript:, no quote to
  // break out of the attribute (a quote in the text is &quot; by now).
  function link(href, label) {
    return '<a href="' + href + '" target="_blank" rel="noopener noreferrer nofollow">' + label + '</a>';
  }

  function emphasis(text) {
    return text
      .replace(/\*\*(\S(?:[^\n]*?\S)?)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[^\w])__(\S(?:[^\n]*?\S)?)__(?!\w)/g, '$1<strong>$2</strong>')
      .replace(/(^|[^*\w])\*(\S(?:[^*\n]*?\S)?)\*(?![*\w])/g, '$1<em>$2</em>')
      .replace(/(^|[^\w])_(\S(?:[^_\n]*?\S)?)_(?!\w)/g, '$1<em>$2</em>');
  }

  // Formats one escaped line: code spans and links are built first and held aside, so emphasis never reaches
  // into code or into a URL's underscores.
  function inline(escaped) {
    const held = [];
    const hold = (html) => MARK + (held.push(html) - 1) + MARK;
    let text = escaped.replace(/`([^`\n]+)`/g, (match, code) => hold('<code>' + code + '</code>'));
    text = text.replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)\u0000]+)\)/g,
      (match, label, href) => hold(link(href, emphasis(label))));
    text = text.replace(/https?:\/\/[^\s\u0000]+/g, (match) => {
      let href = match;
      let rest = '';
      const cut = href.search(ESCAPED_QUOTE_OR_BRACKET);
      if (cut >= 0) {
        rest = href.slice(cut);
        href = href.slice(0, cut);
      }
      const trailing = href.match(/[.,;:!?)\]]+$/);
      if (trailing) {
        rest = trailing[0] + rest;
        href = href.slice(0, -trailing[0].length);
      }
      return (/^https?:\/\/[^/]/.test(href) ? hold(link(href, href)) : href) + rest;
    });
    text = emphasis(text);
    for (let depth = 0; depth < 3 && text.indexOf(MARK) >= 0; depth++) {
      text = text.replace(PLACEHOLDER, (match, index) => held[Number(index)]);
    }
    return text;
  }

  function listItem(line) {
    const bullet = line.match(BULLET);
    if (bullet) {
      return { ordered: false, text: bullet[1] };
    }
    const numbered = line.match(NUMBERED);
    return numbered ? { ordered: true, start: Number(numbered[1]), text: numbered[2] } : null;
  }

  function startsBlock(line) {
    return BLANK.test(line) || FENCE.test(line) || HEADING.test(line) || listItem(line) !== null;
  }

  function toHtml(markdown) {
    const text = String(markdown == null ? '' : markdown).replace(/\u0000/g, '').replace(/\r\n?/g, '\n');
    const lines = escapeHtml(text).split('\n');
    const out = [];
    let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      if (BLANK.test(line)) {
        i++;
      } else if (FENCE.test(line)) {
        const code = [];
        for (i++; i < lines.length && !FENCE.test(lines[i]); i++) {
          code.push(lines[i]);
        }
        i++;
        out.push('<pre><code>' + code.join('\n') + '</code></pre>');
      } else if (HEADING.test(line)) {
        out.push('<p><strong>' + inline(line.match(HEADING)[1]) + '</strong></p>');
        i++;
      } else if (listItem(line)) {
        const first = listItem(line);
        const items = [];
        for (let item = first; item && item.ordered === first.ordered; item = i < lines.length ? listItem(lines[i]) : null) {
          items.push('<li>' + inline(item.text) + '</li>');
          i++;
        }
        const start = first.ordered && first.start !== 1 ? ' start="' + first.start + '"' : '';
        out.push(first.ordered ? '<ol' + start + '>' + items.join('') + '</ol>' : '<ul>' + items.join('') + '</ul>');
      } else {
        const paragraph = [];
        for (; i < lines.length && !startsBlock(lines[i]); i++) {
          paragraph.push(inline(lines[i]));
        }
        out.push('<p>' + paragraph.join('<br>') + '</p>');
      }
    }
    return out.join('');
  }

  const api = { toHtml: toHtml, escapeHtml: escapeHtml };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.ParleyMarkdown = api;
  }
})(typeof window !== 'undefined' ? window : this);
