/* Lerarentekort in beeld: Streamlit's frontend in Dutch (issue 30).
 *
 * Streamlit has no translation setting (its issue 1353), so its own words (the table toolbar, the pickers, the
 * sidebar, dialogs) and the names of its icon font ("keyboard_arrow_right", read aloud as text) reach visitors in
 * English. dashboard/web/lang.py puts this script in Streamlit's index.html, before Streamlit's own module; it
 *  1. tells Streamlit where the server is (the app's root, from the page list), so the frontend does not first ask
 *     /<page>/_stcore/health and /<page>/_stcore/host-config and get two 404s on every page load;
 *  2. replaces Streamlit's English words, in text and in the attributes a screen reader reads, by the Dutch ones in
 *     WORDS and PATTERNS below, whenever the frontend writes them;
 *  3. hides icon ligatures from screen readers (aria-hidden), as they are pictures, not words;
 *  4. scrolls to a mark the app sets after a map click (dashboard/ui/widgets.scroll_mark), so the profile that
 *     opens below the map comes into view;
 *  5. keeps the keyboard's place: when a rerun replaces the focused element (on a busy server a tab switch can draw
 *     the tab list anew), the focus goes to its successor (same widget key, role and name), not to the page's top.
 * tests/e2e/test_dutch_browser.py reads every page's text and accessibility tree and fails on English UI words, so
 * an upgrade of Streamlit that brings a new English string fails a test; add it to WORDS then.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var pages = ((script && script.getAttribute("data-pages")) || "").split(",").filter(Boolean);
  var parts = window.location.pathname.replace(/\/+$/, "").split("/");
  if (pages.indexOf(parts[parts.length - 1]) >= 0) parts.pop();
  window.__streamlit = Object.assign({}, window.__streamlit || {}, {
    BACKEND_BASE_URL: window.location.origin + parts.join("/") + "/",
  });

  var WORDS = {
    "Skip to main content": "Naar de inhoud",
    "Select all": "Alles kiezen",
    "Clear all": "Alles wissen",
    "Clear selection": "Keuze wissen",
    "Clear value": "Keuze wissen",
    "Clear entry": "Invoer wissen",
    "Choose an option": "Maak een keuze",
    "Choose options": "Maak een keuze",
    "Select...": "Kies…",
    "No results": "Geen resultaten",
    "No options to select": "Niets te kiezen",
    "No options to select.": "Niets te kiezen.",
    "Selected values": "Gekozen waarden",
    "Open": "Openen",
    "Close": "Sluiten",
    "Show/hide columns": "Kolommen tonen of verbergen",
    "Download as CSV": "Downloaden als CSV",
    "Search": "Zoeken",
    "Close Search": "Zoeken sluiten",
    "Next Result": "Volgende resultaat",
    "Previous Result": "Vorige resultaat",
    "Fullscreen": "Volledig scherm",
    "Close fullscreen": "Volledig scherm sluiten",
    "Toggle fullscreen": "Volledig scherm aan of uit",
    "Exit fullscreen": "Volledig scherm sluiten",
    "View fullscreen": "Volledig scherm",
    "Dataframe column menu": "Kolommenu",
    "Copy column name": "Kolomnaam kopiëren",
    "Sort ascending": "Oplopend sorteren",
    "Sort descending": "Aflopend sorteren",
    "Pin column": "Kolom vastzetten",
    "Unpin column": "Kolom losmaken",
    "Hide column": "Kolom verbergen",
    "Autosize": "Breedte passend maken",
    "Format": "Opmaak",
    "Copy to clipboard": "Kopiëren",
    "Copied": "Gekopieerd",
    "Increment": "Hoger",
    "Decrement": "Lager",
    "Collapse sidebar": "Zijbalk inklappen",
    "Expand sidebar": "Zijbalk uitklappen",
    "Sidebar": "Zijbalk",
    "App pages": "Pagina's",
    "Navigate to home page": "Naar de startpagina",
    "Main menu": "Menu",
    "Rerun": "Opnieuw uitvoeren",
    "Print": "Afdrukken",
    "Settings": "Instellingen",
    "About": "Over",
    "Clear cache": "Cache legen",
    "Get help": "Hulp",
    "Report a bug": "Fout melden",
    "Stop script": "Stoppen",
    "Stop": "Stoppen",
    "Running...": "Bezig…",
    "Notifications": "Meldingen",
    "Link to heading": "Link naar deze kop",
    "Scroll tabs right": "Tabbladen naar rechts",
    "Scroll tabs left": "Tabbladen naar links",
    "Browse files": "Bestand kiezen",
    "Upload": "Uploaden",
    "Drag and drop file here": "Sleep een bestand hierheen",
    "Drag and drop files here": "Sleep bestanden hierheen",
    "Delete": "Verwijderen",
    "Cancel": "Annuleren",
    "Page not found": "Pagina niet gevonden",
    "You have requested page /": "U vroeg pagina /",
    "Connecting": "Verbinden",
    "Connection error": "Verbindingsfout",
    "Please wait...": "Even geduld…",
    "Press Enter to apply": "Druk op Enter om toe te passen",
    "Press Enter to submit form": "Druk op Enter om te versturen",
    "Deploy": "Publiceren",
    "Download plot as a png": "Grafiek downloaden als png",
    "Download plot as a PNG": "Grafiek downloaden als PNG",
    "Download plot": "Grafiek downloaden",
    "Download as PNG": "Downloaden als PNG",
    "Zoom": "Inzoomen",
    "Pan": "Verschuiven",
    "Zoom in": "Inzoomen",
    "Zoom out": "Uitzoomen",
    "Autoscale": "Automatisch schalen",
    "Reset axes": "Assen herstellen",
    "Reset view": "Beeld herstellen",
    "Box Select": "Rechthoek selecteren",
    "Lasso Select": "Lasso selecteren",
    "Produced with Plotly.js": "Gemaakt met Plotly.js",
    "Show closest data on hover": "Dichtstbijzijnde waarde tonen",
    "Compare data on hover": "Waarden vergelijken",
    "Toggle Spike Lines": "Hulplijnen aan of uit",
    "Double-click to zoom back out": "Dubbelklik om terug te zoomen",
  };
  var PATTERNS = [
    [/^Remove (.+)$/, "$1 verwijderen"],
    [/^Help for (.+)$/, "Uitleg bij $1"],
    [/^Limit (.+) per file(.*)$/, "Hooguit $1 per bestand$2"],
    [/^The page that you have requested does not seem to exist\.(.*)$/, "De gevraagde pagina bestaat niet.$1"],
    [/^Running the default page instead\.?$/, "U ziet de startpagina."],
  ];
  var ATTRIBUTES = ["aria-label", "title", "placeholder", "aria-placeholder", "data-title", "aria-roledescription"];
  var ICONS =
    '[data-testid="stIconMaterial"], [data-testid="stAlertDynamicIcon"], [data-testid="stExpanderIcon"], ' +
    '[data-testid$="DynamicIcon"], .material-symbols-rounded';

  function dutch(text) {
    var trimmed = text.trim();
    if (!trimmed) return null;
    var found = Object.prototype.hasOwnProperty.call(WORDS, trimmed) ? WORDS[trimmed] : null;
    if (found === null) {
      for (var i = 0; i < PATTERNS.length && found === null; i++) {
        if (PATTERNS[i][0].test(trimmed)) found = trimmed.replace(PATTERNS[i][0], PATTERNS[i][1]);
      }
    }
    return found === null ? null : text.replace(trimmed, found);
  }

  var STYLE =
    "[data-nl-icon] {visibility: hidden; position: relative;}" +
    "[data-nl-icon]::before {content: attr(data-nl-icon); visibility: visible; position: absolute; left: 0; top: 0;}";

  function translateText(node) {
    var parent = node.parentElement;
    if (parent && parent.matches(ICONS)) return icon(parent);
    var replaced = dutch(node.nodeValue || "");
    if (replaced !== null && replaced !== node.nodeValue) node.nodeValue = replaced;
  }

  function translateElement(element) {
    for (var i = 0; i < ATTRIBUTES.length; i++) {
      var value = element.getAttribute(ATTRIBUTES[i]);
      if (value) {
        var replaced = dutch(value);
        if (replaced !== null && replaced !== value) element.setAttribute(ATTRIBUTES[i], replaced);
      }
    }
    if (element.matches && element.matches(ICONS)) icon(element);
    if (element.hasAttribute && element.hasAttribute("data-nl-scroll") && !element.hasAttribute("data-nl-done")) {
      // dashboard/ui/widgets.scroll_mark: after a map click, bring the profile below the map into view.
      element.setAttribute("data-nl-done", "");
      window.setTimeout(function () {
        element.scrollIntoView({ behavior: "smooth", block: "start" });
      }, 50);
    }
  }

  function icon(element) {
    // The glyph is drawn from a copy of its name (the ::before in STYLE), the name itself is invisible: a screen
    // reader skips it (aria-hidden) and copied or read-out page text (innerText) does not hold "keyboard_arrow_right".
    var name = (element.textContent || "").trim();
    if (element.getAttribute("aria-hidden") !== "true") element.setAttribute("aria-hidden", "true");
    if (name && element.getAttribute("data-nl-icon") !== name) element.setAttribute("data-nl-icon", name);
  }

  function translateTree(root) {
    if (root.nodeType === Node.TEXT_NODE) return translateText(root);
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    translateElement(root);
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) translateText(node);
      else translateElement(node);
    }
  }

  // 5. The element that has the focus, and how to find it again: its widget key (st-key-...), role and name. A
  // rerun can disable that element for a moment (a tab loses its tabindex while the script runs on a busy server),
  // move it (React re-inserts its node) or replace it; each leaves the focus on the page's top. Lost is: the focus
  // went nowhere because the focused element could no longer hold it. When it could (the visitor sent the focus away
  // with a mouse press, Tab past the page's end or Escape, or a script called blur()), it is let go. Decided by the
  // element itself, not by a marker set on the key press: a busy page runs a timer that clears such a marker late.
  var held = null;
  var lost = 0;
  var FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";
  function identity(element) {
    var box = element.closest && element.closest('[class*="st-key-"]');
    var key = box ? (box.className.match(/st-key-(\S+)/) || [])[1] : "";
    var name = (element.getAttribute("aria-label") || element.textContent || "").trim();
    return { element: element, key: key || "", role: element.getAttribute("role") || "", name: name };
  }
  function unfocusable(element) {
    return !element.isConnected || !element.matches(FOCUSABLE) || element.disabled || !!element.closest("[inert]");
  }
  function successor(gone) {
    var scope = gone.key ? document.querySelectorAll(".st-key-" + CSS.escape(gone.key)) : [document];
    var selector = gone.role ? '[role="' + gone.role + '"]' : gone.element.tagName;
    for (var i = 0; i < scope.length; i++) {
      var found = scope[i].querySelectorAll(selector);
      for (var j = 0; j < found.length; j++) if (identity(found[j]).name === gone.name) return found[j];
    }
    return null;
  }
  function onPage() {
    var now = document.activeElement;
    return !now || now === document.body || now === document.documentElement;
  }
  function keepFocus() {
    if (!held || !onPage()) return;
    if (!lost && !held.element.isConnected) lost = Date.now(); // removed without a focusout
    if (!lost) return;
    if (Date.now() - lost > 15000) return (held = null); // the widget is gone for good
    var next = held.element.isConnected ? held.element : successor(held);
    if (next && !unfocusable(next)) next.focus({ preventScroll: true });
  }
  document.addEventListener("focusin", function (event) {
    lost = 0;
    if (event.target !== document.body && event.target.getAttribute) held = identity(event.target);
  });
  document.addEventListener("focusout", function (event) {
    if (event.relatedTarget) return;
    var left = event.target;
    // decided after the script or key press that moved the focus: a removal has happened by then
    queueMicrotask(function () {
      if (!held || held.element !== left || !onPage()) return;
      if (unfocusable(left)) lost = Date.now();
      else held = null;
    });
  }, true);
  var focusKeeper = new MutationObserver(keepFocus);

  var observer = new MutationObserver(function (mutations) {
    for (var i = 0; i < mutations.length; i++) {
      var m = mutations[i];
      if (m.type === "characterData") translateText(m.target);
      else if (m.type === "attributes") translateElement(m.target);
      else for (var j = 0; j < m.addedNodes.length; j++) translateTree(m.addedNodes[j]);
    }
  });
  function start() {
    var style = document.createElement("style");
    style.textContent = STYLE;
    document.head.appendChild(style);
    translateTree(document.documentElement);
    observer.observe(document.documentElement, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ATTRIBUTES,
    });
    // after the translator (observers are told in the order they started): a successor's name is Dutch already
    focusKeeper.observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["tabindex", "disabled", "inert"],
    });
  }
  if (document.head) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
