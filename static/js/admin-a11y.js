/* Make a tabular inline that scrolls sideways reachable by keyboard (WCAG 2.1.1; axe's
 * scrollable-region-focusable): a read-only inline has nothing focusable inside, so its
 * scrolling wrapper takes the focus itself, named by the inline's heading.
 */
(function () {
  "use strict";

  function setUp() {
    var wrappers = document.querySelectorAll(".inline-related.tabular div.wrapper");
    Array.prototype.forEach.call(wrappers, function (wrapper) {
      if (wrapper.scrollWidth <= wrapper.clientWidth ||
          wrapper.querySelector("a[href], button, input, select, textarea, [tabindex]")) {
        return;
      }
      var heading = wrapper.closest(".inline-related").querySelector("h2");
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      if (heading) { wrapper.setAttribute("aria-label", heading.textContent.trim()); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
