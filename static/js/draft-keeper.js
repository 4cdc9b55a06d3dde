/* Keep what a person types into a wizard step until the draft has it (the form's
 * data-draft-keeper).
 *
 * Every keystroke is kept in the browser's localStorage under the user, the draft and the step,
 * so a closed tab, a lost connection or a session that ended meanwhile loses nothing. While the
 * portal can be reached the text is also saved to the draft (data-autosave-url, a POST with the
 * form's CSRF token); a session that has ended answers 401 and the text waits in the browser.
 * On return the kept text is put back where it differs from the draft, with a notice in a
 * polite live region and a button that discards it. A value is dropped from the browser once
 * the draft holds it. The texts come from the page, in its language.
 */
(function () {
  "use strict";

  var PREFIX = "iop-draft:";
  var SUBMITTED = "iop-draft-submitted";
  var DELAY_MS = 1500;
  var RETRY_MS = 20000;
  var SUBMIT_MS = 60000;

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "hidden" &&
        (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" &&
          /^(text|number|date|email|tel|url)$/.test(el.type)));
    });
  }

  function read(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "null");
    } catch (e) {
      return null;
    }
  }

  function write(key, value) {
    try {
      if (value) {
        window.localStorage.setItem(key, JSON.stringify(value));
      } else {
        window.localStorage.removeItem(key);
      }
    } catch (e) {
      // Storage full or refused (a private window): the server's autosave still runs.
    }
  }

  function setUp(form) {
    var key = PREFIX + form.getAttribute("data-draft-keeper");
    var url = form.getAttribute("data-autosave-url");
    var notice = document.getElementById("draft-keeper-notice");
    var status = document.getElementById("draft-keeper-status");
    var fields = fieldsOf(form);
    var original = {};  // what the draft holds, as far as this page knows
    var loaded = {};  // what the draft held when the page loaded, for "discard"
    var timer = null;
    var retry = null;
    var sending = false;
    var again = false;

    fields.forEach(function (el) { original[el.name] = loaded[el.name] = el.value; });

    function current() {
      var values = {};
      fields.forEach(function (el) { values[el.name] = el.value; });
      return values;
    }

    function keep() {
      var values = current();
      var changed = {};
      Object.keys(values).forEach(function (name) {
        if (values[name] !== original[name]) { changed[name] = values[name]; }
      });
      write(key, Object.keys(changed).length ? {fields: changed, at: Date.now()} : null);
    }

    function saved(values) {
      // The draft now holds these values: drop those the person has not changed since.
      Object.keys(values).forEach(function (name) { original[name] = values[name]; });
      keep();
    }

    function autosave() {
      if (!url) { return; }
      window.clearTimeout(retry);
      if (sending) {
        // One request at a time, so the draft ends with the newest text.
        again = true;
        return;
      }
      var kept = read(key);
      if (!kept) { return; }
      sending = true;
      var values = current();
      var body = new FormData();
      var token = form.querySelector("input[name=csrfmiddlewaretoken]");
      body.append("csrfmiddlewaretoken", token ? token.value : "");
      Object.keys(values).forEach(function (name) { body.append(name, values[name]); });
      window.fetch(url, {
        method: "POST", body: body, credentials: "same-origin", redirect: "manual",
        headers: {"X-CSRFToken": token ? token.value : "", "Accept": "application/json"},
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(function (answer) {
        var done = {};
        (answer.saved || []).forEach(function (name) { done[name] = values[name]; });
        saved(done);
        sending = false;
        if (again) {
          again = false;
          autosave();
        }
      }).catch(function () {
        // Offline, or the session has ended: the text stays here; try again later.
        sending = false;
        again = false;
        retry = window.setTimeout(autosave, RETRY_MS);
      });
    }

    function changed() {
      keep();
      window.clearTimeout(timer);
      timer = window.setTimeout(autosave, DELAY_MS);
    }

    function restore(kept) {
      var restored = false;
      fields.forEach(function (el) {
        if (Object.prototype.hasOwnProperty.call(kept.fields, el.name) &&
            kept.fields[el.name] !== el.value) {
          el.value = kept.fields[el.name];
          el.dispatchEvent(new Event("input", {bubbles: true}));
          restored = true;
        }
      });
      return restored;
    }

    function discard() {
      fields.forEach(function (el) {
        if (el.value !== loaded[el.name]) { el.value = loaded[el.name]; }
      });
      notice.hidden = true;
      status.textContent = status.getAttribute("data-discarded");
      // The draft may already hold the restored text: put back what it held before.
      write(key, url ? {fields: current(), at: Date.now()} : null);
      autosave();
    }

    // A step sent with its button: when another step's page loads in this tab straight
    // after, the server took it (an ended session shows the login page, a refused value the
    // same step again, a lost connection the browser's error page).
    var submitted = null;
    try {
      submitted = JSON.parse(window.sessionStorage.getItem(SUBMITTED) || "null");
    } catch (e) {
      submitted = null;
    }
    if (submitted && submitted.key !== key && Date.now() - submitted.at < SUBMIT_MS) {
      write(submitted.key, null);
    }
    window.sessionStorage.removeItem(SUBMITTED);

    var kept = read(key);
    if (kept && kept.fields && restore(kept)) {
      notice.hidden = false;
      status.textContent = status.getAttribute("data-restored");
      notice.querySelector("button").addEventListener("click", discard);
      keep();
      autosave();
    } else {
      write(key, null);
    }

    fields.forEach(function (el) {
      el.addEventListener("input", changed);
      el.addEventListener("change", changed);
    });
    form.addEventListener("submit", function () {
      keep();
      window.sessionStorage.setItem(SUBMITTED, JSON.stringify({key: key, at: Date.now()}));
    });
    window.addEventListener("online", autosave);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { keep(); }
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-draft-keeper]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
