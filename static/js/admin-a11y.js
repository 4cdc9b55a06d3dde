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
 *
 * SelectFilter2.js draws its widget on the window's load event (and again for an inline row added
 * later), so the fix runs then. (The date shortcuts are named in Swedish by
 * locale/sv/LC_MESSAGES/djangojs.po, which fills what Django's Swedish catalogue lacks.)
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

  function afterWidgets() {
    // This script is deferred, so its load handler runs after those of the widgets' scripts,
    // which the page's head loads first; once more after them in any case.
    filterIcons();
    window.setTimeout(filterIcons, 0);
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
