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
    draws them again. Workaround for streamlit/streamlit#1353 (no i18n)."""
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
  function swap(node) {
    var words = window.__tripWords || {};
    if (node.nodeType === 3) {
      var text = node.nodeValue.trim();
      if (words[text]) { node.nodeValue = node.nodeValue.replace(text, words[text]); }
      return;
    }
    if (node.nodeType !== 1) { return; }
    ["aria-label", "title"].forEach(function (name) {
      var value = node.getAttribute(name);
      if (value && words[value]) { node.setAttribute(name, words[value]); }
    });
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_ALL);
    for (var next = walker.nextNode(); next; next = walker.nextNode()) {
      if (next.nodeType === 3) { swap(next); }
      else if (next.nodeType === 1) {
        ["aria-label", "title"].forEach(function (name) {
          var value = next.getAttribute(name);
          if (value && words[value]) { next.setAttribute(name, words[value]); }
        });
      }
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
