/* Accessibility fixes (WCAG 2.1 AA, checked with axe) for markup that Django's own admin scripts
 * draw in the browser, where no template or widget attribute can reach it:
 *
 * - A tabular inline that scrolls sideways is reachable by keyboard (WCAG 2.1.1; axe's
 *   scrollable-region-focusable): a read-only inline has nothing focusable inside, so its
 *   scrolling wrapper takes the focus itself, named by the inline's heading. Whether it scrolls
 *   depends on the window's width, which only the browser knows.
 * - The filter icons of a filter_horizontal widget (SelectFilter2.js) carry an aria-label on a
 *   bare <span>, which ARIA does not allow (axe's aria-prohibited-attr): they become images
 *   (role="img"), so the label is allowed and still names the filter box the icon sits in.
 * - The date shortcuts (DateTimeShortcuts.js) say "I dag" but are named "Today (3 december
 *   2026)": Django's Swedish catalogue lacks "Today (%(date)s)" and its siblings, so the name
 *   does not contain the visible word (WCAG 2.5.3; axe's label-content-name-mismatch). The name
 *   becomes the visible word with the date.
 *
 * Both Django scripts draw their widgets on the window's load event (and again for an inline row
 * added later), so the fixes run then.
 */
(function () {
  "use strict";

  var FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";

  function isFocusable(el) {
    if (el.disabled || el.getAttribute("tabindex") === "-1" ||
        (el.tagName === "INPUT" && el.type === "hidden")) {
      return false;
    }
    return el.getClientRects().length > 0;  // drawn, not display:none
  }

  function scrollingInlines() {
    var wrappers = document.querySelectorAll(".inline-related.tabular div.wrapper");
    Array.prototype.forEach.call(wrappers, function (wrapper) {
      if (wrapper.scrollWidth <= wrapper.clientWidth ||
          Array.prototype.some.call(wrapper.querySelectorAll(FOCUSABLE), isFocusable)) {
        return;
      }
      var heading = wrapper.closest(".inline-related").querySelector("h2");
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      if (heading) { wrapper.setAttribute("aria-label", heading.textContent.trim()); }
    });
  }

  function filterIcons() {
    var icons = document.querySelectorAll(".selector .search-label-icon[aria-label]:not([role])");
    Array.prototype.forEach.call(icons, function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function dateShortcuts() {
    var links = document.querySelectorAll(
      ".datetimeshortcuts a[aria-label], .calendar-shortcuts a[aria-label]"
    );
    Array.prototype.forEach.call(links, function (link) {
      var text = link.textContent.trim();
      var name = link.getAttribute("aria-label");
      if (!text || name.toLowerCase().indexOf(text.toLowerCase()) !== -1) { return; }
      var date = name.match(/\(([^()]*)\)\s*$/);
      link.setAttribute("aria-label", date ? text + " (" + date[1] + ")" : text);
    });
  }

  function afterWidgets() {
    // This script is deferred, so its load handler runs after those of the widgets' scripts,
    // which the page's head loads first; once more after them in any case.
    filterIcons();
    dateShortcuts();
    window.setTimeout(function () {
      filterIcons();
      dateShortcuts();
    }, 0);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scrollingInlines);
  } else {
    scrollingInlines();
  }
  if (document.readyState === "complete") {
    afterWidgets();
  } else {
    window.addEventListener("load", afterWidgets);
  }
  document.addEventListener("formset:added", afterWidgets);
})();
