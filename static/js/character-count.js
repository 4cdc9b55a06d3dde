/* A character counter for every textarea with a limit (core.fields.TextFormField).
 *
 * Without this script the browser's maxlength keeps the text within the limit. With it, the
 * limit is shown as a count instead: maxlength is lifted so that a pasted text is never cut
 * off unseen, the count says how many characters are left or how many too many, and the
 * server refuses a text that is too long with an error beside the field (nothing is lost).
 *
 * The visible count is hidden from screen readers, which would read it on every keystroke;
 * a polite live region says the same a moment after typing stops (as GOV.UK's character
 * count does). The texts come from the page, in its language (data-charcount-left/-over).
 */
(function () {
  "use strict";

  var DELAY_MS = 1000;

  function length(text) {
    // The server counts a line break as one character, as the browser's maxlength does.
    return text.replace(/\r\n/g, "\n").length;
  }

  function format(template, n, max) {
    return template.replace("%(n)s", n.toLocaleString(document.documentElement.lang || "sv"))
      .replace("%(max)s", max.toLocaleString(document.documentElement.lang || "sv"));
  }

  function setUp(field) {
    var max = parseInt(field.getAttribute("data-charcount"), 10);
    if (!max || !field.id) {
      return;
    }
    field.removeAttribute("maxlength");

    var visible = document.createElement("div");
    visible.className = "form-text iop-charcount";
    visible.id = field.id + "-charcount";
    visible.setAttribute("aria-hidden", "true");

    var spoken = document.createElement("div");
    spoken.className = "visually-hidden iop-charcount-status";
    spoken.setAttribute("aria-live", "polite");

    // Read once with the field's description: the limit, before anything is typed.
    var limit = document.createElement("div");
    limit.className = "visually-hidden";
    limit.id = field.id + "-charcount-limit";

    field.insertAdjacentElement("afterend", spoken);
    field.insertAdjacentElement("afterend", visible);
    field.insertAdjacentElement("afterend", limit);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + limit.id);

    var timer = null;

    function message() {
      var left = max - length(field.value);
      if (left < 0) {
        return { text: format(field.getAttribute("data-charcount-over"), -left, max), over: true };
      }
      return { text: format(field.getAttribute("data-charcount-left"), left, max), over: false };
    }

    function update() {
      var now = message();
      visible.textContent = now.text;
      visible.classList.toggle("iop-charcount-over", now.over);
      field.classList.toggle("iop-charcount-field-over", now.over);
      return now;
    }

    limit.textContent = update().text;
    field.addEventListener("input", function () {
      var now = update();
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        spoken.textContent = now.text;
      }, DELAY_MS);
    });
  }

  function start() {
    var fields = document.querySelectorAll("textarea[data-charcount]");
    for (var i = 0; i < fields.length; i++) {
      setUp(fields[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
