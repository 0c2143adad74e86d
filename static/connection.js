/*
 * The app's connection, as a reader sees it behind deploy/'s nginx (issue 18).
 * nginx puts this script first in Streamlit's page (<head>), with its words from
 * the catalog in data- attributes (deploy/serve.py); Streamlit has no place of
 * its own for a script in <head> (streamlit/streamlit#6140).
 *
 * Busy: when the server refuses the session's websocket (nginx's limit on
 *   sessions per address or in total answers 503), Streamlit retries for ever
 *   behind grey placeholders. After two refusals in a row, a line says the app
 *   is busy and links the briefing pack; it goes once a socket opens.
 * Idle: a tab nobody has touched for IDLE_MS (HIDDEN_MS when it is in the
 *   background) closes its websocket, so idle tabs do not hold the server's
 *   sessions; Streamlit's reconnection waits (its health check is held) until
 *   the reader touches, clicks, scrolls or types, then resumes the session or,
 *   once the server has let it go, opens the same view from the URL.
 */
(function () {
  "use strict";
  var IDLE_MS = 10 * 60 * 1000;
  var HIDDEN_MS = 2 * 60 * 1000;
  var REFUSALS = 2;
  var script = document.currentScript;
  var words = (script && script.dataset) || {};
  var NativeSocket = window.WebSocket;
  var nativeFetch = window.fetch.bind(window);
  var stream = null; // the session's websocket, while it is open
  var refused = 0;
  var paused = false;
  var resumers = [];
  var idleTimer = null;

  function lang() {
    var asked = new URLSearchParams(window.location.search).get("lang");
    var shown = document.documentElement.lang;
    return (asked || shown || "de").slice(0, 2) === "en" ? "en" : "de";
  }

  function say(kind) {
    var line = document.getElementById("trip-connection");
    if (!kind) {
      if (line) line.remove();
      return;
    }
    if (!line) {
      line = document.createElement("div");
      line.id = "trip-connection";
      line.setAttribute("role", "status");
      // Inline: when the app is refused, none of its style sheets has come.
      line.style.cssText =
        "position:fixed;top:0;left:0;right:0;z-index:1000100;" +
        "padding:0.5rem 1rem;background:#fff3cd;color:#1a1a1a;" +
        "border-bottom:1px solid #8a6d00;font:1rem/1.4 sans-serif;" +
        "text-align:center";
      document.body.appendChild(line);
    }
    var suffix = lang() === "en" ? "En" : "De";
    line.dataset.kind = kind;
    line.textContent = words[kind + suffix] || "";
    if (kind === "busy") {
      var link = document.createElement("a");
      link.href = "/pack/";
      link.textContent = words["pack" + suffix] || "/pack/";
      line.appendChild(document.createTextNode(" "));
      line.appendChild(link);
    }
  }

  function isStream(url) {
    return String(url).indexOf("/_stcore/stream") !== -1;
  }

  function Socket(url, protocols) {
    var socket =
      protocols === undefined
        ? new NativeSocket(url)
        : new NativeSocket(url, protocols);
    if (!isStream(url)) return socket;
    var opened = false;
    socket.addEventListener("open", function () {
      opened = true;
      refused = 0;
      stream = socket;
      say(null);
      watch();
    });
    socket.addEventListener("close", function () {
      if (stream === socket) stream = null;
      if (!opened && !paused && ++refused >= REFUSALS) say("busy");
    });
    return socket;
  }
  Socket.prototype = NativeSocket.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (name) {
    Socket[name] = NativeSocket[name];
  });
  window.WebSocket = Socket;

  // While paused, Streamlit's health check (before it reconnects) waits for
  // the reader; its own timeout is not honoured, so it neither retries nor
  // shows a connection error meanwhile.
  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : input && input.url;
    if (!paused || String(url).indexOf("/_stcore/health") === -1) {
      return nativeFetch(input, init);
    }
    return new Promise(function (resolve) {
      resumers.push(function () {
        var plain = Object.assign({}, init || {});
        delete plain.signal;
        resolve(nativeFetch(input, plain));
      });
    });
  };

  function pause() {
    if (!stream) return;
    paused = true;
    say("idle");
    stream.close(1000, "idle");
  }

  function resume() {
    if (paused) {
      paused = false;
      say(null);
      resumers.splice(0).forEach(function (go) {
        go();
      });
    }
    watch();
  }

  function watch() {
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(
      pause,
      document.visibilityState === "hidden" ? HIDDEN_MS : IDLE_MS
    );
  }

  // "blur": a click into the map, which is a frame of its own, takes the
  // focus from this window; its events never reach this one.
  ["pointerdown", "pointermove", "keydown", "wheel", "touchstart", "scroll", "blur"]
    .forEach(function (name) {
      window.addEventListener(name, resume, { capture: true, passive: true });
    });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") resume();
    else watch();
  });
})();
