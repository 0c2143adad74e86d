"""The document's language and Streamlit's own strings in it, set by a script,
since Streamlit has neither (see docs/private-api.md)."""

from __future__ import annotations

import streamlit as st

from trip.i18n import catalog
from trip.text import js_json


def set_document_language(lang: str) -> None:
    """Streamlit serves ``<html lang="en">`` whatever the content; screen readers need
    the real language (WCAG 3.1.1). Workaround for streamlit/streamlit#15726.

    Streamlit's own strings (the skip link, "Link to heading", its toolbars and
    status) are English only: the same script puts the catalog's words in their
    place, as text and in ``aria-label``/``title``, now and whenever Streamlit
    draws them again; a catalog entry with ``{label}`` stands for Streamlit's
    strings around a label ("Help for {label}"). Workaround for
    streamlit/streamlit#1353 (no i18n)."""
    words = framework_words(lang)
    st.html(
        "<script>"
        f"document.documentElement.lang = {js_json(lang)};"
        f"window.__tripWords = {js_json(words)};"
        f"{TRANSLATE_FRAMEWORK}"
        "</script>",
        unsafe_allow_javascript=True,
        width="content",
    )


def framework_words(lang: str) -> dict[str, str]:
    """Streamlit's English strings -> the reader's language (none for English)."""
    english, own = catalog("en"), catalog(lang)
    keys = [key for key in english if key.startswith("framework.")]
    return {english[key]: own[key] for key in keys if english[key] != own[key]}


# Installed once per page; each run hands it the current language's words.
TRANSLATE_FRAMEWORK = """
(function () {
  // Templates apply to attributes only: a text of the data may start "Help for".
  function translated(value, templates) {
    var words = window.__tripWords || {};
    if (words[value]) { return words[value]; }
    if (!templates) { return null; }
    for (var english in words) {
      var at = english.indexOf("{label}");
      if (at < 0) { continue; }
      var head = english.slice(0, at), tail = english.slice(at + 7);
      if (value.length > head.length + tail.length && value.startsWith(head)
          && value.endsWith(tail)) {
        var label = value.slice(head.length, value.length - tail.length);
        return words[english].replace("{label}", label);
      }
    }
    return null;
  }
  function swapAttributes(node) {
    ["aria-label", "title"].forEach(function (name) {
      var value = node.getAttribute(name);
      var own = value && translated(value, true);
      if (own) { node.setAttribute(name, own); }
    });
  }
  function swap(node) {
    if (node.nodeType === 3) {
      var text = node.nodeValue.trim();
      var own = text && translated(text, false);
      if (own) { node.nodeValue = node.nodeValue.replace(text, own); }
      return;
    }
    if (node.nodeType !== 1) { return; }
    swapAttributes(node);
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_ALL);
    for (var next = walker.nextNode(); next; next = walker.nextNode()) {
      if (next.nodeType === 3) { swap(next); }
      else if (next.nodeType === 1) { swapAttributes(next); }
    }
  }
  swap(document.body);
  if (window.__tripWordsObserver) { return; }
  window.__tripWordsObserver = new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      if (change.type === "childList") { change.addedNodes.forEach(swap); }
      else { swap(change.target); }
    });
  });
  window.__tripWordsObserver.observe(document.body, {
    subtree: true, childList: true, characterData: true,
    attributes: true, attributeFilter: ["aria-label", "title"]
  });
})();
"""
